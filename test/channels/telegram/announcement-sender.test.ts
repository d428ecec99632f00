import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api, type ApiClientOptions } from 'grammy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TelegramAnnouncementSender, type Announcement } from '../../../src/channels/telegram/announcement-sender.js';
import { CALLBACK_DATA_MAX_BYTES, parseCallbackData } from '../../../src/channels/telegram/callback-data.js';
import type { RecipientBlocked } from '../../../src/channels/telegram/index.js';
import { TelegramSender } from '../../../src/channels/telegram/telegram-sender.js';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { isolateNetwork, TEST_TOKEN, type ApiCall } from '../../support/telegram-api.js';
import { startTelegramHarness, TEST_TENANT, type TelegramHarness } from '../../support/telegram-harness.js';
import { TEST_CHAT_ID } from '../../support/telegram-updates.js';

/**
 * The broadcast sender the channel builds (its own Api without transformers: it takes its slots in
 * the bot's budget itself; no auto-retry; the real TelegramSender), against the nock fake of the Bot API: what Telegram receives and what the
 * broadcast is told for each of Telegram's answers.
 */

type InlineButton = { text: string; url?: string; callback_data?: string };

const GROUP_CHAT_ID = -1001234567890;
const TEXT = 'Am Samstag öffnet die Reparaturwerkstatt in der Nordstadt um 10 Uhr.';
const CLICK_PAYLOAD = 'bclick-66a1f0c2e4b0a1b2c3d4e5f6';
const TOPIC_OFF_PAYLOAD = 'topic-off-werkstatt';

function announcement(overrides: Partial<Announcement> = {}): Announcement {
  return { chatId: TEST_CHAT_ID, text: TEXT, buttons: [], paid: false, ...overrides };
}

