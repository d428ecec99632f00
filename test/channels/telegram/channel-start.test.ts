import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TurnQueue } from '../../../src/bot/turn-queue.js';
import { createTelegramChannel, TelegramConfigError } from '../../../src/channels/telegram/index.js';
import { createLogger } from '../../../src/platform/logging/logger.js';
import type { DocumentStore } from '../../../src/platform/store/document-store.js';
import { isolateNetwork, TEST_API_ROOT } from '../../support/telegram-api.js';
import { startTelegramHarness, TEST_SECRET, TEST_TENANT, type TelegramHarness } from '../../support/telegram-harness.js';
import { textUpdate } from '../../support/telegram-updates.js';

const noop = async (): Promise<void> => undefined;

async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Telegram channel start and stop', () => {
  let harness: TelegramHarness | undefined;
  beforeAll(() => isolateNetwork());
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('sets the webhook with the secret and the update kinds it handles', async () => {
    harness = await startTelegramHarness({ logic: noop });
    const setWebhook = harness.startCalls.find((call) => call.method === 'setWebhook');
    expect(setWebhook?.body).toEqual({
      url: `https://bot.example.org/telegram/${TEST_TENANT.id}/webhook`,
      secret_token: TEST_SECRET,
      allowed_updates: ['message', 'callback_query', 'my_chat_member'],
      drop_pending_updates: false,
    });
    expect(harness.channel.isReady()).toBe(true);
  });

  it('publishes the command menu per language, and the default language for everybody', async () => {
    const de = [{ command: 'start', description: 'Neu beginnen' }];
    const en = [{ command: 'start', description: 'Start over' }];
    const ar = [{ command: 'start', description: 'ابدأ من جديد' }];
    // Telegram's app languages are two-letter codes: Leichte Sprache readers have "de".
    const easy = [{ command: 'start', description: 'Neu anfangen' }];
    harness = await startTelegramHarness({ logic: noop, commands: { de, 'de-x-ls': easy, en, ar } });
    const menus = harness.startCalls.filter((call) => call.method === 'setMyCommands').map((call) => call.body);
    expect(menus).toEqual([{ commands: de }, { commands: de, language_code: 'de' }, { commands: en, language_code: 'en' }, { commands: ar, language_code: 'ar' }]);
  });

  it('runs without a command menu when Telegram refuses it', async () => {
    harness = await startTelegramHarness({ logic: noop, beforeStart: (telegram) => telegram.failNext('setMyCommands', 400, 'Bad Request: BOT_COMMAND_INVALID') });
    expect(harness.channel.isReady()).toBe(true);
    expect((await harness.postUpdate(textUpdate('Hallo'))).status).toBe(200);
  });

  it('asks getMe at start and answers 503 until it succeeded, checking the secret first', async () => {
    let turns = 0;
    harness = await startTelegramHarness({
      logic: async () => void turns++,
      botInfo: null,
      beforeStart: (telegram) => telegram.failNext('getMe', 502, 'Bad Gateway'),
    });
    const { channel, telegram, postUpdate } = harness;
    expect(channel.isReady()).toBe(false);
    expect((await postUpdate(textUpdate('Hallo'), { secret: 'wrong' })).status).toBe(401);
    expect((await postUpdate(textUpdate('Hallo'))).status).toBe(503);
    await eventually(() => channel.isReady());
    expect(telegram.callsOf('getMe')).toHaveLength(1);
    await telegram.waitFor('setWebhook');
    expect((await postUpdate(textUpdate('Hallo'))).status).toBe(200);
    expect(turns).toBe(1);
  });

  it('gives up on a token Telegram rejects and stays not ready', async () => {
    harness = await startTelegramHarness({ logic: noop, botInfo: null, beforeStart: (telegram) => telegram.failNext('getMe', 401, 'Unauthorized') });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.telegram.callsOf('getMe')).toHaveLength(0);
    expect(harness.startCalls.map((call) => call.method)).toEqual(['getMe']);
    expect(harness.channel.isReady()).toBe(false);
  });

  it('takes no webhook input after stop', async () => {
    harness = await startTelegramHarness({ logic: noop });
    await harness.channel.stop();
    expect(harness.channel.isReady()).toBe(false);
    expect((await harness.postUpdate(textUpdate('Hallo'))).status).toBe(503);
  });

  it('refuses webhook mode without a usable secret', () => {
    const create = (webhookSecret: string | undefined) => () =>
      createTelegramChannel({
        tenant: { ...TEST_TENANT, telegram: { botToken: 'x', broadcastRate: 30, paidBroadcasts: false, ...(webhookSecret === undefined ? {} : { webhookSecret }) } },
        apiRoot: TEST_API_ROOT,
        publicUrl: 'https://bot.example.org',
        store: {} as DocumentStore,
        logger: createLogger('silent'),
        turnQueue: new TurnQueue(),
        logic: noop,
        commands: {},
      });
    expect(create(undefined)).toThrow(TelegramConfigError);
    expect(create('has spaces and ü')).toThrow(TelegramConfigError);
  });
});
