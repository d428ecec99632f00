import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, APP_TEST_TENANT, APP_TEST_TOKEN, type TestApp } from '../../support/test-app.js';
import { startBotApiEmulator, EMULATOR_BOT, type BotApiEmulator } from '../../support/bot-api-emulator.js';
import { seedTelegramSubscribers } from '../../support/broadcast-fixtures.js';
import { until } from './console-fixtures.js';
import type { BroadcastInput, BroadcastProgress } from '../../../src/features/broadcasts/domain/broadcast.js';
import { ProfileRepository } from '../../../src/foundation/profiles/profile-repository.js';
import { DeliveryRepository } from '../../../src/features/broadcasts/domain/broadcast-repository.js';

/**
 * Broadcast delivery through the real app: the dispatcher, the Telegram channel's sender and a local
 * Bot API emulator on 127.0.0.1 that enforces Telegram's limits (429 when exceeded).
 */

const EDITOR = { id: 'staff-editor', name: 'Erika Editor' };

const INPUT: BroadcastInput = {
  title: 'Werkstatt-Einladung',
  topic: 'workshops',
  texts: { de: 'Am Samstag startet die Werkstattreihe.', en: 'The workshop series starts on Saturday.' },
  button: { kind: 'url', target: 'https://www.wuppertal.de/werkstatt', labels: { de: 'Zur Anmeldung', en: 'Register' } },
  audience: { channels: [], locales: [], interests: [], districts: [], topics: [] },
  longText: 'split',
};

let harness: TestApp | undefined;
let telegram: BotApiEmulator | undefined;

afterEach(async () => {
  await harness?.stop();
  await telegram?.close();
  harness = undefined;
  telegram = undefined;
});

async function start(options: { blocked?: number[]; env?: Record<string, string>; telegramLimit?: number } = {}): Promise<{ harness: TestApp; telegram: BotApiEmulator }> {
  telegram = await startBotApiEmulator({ blockedChats: options.blocked ?? [], ...(options.telegramLimit ? { limits: { messagesPerWindow: options.telegramLimit } } : {}) });
  harness = await startTestApp({
    env: { TELEGRAM_BOT_TOKEN: APP_TEST_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, DEMO_CONTENT: 'none', ...options.env },
    overrides: { telegram: { botInfo: EMULATOR_BOT }, broadcasts: { pollMs: 100, retryBaseMs: 20 } },
  });
  return { harness, telegram };
}


async function sendAndFinish(app: TestApp['app'], input: BroadcastInput = INPUT): Promise<BroadcastProgress> {
  const broadcast = await app.broadcasts.create(APP_TEST_TENANT, EDITOR, input);
  await app.broadcasts.submit(APP_TEST_TENANT, broadcast._id, EDITOR, 'now');
  let progress: BroadcastProgress | undefined;
  await until(async () => {
    progress = await app.broadcasts.progress(APP_TEST_TENANT, broadcast._id);
    return progress.status === 'completed';
  });
  return progress!;
}