describe('TelegramAnnouncementSender through the channel’s broadcast sender', () => {
  let harness: TelegramHarness;
  const blocked: RecipientBlocked[] = [];

  beforeAll(async () => {
    isolateNetwork();
    // Without per-chat pacing: every test sends to the same chat, one after the other (the budget has its own tests).
    harness = await startTelegramHarness({ logic: async () => undefined, onRecipientBlocked: (event) => void blocked.push(event), overrides: { throttle: { out: { maxConcurrent: 1 } } } });
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => {
    harness.telegram.clear();
    blocked.length = 0;
  });

  const send = (overrides: Partial<Announcement> = {}) => harness.channel.broadcastSender.sendAnnouncement(announcement(overrides));

  /** The one request the announcement made: a broadcast never sends twice on its own. */
  function onlyRequest(): ApiCall {
    expect(harness.telegram.calls.map((call) => call.method)).toEqual(['sendMessage']);
    return harness.telegram.calls[0]!;
  }

  describe('what Telegram receives', () => {
    it('sends the text to the chat without a keyboard when there are no buttons', async () => {
      await expect(send()).resolves.toEqual({ kind: 'sent' });
      expect(onlyRequest().body).toEqual({ chat_id: TEST_CHAT_ID, text: TEXT });
    });

    it('puts each button in a row of its own: a link as url, a deep link as a press of /open <payload>', async () => {
      const buttons = [
        { kind: 'url', label: 'Mehr erfahren', url: 'https://www.dortmund.de/reparatur' },
        { kind: 'deep-link', label: 'Anmelden', payload: CLICK_PAYLOAD },
        { kind: 'deep-link', label: 'Keine Werkstatt-News mehr', payload: TOPIC_OFF_PAYLOAD },
      ] as const;
      await expect(send({ buttons })).resolves.toEqual({ kind: 'sent' });

      const { body } = onlyRequest();
      expect(body).toEqual({
        chat_id: TEST_CHAT_ID,
        text: TEXT,
        reply_markup: {
          inline_keyboard: [
            [{ text: 'Mehr erfahren', url: 'https://www.dortmund.de/reparatur' }],
            [{ text: 'Anmelden', callback_data: expect.any(String) as unknown }],
            [{ text: 'Keine Werkstatt-News mehr', callback_data: expect.any(String) as unknown }],
          ],
        },
      });
      expect(body).not.toHaveProperty('allow_paid_broadcast');

      const rows = (body.reply_markup as { inline_keyboard: InlineButton[][] }).inline_keyboard;
      const pressed = rows.slice(1).map(([button]) => button!.callback_data!);
      // What the bot reads back when the person presses the button.
      expect(pressed.map((data) => parseCallbackData(data).payload)).toEqual([`/open ${CLICK_PAYLOAD}`, `/open ${TOPIC_OFF_PAYLOAD}`]);
      for (const data of pressed) expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    });

    it('asks for a paid broadcast only when the broadcast is paid', async () => {
      await expect(send({ paid: true })).resolves.toEqual({ kind: 'sent' });
      expect(onlyRequest().body).toEqual({ chat_id: TEST_CHAT_ID, text: TEXT, allow_paid_broadcast: true });
    });

    it('sends a paid broadcast with its keyboard', async () => {
      const buttons = [{ kind: 'url', label: 'Programm', url: 'https://example.org/programm' }] as const;
      await expect(send({ paid: true, buttons })).resolves.toEqual({ kind: 'sent' });
      expect(onlyRequest().body).toEqual({
        chat_id: TEST_CHAT_ID,
        text: TEXT,
        reply_markup: { inline_keyboard: [[{ text: 'Programm', url: 'https://example.org/programm' }]] },
        allow_paid_broadcast: true,
      });
    });
  });

  describe('Telegram’s answers as outcomes', () => {
    it('reports a person who blocked the bot as blocked and tells onRecipientBlocked', async () => {
      harness.telegram.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
      await expect(send()).resolves.toEqual({ kind: 'blocked' });
      onlyRequest();
      expect(blocked).toEqual([
        { tenantId: TEST_TENANT.id, chatId: String(TEST_CHAT_ID), userId: String(TEST_CHAT_ID), conversationId: `${TEST_TENANT.id}:${TEST_CHAT_ID}`, reason: 'send-forbidden' },
      ]);
    });

    it('reports a group that removed the bot as blocked without blaming a person', async () => {
      harness.telegram.failNext('sendMessage', 403, 'Forbidden: bot was kicked from the supergroup chat');
      await expect(send({ chatId: GROUP_CHAT_ID })).resolves.toEqual({ kind: 'blocked' });
      expect(onlyRequest().body).toMatchObject({ chat_id: GROUP_CHAT_ID });
      expect(blocked).toEqual([]);
    });

    it('reports a 400 as a permanent failure that names the code', async () => {
      harness.telegram.failNext('sendMessage', 400, 'Bad Request: chat not found');
      const outcome = await send();
      expect(outcome).toEqual({ kind: 'failed', permanent: true, reason: expect.stringContaining('400') as unknown });
      expect(outcome).toMatchObject({ reason: expect.stringContaining('Bad Request: chat not found') as unknown });
      // The reason is shown to operators: never the bot token or the message text.
      expect(JSON.stringify(outcome)).not.toContain(TEST_TOKEN);
      expect(JSON.stringify(outcome)).not.toContain(TEXT);
      onlyRequest();
      expect(blocked).toEqual([]);
    });

    it('reports a 500 as a failure worth trying again, without retrying by itself', async () => {
      harness.telegram.failNext('sendMessage', 500, 'Internal Server Error');
      const outcome = await send();
      expect(outcome).toEqual({ kind: 'failed', permanent: false, reason: expect.stringContaining('500') as unknown });
      onlyRequest();
      expect(blocked).toEqual([]);
    });

    it('sends normally again after a failure', async () => {
      harness.telegram.failNext('sendMessage', 500, 'Internal Server Error');
      await expect(send()).resolves.toMatchObject({ kind: 'failed' });
      await expect(send()).resolves.toEqual({ kind: 'sent' });
      expect(harness.telegram.callsOf('sendMessage')).toHaveLength(2);
    });

    // Last: a 429 pauses every message of the bot for retry_after (the bot's one budget), the next test's too.
    it('turns a 429 into a wait of retry_after seconds, without retrying by itself, and pauses the bot', async () => {
      harness.telegram.failNext('sendMessage', 429, 'Too Many Requests: retry after 7', { retry_after: 7 });
      await expect(send()).resolves.toEqual({ kind: 'retry-after', ms: 7000 });
      onlyRequest();
      expect(blocked).toEqual([]);
      // The next message of the bot, whoever sends it, waits.
      const abort = new AbortController();
      const next = harness.channel.budget.acquire({ chatId: 777, priority: 'interactive', signal: abort.signal });
      const early = await Promise.race([next.then(() => 'sent'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 300))]);
      expect(early).toBe('waiting');
      abort.abort();
      await expect(next).resolves.toBeUndefined();
    });
  });
});

describe('TelegramAnnouncementSender when Telegram cannot be reached', () => {
  beforeAll(() => isolateNetwork());

  it('reports a network failure as not permanent, without the token', async () => {
    // A port on 127.0.0.1 that nobody listens on: the connection is refused.
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    // Built like the channel's broadcastSender (telegram-channel.ts), pointed at the dead port.
    const logger = createLogger('debug', { write: () => undefined });
    const api = new Api(TEST_TOKEN, { apiRoot: `http://127.0.0.1:${port}`, fetch: globalThis.fetch as unknown as ApiClientOptions['fetch'] });
    const blocked: RecipientBlocked[] = [];
    const sender = new TelegramAnnouncementSender(new TelegramSender({ api, tenantId: TEST_TENANT.id, logger, onRecipientBlocked: (event) => void blocked.push(event) }));

    const outcome = await sender.sendAnnouncement(announcement());
    expect(outcome).toEqual({ kind: 'failed', permanent: false, reason: expect.stringContaining('network') as unknown });
    expect(JSON.stringify(outcome)).not.toContain(TEST_TOKEN);
    expect(blocked).toEqual([]);
  });
});
