import type { Activity, TurnContext } from 'botbuilder-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeDataUri } from '../../../src/bot/data-uri.js';
import { createTelegramUpdateRepository, type RecipientBlocked } from '../../../src/channels/telegram/index.js';
import { StoreUnavailableError } from '../../../src/platform/store/document-store.js';
import { isolateNetwork } from '../../support/telegram-api.js';
import { startTelegramHarness, TEST_TENANT, type TelegramHarness } from '../../support/telegram-harness.js';
import { callbackUpdate, myChatMemberUpdate, stickerUpdate, TEST_CHAT_ID, textUpdate } from '../../support/telegram-updates.js';

/** A small bot: asks with buttons, echoes a pressed payload, sends a file on "export". */
function demoLogic(seen: Array<Partial<Activity>>) {
  return async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    seen.push(activity);
    if (activity.type !== 'message' || activity.text === undefined) {
      if (activity.type === 'message') await context.sendActivity('Ich verstehe nur Text und Buttons.');
      return;
    }
    if (activity.channelData?.callbackQuery) {
      await context.sendActivity(`Gewählt: ${activity.text}`);
      return;
    }
    if (activity.text === 'export') {
      await context.sendActivity({
        type: 'message',
        text: 'Hier sind deine Daten.',
        attachments: [{ contentType: 'application/json', contentUrl: encodeDataUri('application/json', '{"firstName":"Ayşe"}'), name: 'meine-daten.json' }],
      });
      return;
    }
    await context.sendActivity({
      type: 'message',
      text: 'Wobei möchtest du helfen?',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'imBack', title: 'Umwelt', value: 'umwelt' },
          { type: 'messageBack', title: 'Nachbarschaftshilfe', text: 'nachbarschaft', displayText: 'Nachbarschaftshilfe', value: undefined },
          { type: 'openUrl', title: 'Mehr erfahren', value: 'https://example.org/kosi' },
        ],
      },
      channelData: { buttonSeq: 7 },
    });
  };
}

const QUESTION_KEYBOARD = {
  inline_keyboard: [
    [{ text: 'Umwelt', callback_data: '7|umwelt' }],
    [{ text: 'Nachbarschaftshilfe', callback_data: '7|nachbarschaft' }],
    [{ text: 'Mehr erfahren', url: 'https://example.org/kosi' }],
  ],
};