describe('broadcast delivery on Telegram', () => {
  it('sends each subscriber one message in their language, ending with how to unsubscribe, with the button and "unsubscribe topic"', async () => {
    const { harness, telegram } = await start();
    const { chatIds } = await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 12);

    const progress = await sendAndFinish(harness.app);

    expect(progress).toMatchObject({ total: 12, sent: 12, pending: 0, failed: 0, blocked: 0 });
    expect(telegram.duplicates()).toEqual([]);
    expect(telegram.tooManyRequests).toBe(0);
    for (const [index, chatId] of chatIds.entries()) {
      const [message, ...more] = telegram.messagesTo(chatId);
      expect(more).toEqual([]);
      const german = index % 2 === 0;
      expect(message!.text).toContain(german ? 'Am Samstag startet die Werkstattreihe.' : 'The workshop series starts on Saturday.');
      expect(message!.text).toMatch(german ? /Abbestellen: \/stop/ : /Unsubscribe: \/stop/);
      const rows = (message!.replyMarkup as { inline_keyboard: { text: string; url?: string; callback_data?: string }[][] }).inline_keyboard;
      expect(rows[0]![0]).toMatchObject({ text: german ? 'Zur Anmeldung' : 'Register', url: 'https://www.wuppertal.de/werkstatt' });
      expect(rows[1]![0]).toMatchObject({ text: german ? 'Thema abbestellen' : 'Unsubscribe topic', callback_data: '0|/open topic-off-workshops' });
    }
  });

  it('sends the German text with a note in their language to people whose language has no text of its own', async () => {
    const { harness, telegram } = await start();
    const { chatIds } = await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 3, { locales: ['ar', 'en', 'de'] });

    await sendAndFinish(harness.app);

    const [arabic, english, german] = chatIds.map((chatId) => telegram.messagesTo(chatId)[0]!.text);
    expect(arabic).toContain('Am Samstag startet die Werkstattreihe.');
    expect(arabic).toContain('هذا الإدخال متوفر باللغة الألمانية فقط.');
    expect(english).toContain('The workshop series starts on Saturday.');
    expect(english).not.toContain('only available in German');
    expect(german).not.toContain('nur auf Deutsch');
  });

  it('never includes people who sent /stop or dropped the topic, and respects the audience filter', async () => {
    const { harness, telegram } = await start();
    const everyone = await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 6);
    const cityOnly = await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 2, { firstChatId: 710_000_000, topics: ['city'] });
    const profiles = new ProfileRepository(harness.app.store);
    await profiles.update(APP_TEST_TENANT, everyone.profileIds[0]!, { $set: { 'announcements.subscribed': false } });

    const size = await harness.app.broadcasts.audienceSize(APP_TEST_TENANT, 'workshops', { ...INPUT.audience, locales: ['en'] });
    expect(size).toMatchObject({ total: 3, byChannel: { telegram: 3, webchat: 0 }, byLocale: { en: 3 } });

    const progress = await sendAndFinish(harness.app, { ...INPUT, audience: { ...INPUT.audience, locales: ['en'] } });
    expect(progress.sent).toBe(3);
    const reached = new Set(telegram.messages.map((message) => Number(message.chatId)));
    expect(reached).toEqual(new Set([everyone.chatIds[1], everyone.chatIds[3], everyone.chatIds[5]]));
    for (const chatId of cityOnly.chatIds) expect(reached.has(chatId)).toBe(false);
  });

  it('marks a person who blocked the bot as blocked and leaves them out of the next broadcast', async () => {
    const { harness, telegram } = await start({ blocked: [700_000_001] });
    const { profileIds } = await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 4);

    const first = await sendAndFinish(harness.app);
    expect(first).toMatchObject({ total: 4, sent: 3, blocked: 1 });
    expect((await new ProfileRepository(harness.app.store).findById(APP_TEST_TENANT, profileIds[1]!))?.status).toBe('blocked');

    const second = await sendAndFinish(harness.app, { ...INPUT, title: 'Zweite' });
    expect(second).toMatchObject({ total: 3, sent: 3, blocked: 0 });
    expect(telegram.forbidden).toBe(1);
  });

  it('waits retry_after when Telegram answers 429 and goes on: everyone once, nobody skipped', async () => {
    // Telegram allows fewer than configured here (e.g. other traffic of the bot): the emulator refuses the excess.
    const { harness, telegram } = await start({ telegramLimit: 8 });
    const { chatIds } = await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 24);

    const progress = await sendAndFinish(harness.app);

    expect(telegram.tooManyRequests).toBeGreaterThan(0);
    expect(progress).toMatchObject({ total: 24, sent: 24, failed: 0 });
    for (const chatId of chatIds) expect(telegram.messagesTo(chatId)).toHaveLength(1);
    expect(harness.logs.some((line) => line.includes('Telegram asked to slow down (429)'))).toBe(true);
  });

  it('retries server errors with back-off and records the reason when the attempts are used up', async () => {
    const { harness, telegram } = await start();
    const { chatIds } = await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 3);
    telegram.failChat(chatIds[0]!, 2);
    telegram.failChat(chatIds[1]!, 50);

    const progress = await sendAndFinish(harness.app);

    expect(progress).toMatchObject({ sent: 2, failed: 1 });
    expect(progress.failureReasons).toEqual([{ reason: expect.stringMatching(/^Telegram 500/), count: 1 }]);
    expect(telegram.messagesTo(chatIds[0]!)).toHaveLength(1);
    expect(telegram.messagesTo(chatIds[1]!)).toHaveLength(0);
  });

  it('splits a text longer than one Telegram message at paragraphs, one second apart in the chat', async () => {
    const { harness, telegram } = await start();
    const { chatIds } = await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 1, { locales: ['de'] });
    const paragraph = 'Lorem ipsum dolor sit amet. '.repeat(60).trim();
    const long = [paragraph, paragraph, paragraph].join('\n\n');

    const progress = await sendAndFinish(harness.app, { ...INPUT, texts: { de: long } });

    expect(progress.sent).toBe(1);
    const parts = telegram.messagesTo(chatIds[0]!);
    expect(parts.length).toBe(2);
    expect(parts.every((part) => (part.text ?? '').length <= 4096)).toBe(true);
    expect(parts[0]!.text).toBe([paragraph, paragraph].join('\n\n'));
    expect(parts[1]!.text).toMatch(/Abbestellen/);
    expect(parts[1]!.at - parts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(parts[0]!.replyMarkup).toBeUndefined();
  });

  it('refuses a long text when the editor chose "refuse", an empty audience, and a time in the past', async () => {
    const { harness } = await start();
    await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 1, { locales: ['de'] });
    const { broadcasts } = harness.app;
    const long = await broadcasts.create(APP_TEST_TENANT, EDITOR, { ...INPUT, texts: { de: 'x '.repeat(2100) }, longText: 'refuse' });
    await expect(broadcasts.submit(APP_TEST_TENANT, long._id, EDITOR, 'now')).rejects.toMatchObject({ code: 'text-too-long', locale: 'de' });

    const nobody = await broadcasts.create(APP_TEST_TENANT, EDITOR, { ...INPUT, audience: { ...INPUT.audience, channels: ['webchat'] } });
    await expect(broadcasts.submit(APP_TEST_TENANT, nobody._id, EDITOR, 'now')).rejects.toMatchObject({ code: 'empty-audience' });

    const late = await broadcasts.create(APP_TEST_TENANT, EDITOR, INPUT);
    await expect(broadcasts.submit(APP_TEST_TENANT, late._id, EDITOR, new Date(Date.now() - 3_600_000))).rejects.toMatchObject({ code: 'in-the-past' });
    expect((await broadcasts.get(APP_TEST_TENANT, late._id))?.status).toBe('draft');
  });

  it('pauses, resumes and cancels while sending; a cancelled broadcast sends nothing more', async () => {
    const { harness, telegram } = await start({ env: { TELEGRAM_BROADCAST_RATE: '5' } });
    await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 40);
    const { broadcasts } = harness.app;
    const broadcast = await broadcasts.create(APP_TEST_TENANT, EDITOR, INPUT);
    await broadcasts.submit(APP_TEST_TENANT, broadcast._id, EDITOR, 'now');
    await telegram.waitForMessages(3);

    await broadcasts.pause(APP_TEST_TENANT, broadcast._id, EDITOR);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const atPause = telegram.messages.length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(telegram.messages.length).toBe(atPause);
    expect((await broadcasts.progress(APP_TEST_TENANT, broadcast._id)).status).toBe('paused');

    await broadcasts.resume(APP_TEST_TENANT, broadcast._id, EDITOR);
    await telegram.waitForMessages(atPause + 3);
    await broadcasts.cancel(APP_TEST_TENANT, broadcast._id, EDITOR);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const atCancel = telegram.messages.length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(telegram.messages.length).toBe(atCancel);

    const progress = await broadcasts.progress(APP_TEST_TENANT, broadcast._id);
    expect(progress.status).toBe('cancelled');
    expect(progress.sent).toBe(atCancel);
    expect(progress.cancelled).toBe(40 - atCancel);
    expect(telegram.duplicates()).toEqual([]);
  });
});

