import { setTimeout as sleep } from 'node:timers/promises';
import { Api, InputFile } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { EMULATOR_BOT, startBotApiEmulator, type BotApiEmulator, type BotApiEmulatorOptions } from '../../support/bot-api-emulator.js';

/**
 * The Bot API emulator of the broadcast benchmark and the crash test must refuse what Telegram
 * refuses, else a sender that is too fast would look fine. Plain fetch calls, as grammY makes them.
 */

const TOKEN = '7100000001:AAE-emulator-test-token-0123456789abcdef';

interface Reply {
  status: number;
  body: { ok: boolean; result?: Record<string, unknown> & { message_id?: number }; error_code?: number; description?: string; parameters?: { retry_after: number } };
}

describe('the Bot API emulator', () => {
  let telegram: BotApiEmulator | undefined;
  afterEach(async () => {
    await telegram?.close();
    telegram = undefined;
  });

  async function start(options: BotApiEmulatorOptions = {}): Promise<BotApiEmulator> {
    telegram = await startBotApiEmulator(options);
    return telegram;
  }

  async function call(method: string, body: Record<string, unknown> = {}, token = TOKEN): Promise<Reply> {
    const response = await fetch(`${telegram!.apiRoot}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Reply['body'] };
  }

  const send = (chatId: number, text = 'Neue Werkstatt', extra: Record<string, unknown> = {}, token = TOKEN): Promise<Reply> =>
    call('sendMessage', { chat_id: chatId, text, ...extra }, token);

  it('answers the calls the app makes at start and when chatting', async () => {
    await start();
    expect((await call('getMe')).body).toEqual({ ok: true, result: EMULATOR_BOT });
    for (const method of ['setMyCommands', 'deleteMyCommands', 'setWebhook', 'deleteWebhook', 'answerCallbackQuery', 'editMessageReplyMarkup', 'sendChatAction']) {
      expect((await call(method, { chat_id: 1 })).body, method).toEqual({ ok: true, result: true });
    }
    const first = await send(700_000_001, 'Hallo', { reply_markup: { inline_keyboard: [[{ text: 'Mehr', url: 'https://example.org' }]] } });
    const second = await send(700_000_002, 'Hallo');
    expect(first.body.result).toMatchObject({ chat: { id: 700_000_001, type: 'private' }, text: 'Hallo' });
    expect(second.body.result!.message_id).toBeGreaterThan(first.body.result!.message_id!);
    expect(telegram!.messages).toMatchObject([
      { method: 'sendMessage', chatId: 700_000_001, text: 'Hallo', replyMarkup: { inline_keyboard: [[{ text: 'Mehr', url: 'https://example.org' }]] }, paid: false },
      { chatId: 700_000_002, text: 'Hallo' },
    ]);
    expect((await call('noSuchMethod')).status).toBe(404);
  });

  it('accepts a document upload as multipart form data, as grammY sends it', async () => {
    await start();
    const form = new FormData();
    form.set('chat_id', '700000003');
    form.set('caption', 'Programm der Werkstattreihe');
    form.set('document', 'attach://file1');
    form.set('file1', new Blob(['BEGIN:VCALENDAR']), 'werkstatt.ics');
    const response = await fetch(`${telegram!.apiRoot}/bot${TOKEN}/sendDocument`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(telegram!.messages).toMatchObject([{ method: 'sendDocument', chatId: 700_000_003, text: 'Programm der Werkstattreihe' }]);
  });

  it('is reachable through grammY with the apiRoot option, uploads included', async () => {
    await start();
    const api = new Api(TOKEN, { apiRoot: telegram!.apiRoot, fetch: globalThis.fetch as never });
    expect(await api.getMe()).toEqual(EMULATOR_BOT);
    const sent = await api.sendMessage(700_000_010, 'Über grammY');
    expect(sent.text).toBe('Über grammY');
    await api.sendDocument(700_000_011, new InputFile(Buffer.from('BEGIN:VCALENDAR'), 'werkstatt.ics'), { caption: 'Kalender' });
    expect(telegram!.messages.map(({ method, chatId, text }) => ({ method, chatId, text }))).toEqual([
      { method: 'sendMessage', chatId: 700_000_010, text: 'Über grammY' },
      { method: 'sendDocument', chatId: 700_000_011, text: 'Kalender' },
    ]);
    await expect(api.sendMessage(700_000_010, 'zu schnell')).rejects.toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
  });

  it('refuses the 31st message within a second with 429 and retry_after, and does not deliver it', async () => {
    await start();
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => send(700_000_100 + i)));
    expect(burst.map((reply) => reply.status)).toEqual(Array(30).fill(200));
    const over = await send(700_000_200);
    expect(over.status).toBe(429);
    expect(over.body).toEqual({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    expect(telegram!.messages).toHaveLength(30);
    expect(telegram!.messagesTo(700_000_200)).toEqual([]);
    expect(telegram!.tooManyRequests).toBe(1);
    expect(telegram!.refused).toMatchObject([{ chatId: '700000200', limit: 'global', retryAfter: 1 }]);
  });

  it('lets messages through again once the oldest left the sliding window', async () => {
    await start({ limits: { messagesPerWindow: 5, windowMs: 400 } });
    await Promise.all(Array.from({ length: 5 }, (_, i) => send(700_000_300 + i)));
    expect((await send(700_000_400)).status).toBe(429);
    await sleep(450);
    expect((await send(700_000_400)).status).toBe(200);
    expect(telegram!.messages).toHaveLength(6);
  });

  it('counts the limit per bot token', async () => {
    await start({ limits: { messagesPerWindow: 3 } });
    const other = '7100000002:AAE-another-bot-of-another-city-0123456789';
    await Promise.all(Array.from({ length: 3 }, (_, i) => send(700_000_500 + i)));
    expect((await send(700_000_510)).status).toBe(429);
    expect((await send(700_000_510, 'Hallo', {}, other)).status).toBe(200);
  });

  it('allows one message per second to one chat', async () => {
    await start();
    expect((await send(700_000_600, 'Teil 1')).status).toBe(200);
    const second = await send(700_000_600, 'Teil 2');
    expect(second.status).toBe(429);
    expect(second.body.parameters).toEqual({ retry_after: 1 });
    expect(telegram!.refused).toMatchObject([{ chatId: '700000600', limit: 'chat' }]);
    expect((await send(700_000_601, 'Teil 1')).status).toBe(200);
    await sleep(1050);
    expect((await send(700_000_600, 'Teil 2')).status).toBe(200);
    expect(telegram!.messagesTo(700_000_600).map((message) => message.text)).toEqual(['Teil 1', 'Teil 2']);
  });

  it('raises the global limit for paid broadcasts only, in the same window', async () => {
    await start({ limits: { messagesPerWindow: 30, paidMessagesPerWindow: 100 } });
    const paid = await Promise.all(Array.from({ length: 100 }, (_, i) => send(700_001_000 + i, 'Bezahlt', { allow_paid_broadcast: true })));
    expect(paid.every((reply) => reply.status === 200)).toBe(true);
    expect((await send(700_001_200, 'Bezahlt', { allow_paid_broadcast: true })).status).toBe(429);
    // A free message sees the same full window.
    expect((await send(700_001_201, 'Frei')).status).toBe(429);
    expect(telegram!.messages.filter((message) => message.paid)).toHaveLength(100);
    expect(telegram!.tooManyRequests).toBe(2);
  });

  it('answers 403 for a person who blocked the bot and 500 for scripted failures, delivering nothing', async () => {
    await start({ blockedChats: [700_002_000] });
    const blocked = await send(700_002_000);
    expect(blocked.status).toBe(403);
    expect(blocked.body).toEqual({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    telegram!.blockChat(700_002_001);
    expect((await send(700_002_001)).status).toBe(403);

    telegram!.failChat(700_002_002, 2);
    expect((await send(700_002_002)).status).toBe(500);
    expect((await send(700_002_002)).status).toBe(500);
    expect((await send(700_002_002)).status).toBe(200);
    expect(telegram!.messages.map((message) => message.chatId)).toEqual([700_002_002]);
    expect(telegram!).toMatchObject({ forbidden: 2, serverErrors: 2 });
  });

  it('refuses bad requests like Telegram: no chat, no text, a text over 4096 characters', async () => {
    await start();
    expect((await call('sendMessage', { text: 'x' })).status).toBe(400);
    expect((await call('sendMessage', { chat_id: 1 })).body.description).toBe('Bad Request: message text is empty');
    expect((await send(700_003_000, 'x'.repeat(4097))).body.description).toBe('Bad Request: message is too long');
    expect((await send(700_003_001, 'x'.repeat(4096))).status).toBe(200);
  });

  it('finds a chat that got the same text twice', async () => {
    await start({ limits: { perChatIntervalMs: 0 } });
    await send(700_004_000, 'Einmal');
    await send(700_004_000, 'Einmal');
    await send(700_004_000, 'Etwas anderes');
    await send(700_004_001, 'Einmal');
    expect(telegram!.duplicates()).toEqual([{ chatId: 700_004_000, text: 'Einmal', count: 2 }]);
  });

  it('calls onMessage with the accepted message before the sender gets the answer', async () => {
    let release!: () => void;
    const seen: number[] = [];
    await start({
      onMessage: (message) => {
        seen.push(Number(message.chatId));
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    let answered = false;
    const reply = send(700_005_000).then((result) => ((answered = true), result));
    await telegram!.waitForMessages(1);
    await sleep(50);
    expect(seen).toEqual([700_005_000]);
    expect(answered).toBe(false);
    release();
    expect((await reply).status).toBe(200);
  });

  it('holds a long poll until close() and then answers it empty', async () => {
    await start({ pollCapMs: 60_000 });
    const poll = call('getUpdates', { timeout: 50 });
    await sleep(50);
    await telegram!.close();
    expect((await poll).body).toEqual({ ok: true, result: [] });
  });
});
