import { afterEach, describe, expect, it } from 'vitest';
import type { BroadcastInput, BroadcastProgress } from '../../../src/features/broadcasts/domain/broadcast.js';
import { startBotApiEmulator, type AcceptedMessage, type BotApiEmulator } from '../../support/bot-api-emulator.js';
import { FIRST_SUBSCRIBER_CHAT_ID, seedTelegramSubscribers } from '../../support/broadcast-fixtures.js';
import { MERGED_TEXT_SEPARATOR } from '../../support/telegram-api.js';
import { callbackUpdate, TEST_CHAT_ID, textUpdate } from '../../support/telegram-updates.js';
import { APP_TEST_TENANT, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * Replies that feel instant, and one budget per bot: the whole app in webhook mode on 127.0.0.1 with
 * Telegram's real limits (no test shortcuts), against the Bot API emulator, which refuses with 429
 * whatever is over a limit (30 per second per bot, per chat a burst of 3 then one per second). Replies,
 * proactive messages and announcements share one budget: replies first, announcements fill what is left.
 */

const EDITOR = { id: 'staff-editor', name: 'Erika Editor' };
const ANNOUNCEMENT: BroadcastInput = {
  title: 'Werkstatt-Einladung',
  topic: 'workshops',
  texts: { de: 'Am Samstag startet die Werkstattreihe.', en: 'The workshop series starts on Saturday.' },
  audience: { channels: [], locales: [], interests: [], districts: [], topics: [] },
  longText: 'split',
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let telegram: BotApiEmulator | undefined;
let harness: TestApp | undefined;

afterEach(async () => {
  await harness?.stop();
  await telegram?.close();
  harness = telegram = undefined;
});

async function start(): Promise<{ app: TestApp; telegram: BotApiEmulator }> {
  // Telegram allows a chat short bursts (Bot API FAQ); the emulator: 3 at once, then one per second.
  telegram = await startBotApiEmulator({ limits: { perChatBurst: 3 } });
  harness = await startTestApp({
    telegram: true,
    env: { TELEGRAM_API_ROOT: telegram.apiRoot, DEMO_CONTENT: 'none' },
    // Telegram's real limits, not the tests' shortcut without per-chat pacing.
    overrides: { telegram: { throttle: undefined }, broadcasts: { pollMs: 100 } },
  });
  return { app: harness, telegram };
}

/** The person of the chat tests (TEST_USER), through the app's webhook. */
function person(app: TestApp, emulator: BotApiEmulator) {
  const mine = (): AcceptedMessage[] => emulator.messagesTo(TEST_CHAT_ID);
  async function post(update: unknown): Promise<void> {
    const response = await app.postTelegramUpdate(update);
    expect(response.status).toBe(200);
  }
  return {
    mine,
    say: (text: string) => post(textUpdate(text)),
    async press(title: string): Promise<void> {
      const withKeyboard = [...mine()].reverse().find((message) => message.replyMarkup !== undefined);
      const rows = (withKeyboard?.replyMarkup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [];
      const button = rows.flat().find((candidate) => candidate.text === title);
      if (!button?.callback_data) throw new Error(`no button "${title}" on the newest keyboard`);
      await post(callbackUpdate(button.callback_data, { messageId: withKeyboard!.messageId }));
    },
  };
}

async function announce(app: TestApp): Promise<string> {
  const broadcast = await app.app.broadcasts.create(APP_TEST_TENANT, EDITOR, ANNOUNCEMENT);
  await app.app.broadcasts.submit(APP_TEST_TENANT, broadcast._id, EDITOR, 'now');
  return broadcast._id;
}

async function finished(app: TestApp, broadcastId: string, timeoutMs: number): Promise<BroadcastProgress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await app.app.broadcasts.progress(APP_TEST_TENANT, broadcastId);
    if (progress.status === 'completed') return progress;
    if (Date.now() > deadline) throw new Error(`broadcast not completed: ${JSON.stringify(progress)}`);
    await sleep(200);
  }
}

const announcementsIn = (messages: readonly AcceptedMessage[]) => messages.filter((message) => Number(message.chatId) >= FIRST_SUBSCRIBER_CHAT_ID);

describe('Telegram replies in the real app, with Telegram’s limits', () => {
  it('answers each turn of someone new with one message that carries the buttons', async () => {
    const { app, telegram } = await start();
    const chat = person(app, telegram);

    await chat.say('/start');
    const [greeting, ...more] = chat.mine();
    expect(more).toEqual([]);
    expect(greeting!.text).toMatch(/^Hallo! Ich bin der KoSI-Bot von Wuppertal/);
    expect(greeting!.text).toContain(`${MERGED_TEXT_SEPARATOR}In welcher Sprache möchtest du schreiben?`);
    expect(JSON.stringify(greeting!.replyMarkup)).toContain('"English"');

    await chat.press('English');
    await chat.press('I agree');
    // "Thank you! Let's get started." and "What would you like to do?" with the menu: one message.
    const welcome = chat.mine().at(-1)!;
    expect(welcome.text).toBe(`Thank you! Let's get started.${MERGED_TEXT_SEPARATOR}What would you like to do?`);
    expect(JSON.stringify(welcome.replyMarkup)).toContain('"My profile"');
    expect(chat.mine()).toHaveLength(3);
    expect(telegram.tooManyRequests).toBe(0);
  });

  it('keeps the per-chat limit when someone taps quickly: a burst of 3, then one a second, never a 429', async () => {
    const { app, telegram } = await start();
    const chat = person(app, telegram);
    await chat.say('/start');
    await chat.press('English');
    await chat.press('I agree');
    await chat.say('/menu');
    await chat.say('/help');
    await chat.say('/menu');

    const times = chat.mine().map((message) => message.at);
    expect(times).toHaveLength(6);
    expect(telegram.tooManyRequests).toBe(0);
    // The first three went at once (the burst), the others a second apart.
    expect(times[2]! - times[0]!).toBeLessThan(900);
    for (let i = 3; i < times.length; i++) expect(times[i]! - times[i - 3]!).toBeGreaterThanOrEqual(1000);
  });
});

describe('one budget per bot: replies and an announcement together', () => {
  it('answers a person during an announcement to 600 people at once, stays within 30 a second, and reaches everyone once', async () => {
    const { app, telegram } = await start();
    const { chatIds } = await seedTelegramSubscribers(app.app.store, APP_TEST_TENANT, 600);
    const broadcastId = await announce(app);
    await telegram.waitForMessages(90, 20_000);

    const chat = person(app, telegram);
    const latencies: number[] = [];
    const timed = async (turn: () => Promise<void>) => {
      const before = chat.mine().length;
      const asked = performance.timeOrigin + performance.now();
      await turn();
      latencies.push(chat.mine()[before]!.at - asked);
    };
    await timed(() => chat.say('/start'));
    await timed(() => chat.press('English'));
    await timed(() => chat.press('I agree'));
    const replied = chat.mine().at(-1)!.at;

    const progress = await finished(app, broadcastId, 60_000);
    const announcements = announcementsIn(telegram.messages);
    // The replies did not wait for the announcement: they came while it was still being sent.
    expect(replied).toBeLessThan(announcements.at(-1)!.at);
    for (const latency of latencies) expect(latency).toBeLessThan(500);
    // Everything the bot sent together, never more than Telegram allows: no 429 at all.
    expect(telegram.tooManyRequests, JSON.stringify(telegram.refused)).toBe(0);
    expect(telegram.busiestWindow(1000)).toBeLessThanOrEqual(30);
    expect(progress).toMatchObject({ total: 600, sent: 600, failed: 0 });
    expect(telegram.duplicates()).toEqual([]);
    for (const chatId of chatIds) expect(telegram.messagesTo(chatId)).toHaveLength(1);
  }, 90_000);

  it('pauses the announcement for the retry_after of a 429 that a reply got, then sends the reply and the rest', async () => {
    const { app, telegram } = await start();
    const { chatIds } = await seedTelegramSubscribers(app.app.store, APP_TEST_TENANT, 150);
    const broadcastId = await announce(app);
    await telegram.waitForMessages(40, 20_000);

    const chat = person(app, telegram);
    telegram.tooManyRequestsFor(TEST_CHAT_ID, 2);
    await chat.say('/start');

    const [refusal] = telegram.refused;
    expect(refusal).toMatchObject({ chatId: String(TEST_CHAT_ID), limit: 'scripted', retryAfter: 2 });
    // Nothing of the bot went out for the 2 seconds (a message already on its way may still arrive).
    const during = announcementsIn(telegram.messages).filter((message) => message.at > refusal!.at + 50 && message.at < refusal!.at + 1950);
    expect(during).toEqual([]);
    const reply = chat.mine()[0]!;
    expect(reply.at - refusal!.at).toBeGreaterThanOrEqual(1950);

    const progress = await finished(app, broadcastId, 60_000);
    expect(progress).toMatchObject({ total: 150, sent: 150, failed: 0 });
    expect(telegram.refused).toHaveLength(1);
    for (const chatId of chatIds) expect(telegram.messagesTo(chatId)).toHaveLength(1);
  }, 60_000);
});