describe('crash exposure while sending', () => {
  it('claims a delivery only when its turn has come, so a crash can count no one waiting as sent', async () => {
    const { harness, telegram } = await start({ env: { TELEGRAM_BROADCAST_RATE: '4' } });
    await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 30);
    const deliveries = new DeliveryRepository(harness.app.store);
    const broadcast = await harness.app.broadcasts.create(APP_TEST_TENANT, EDITOR, INPUT);
    await harness.app.broadcasts.submit(APP_TEST_TENANT, broadcast._id, EDITOR, 'now');
    await telegram.waitForMessages(2);

    // What a kill -9 right now would leave "in flight": those count as sent (unconfirmed) after the restart.
    let mostClaimed = 0;
    const watchUntil = Date.now() + 2500;
    while (Date.now() < watchUntil) {
      mostClaimed = Math.max(mostClaimed, (await deliveries.counts(broadcast._id)).sending);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(mostClaimed).toBeGreaterThan(0);
    // Only deliveries whose turn has come are claimed: at 4 per second the call on its way, and one
    // more at most when a busy machine made a turn late (not the 29 still waiting).
    expect(mostClaimed).toBeLessThanOrEqual(3);
    await harness.app.broadcasts.cancel(APP_TEST_TENANT, broadcast._id, EDITOR);
  });
});