describe('Telegram webhook', () => {
  let harness: TelegramHarness;
  let seen: Array<Partial<Activity>>;
  const blocked: RecipientBlocked[] = [];

  beforeAll(() => isolateNetwork());

  async function start(logic = demoLogic((seen = []))): Promise<TelegramHarness> {
    blocked.length = 0;
    harness = await startTelegramHarness({ logic, onRecipientBlocked: (event) => void blocked.push(event) });
    return harness;
  }

  afterEach(async () => {
    await harness?.close();
  });

  it('answers a text message with the question and the buttons the person will see', async () => {
    const { postUpdate, telegram } = await start();
    const response = await postUpdate(textUpdate('Hallo'));
    expect(response.status).toBe(200);
    const [send] = telegram.callsOf('sendMessage');
    expect(send?.body).toEqual({ chat_id: TEST_CHAT_ID, text: 'Wobei möchtest du helfen?', reply_markup: QUESTION_KEYBOARD });
    expect(seen[0]).toMatchObject({
      type: 'message',
      channelId: 'telegram',
      text: 'Hallo',
      locale: 'de',
      from: { id: String(TEST_CHAT_ID), name: 'Ayşe' },
      conversation: { id: `${TEST_TENANT.id}:${TEST_CHAT_ID}`, tenantId: TEST_TENANT.id, conversationType: 'private' },
    });
  });

  it('turns a button press into its payload with the sequence, after answering the query and removing the keyboard', async () => {
    const { postUpdate, telegram } = await start();
    const response = await postUpdate(callbackUpdate('7|umwelt', { messageId: 1001 }));
    expect(response.status).toBe(200);
    expect(telegram.calls.map((call) => call.method)).toEqual(['answerCallbackQuery', 'editMessageReplyMarkup', 'sendMessage']);
    expect(telegram.callsOf('editMessageReplyMarkup')[0]?.body).toEqual({
      chat_id: TEST_CHAT_ID,
      message_id: 1001,
      reply_markup: { inline_keyboard: [] },
    });
    expect(seen[0]).toMatchObject({ text: 'umwelt', value: { buttonSeq: 7 }, channelData: { callbackQuery: true } });
    expect(telegram.callsOf('sendMessage')[0]?.body).toMatchObject({ text: 'Gewählt: umwelt' });
  });

  it('passes callback data of another format through as text, without a sequence', async () => {
    const { postUpdate } = await start();
    await postUpdate(callbackUpdate('legacy-option'));
    expect(seen[0]?.text).toBe('legacy-option');
    expect(seen[0]?.value).toBeUndefined();
  });

  it('still answers the press when removing the keyboard fails', async () => {
    const { postUpdate, telegram } = await start();
    telegram.failNext('editMessageReplyMarkup', 400, 'Bad Request: message to edit not found');
    expect((await postUpdate(callbackUpdate('7|umwelt'))).status).toBe(200);
    expect(telegram.callsOf('sendMessage')).toHaveLength(1);
  });

  it.each([
    ['a wrong', 'not-the-secret'],
    ['a missing', null],
  ])('rejects %s secret with 401 and runs no turn', async (_label, secret) => {
    const { postUpdate, telegram } = await start();
    const update = textUpdate('Hallo');
    const response = await postUpdate(update, { secret });
    expect(response.status).toBe(401);
    expect(seen).toHaveLength(0);
    expect(telegram.calls).toHaveLength(0);
    // Nothing was claimed: the genuine delivery is handled.
    expect((await postUpdate(update)).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it.each([
    ['an empty object', {}, 'update_id must be a non-negative integer'],
    ['a string update_id', { update_id: '12' }, 'update_id must be a non-negative integer'],
    ['an array', [1, 2], 'body must be a JSON object'],
    ['a message without chat', { update_id: 77, message: { text: 'x' } }, 'malformed update'],
  ])('rejects %s with 400 and a reason', async (_label, body, reason) => {
    const { postUpdate } = await start();
    const response = await postUpdate(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'BadArgument', message: reason } });
    expect(seen).toHaveLength(0);
  });

  it('answers invalid JSON itself with 400 and a reason', async () => {
    const { postUpdate } = await start();
    const response = await postUpdate(undefined, { rawBody: '{"update_id": 1,' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'BadArgument', message: 'the request body is not valid JSON' } });
    expect(seen).toHaveLength(0);
  });

  it.each([
    ['at the top', { update_id: 78, $where: 'sleep(1000)' }, '$where'],
    ['as an operator', { update_id: { $gt: 0 } }, '$gt'],
    ['deep inside the message', { ...textUpdate('Hallo'), message: { ...textUpdate('Hallo').message, entities: [{ $ne: null }] } }, '$ne'],
  ])('rejects a key starting with "$" %s with 400 and a reason, and runs no turn', async (_label, body, key) => {
    const { postUpdate } = await start();
    const response = await postUpdate(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'BadArgument', message: `keys starting with "$" are not allowed (found "${key}")` } });
    expect(seen).toHaveLength(0);
  });

  it('checks the secret before it reads the body: a stranger gets 401, whatever the body', async () => {
    const { postUpdate } = await start();
    const invalid = await postUpdate(undefined, { secret: 'not-the-secret', rawBody: '{"update_id": 1,' });
    expect(invalid.status).toBe(401);
    expect(await invalid.json()).toEqual({ error: { code: 'Unauthorized', message: 'wrong or missing secret token' } });
    const huge = await postUpdate(undefined, { secret: null, rawBody: JSON.stringify({ update_id: 1, pad: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(huge.status).toBe(401);
    expect(seen).toHaveLength(0);
  });

  it('refuses a body beyond 1 MB with 413', async () => {
    const { postUpdate } = await start();
    const response = await postUpdate({ ...textUpdate('Hallo'), pad: 'x'.repeat(1024 * 1024) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'MessageSizeTooBig' } });
    expect(seen).toHaveLength(0);
  });

  it('handles the same update_id once, also when both deliveries arrive together', async () => {
    const { postUpdate, telegram } = await start();
    const update = textUpdate('Hallo');
    const responses = await Promise.all([postUpdate(update), postUpdate(update)]);
    // The delivery that found the turn running is asked again later; by then the update is handled.
    expect(responses.map((response) => response.status).sort()).toEqual([200, 503]);
    expect((await postUpdate(update)).status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(telegram.callsOf('sendMessage')).toHaveLength(1);
  });

  it('takes over an update whose claim outlived its lease: the process that claimed it died mid-turn', async () => {
    const { postUpdate, telegram, store } = await start();
    const update = textUpdate('Hallo');
    const crashed = createTelegramUpdateRepository(store, { now: () => new Date(Date.now() - 61_000) });
    await crashed.claim(TEST_TENANT.id, update.update_id);
    expect((await postUpdate(update)).status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(telegram.callsOf('sendMessage')).toHaveLength(1);
    expect((await postUpdate(update)).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it('asks Telegram to deliver again while a fresh claim of another process holds the update', async () => {
    const { postUpdate, store } = await start();
    const update = textUpdate('Hallo');
    await createTelegramUpdateRepository(store).claim(TEST_TENANT.id, update.update_id);
    const response = await postUpdate(update);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'ServiceUnavailable' } });
    expect(seen).toHaveLength(0);
  });

  it('acknowledges update kinds it does not handle without a turn', async () => {
    const { postUpdate } = await start();
    const response = await postUpdate({ update_id: 9001, inline_query: { id: 'q', from: { id: 1, is_bot: false, first_name: 'X' }, query: '', offset: '' } });
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(0);
  });

  it('hands a sticker to the bot as a message without text that names its kind', async () => {
    const { postUpdate, telegram } = await start();
    await postUpdate(stickerUpdate());
    expect(seen[0]?.text).toBeUndefined();
    expect(seen[0]?.channelData).toMatchObject({ kind: 'sticker' });
    expect(telegram.callsOf('sendMessage')[0]?.body).toMatchObject({ text: 'Ich verstehe nur Text und Buttons.' });
  });

  it('sends a data: attachment as a document upload with its file name', async () => {
    const { postUpdate, telegram } = await start();
    await postUpdate(textUpdate('export'));
    expect(telegram.callsOf('sendMessage')[0]?.body).toMatchObject({ text: 'Hier sind deine Daten.' });
    const [upload] = telegram.callsOf('sendDocument');
    expect(upload?.raw).toMatch(/filename="?meine-daten\.json"?/);
    expect(upload?.raw).toContain('{"firstName":"Ayşe"}');
    expect(upload?.raw).toMatch(/name="chat_id"\r?\n\r?\n4242/);
  });

  it('tells onRecipientBlocked when Telegram answers 403, and keeps serving', async () => {
    const { postUpdate, telegram } = await start();
    telegram.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    const response = await postUpdate(textUpdate('Hallo'));
    // Redelivering would meet the same 403: the update counts as handled.
    expect(response.status).toBe(200);
    expect(blocked).toEqual([
      { tenantId: TEST_TENANT.id, chatId: String(TEST_CHAT_ID), userId: String(TEST_CHAT_ID), conversationId: `${TEST_TENANT.id}:${TEST_CHAT_ID}`, reason: 'send-forbidden' },
    ]);
    expect((await postUpdate(textUpdate('Hallo', { chatId: 777 }))).status).toBe(200);
    expect(telegram.callsOf('sendMessage')).toHaveLength(2);
  });

  it('does not report a person when Telegram refuses a send into a group chat', async () => {
    const { postUpdate, telegram } = await start();
    telegram.failNext('sendMessage', 403, 'Forbidden: bot was kicked from the group chat');
    const response = await postUpdate(textUpdate('Hallo', { chatId: -100123 }));
    // The update is done all the same: a redelivery would meet the same 403.
    expect(response.status).toBe(200);
    expect(blocked).toEqual([]);
    expect((await postUpdate(textUpdate('Hallo'))).status).toBe(200);
    expect(telegram.callsOf('sendMessage')).toHaveLength(2);
  });

  it('ignores the bot being removed from a group: the admin who did it blocked nobody', async () => {
    const { postUpdate, logs } = await start();
    const admin = { id: 777, is_bot: false, first_name: 'Admin' };
    expect((await postUpdate(myChatMemberUpdate('kicked', { chatId: -100123, from: admin }))).status).toBe(200);
    expect(blocked).toEqual([]);
    expect(seen).toHaveLength(0);
    expect(logs.join('\n')).toContain('bot removed from a group chat');
  });

  it('tells onRecipientBlocked when the person blocks the bot (my_chat_member kicked)', async () => {
    const { postUpdate } = await start();
    expect((await postUpdate(myChatMemberUpdate('kicked'))).status).toBe(200);
    expect((await postUpdate(myChatMemberUpdate('member'))).status).toBe(200);
    expect(blocked).toEqual([
      expect.objectContaining({ tenantId: TEST_TENANT.id, chatId: String(TEST_CHAT_ID), userId: String(TEST_CHAT_ID), reason: 'chat-member-kicked' }),
    ]);
    expect(seen).toHaveLength(0);
  });

  it('answers 503 while the store is unavailable, so that Telegram delivers again', async () => {
    const { postUpdate, store } = await start();
    await store.close();
    const response = await postUpdate(textUpdate('Hallo'));
    expect(response.status).toBe(503);
    expect(seen).toHaveLength(0);
  });

  it('answers 503 and gives the update back when the store fails during the turn (onTurnError rethrows)', async () => {
    const inner = demoLogic((seen = []));
    const logic = vi.fn(inner).mockRejectedValueOnce(new StoreUnavailableError('store not reachable'));
    const { postUpdate, telegram, channel } = await start(logic);
    const boundary = vi.fn(async (_context: TurnContext, error: Error) => {
      // Like the bot's turn error boundary: a store outage is logged and rethrown, so that Telegram redelivers.
      throw error;
    });
    channel.adapter.onTurnError = boundary;
    const update = textUpdate('Hallo');
    const failed = await postUpdate(update);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ error: { code: 'ServiceUnavailable' } });
    expect(boundary).toHaveBeenCalledTimes(1);
    expect((await postUpdate(update)).status).toBe(200);
    expect(logic).toHaveBeenCalledTimes(2);
    expect(telegram.callsOf('sendMessage')).toHaveLength(1);
  });

  it('gives a failed turn back, so that the redelivered update is handled', async () => {
    const inner = demoLogic((seen = []));
    const logic = vi.fn(inner).mockRejectedValueOnce(new Error('dialog state conflict'));
    const { postUpdate, telegram } = await start(logic);
    const update = textUpdate('Hallo');
    expect((await postUpdate(update)).status).toBe(500);
    expect((await postUpdate(update)).status).toBe(200);
    expect(logic).toHaveBeenCalledTimes(2);
    expect(telegram.callsOf('sendMessage')).toHaveLength(1);
  });

  it('acknowledges a turn that outlasts the time budget and lets it finish', async () => {
    let finish: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (finish = resolve));
    harness = await startTelegramHarness({
      logic: async (context) => {
        await slow;
        await context.sendActivity('Fertig');
      },
      overrides: { webhookTimeoutMs: 50 },
    });
    const update = textUpdate('Hallo');
    expect((await harness.postUpdate(update)).status).toBe(200);
    // A redelivery meanwhile is asked to come again later, when the update is handled.
    expect((await harness.postUpdate(update)).status).toBe(503);
    finish();
    await harness.telegram.waitFor('sendMessage');
    await vi.waitFor(async () => expect((await harness.postUpdate(update)).status).toBe(200));
    expect(harness.telegram.callsOf('sendMessage')).toHaveLength(1);
  });

  it('takes the default tenant at /telegram/webhook', async () => {
    const { postUpdate, telegram } = await start();
    expect((await postUpdate(textUpdate('Hallo'), { path: '/telegram/webhook' })).status).toBe(200);
    expect(telegram.callsOf('sendMessage')).toHaveLength(1);
  });

  it('writes ids and kinds to the log, never texts or names', async () => {
    const { postUpdate, logs } = await start();
    await postUpdate(textUpdate('Meine Adresse ist Hauptstraße 1'));
    await postUpdate(callbackUpdate('7|umwelt'));
    const all = logs.join('\n');
    expect(all).toContain('"kind":"message:text"');
    expect(all).not.toMatch(/Hauptstraße|Ayşe|umwelt|Wobei|TEST-token|test-secret/);
  });
});
