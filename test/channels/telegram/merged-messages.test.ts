import { TurnContext, type Activity, type ConversationReference } from 'botbuilder-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeDataUri } from '../../../src/bot/data-uri.js';
import { TELEGRAM_TEXT_LIMIT } from '../../../src/channels/telegram/telegram-limits.js';
import type { RecipientBlocked, TurnLogic } from '../../../src/channels/telegram/index.js';
import { isolateNetwork, MERGED_TEXT_SEPARATOR, paragraphsOf, type ApiCall } from '../../support/telegram-api.js';
import { startTelegramHarness, type TelegramHarness } from '../../support/telegram-harness.js';
import { callbackUpdate, TEST_CHAT_ID, textUpdate } from '../../support/telegram-updates.js';

/**
 * Fewer bubbles: the texts of one turn without buttons between them reach Telegram as one message,
 * the buttons under it; files, "typing…" and pauses end a run. Through the real channel (webhook,
 * adapter, sender, budget) against the nock fake of the Bot API.
 */

const THANKS = 'Danke! Du kannst loslegen.';
const QUESTION = 'Was möchtest du tun?';
const MENU = {
  type: 'message' as const,
  text: QUESTION,
  suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Workshops', value: 'workshops' }, { type: 'imBack', title: 'Hilfe', value: 'help' }] },
  channelData: { buttonSeq: 5 },
};
const MENU_KEYBOARD = { inline_keyboard: [[{ text: 'Workshops', callback_data: '5|workshops' }, { text: 'Hilfe', callback_data: '5|help' }]] };

const sends = (calls: readonly ApiCall[]) => calls.filter((call) => call.method === 'sendMessage' || call.method === 'sendDocument');

describe('Telegram: the texts of one turn as one message', () => {
  let harness: TelegramHarness;
  const blocked: RecipientBlocked[] = [];
  beforeAll(() => isolateNetwork());
  afterEach(async () => {
    await harness?.close();
  });

  async function start(logic: TurnLogic): Promise<TelegramHarness> {
    blocked.length = 0;
    harness = await startTelegramHarness({ logic, onRecipientBlocked: (event) => void blocked.push(event) });
    return harness;
  }

  it('sends two texts and a question with buttons as ONE sendMessage, the buttons under it', async () => {
    const { postUpdate, telegram } = await start(async (context) => {
      await context.sendActivity(THANKS);
      await context.sendActivity('Schön, dass du da bist.');
      await context.sendActivity(MENU);
    });
    expect((await postUpdate(textUpdate('Einverstanden'))).status).toBe(200);
    expect(sends(telegram.calls).map((call) => call.body)).toEqual([
      { chat_id: TEST_CHAT_ID, text: [THANKS, 'Schön, dass du da bist.', QUESTION].join(MERGED_TEXT_SEPARATOR), reply_markup: MENU_KEYBOARD },
    ]);
    // What the person reads is the same, in the same order.
    expect(paragraphsOf(telegram.calls)).toEqual([THANKS, 'Schön, dass du da bist.', QUESTION]);
  });

  it('sends the texts of a turn without buttons at its end, in one message', async () => {
    const { postUpdate, telegram } = await start(async (context) => {
      await context.sendActivity('Erledigt.');
      await context.sendActivity('Bis bald!');
    });
    await postUpdate(textUpdate('Tschüss'));
    expect(sends(telegram.calls).map((call) => call.body.text)).toEqual(['Erledigt.\n\nBis bald!']);
  });

  it('starts a new message after one with buttons: a question ends its run', async () => {
    const { postUpdate, telegram } = await start(async (context) => {
      await context.sendActivity('Erste Frage?');
      await context.sendActivity({ ...MENU, text: 'Wähle:' });
      await context.sendActivity('Und danach noch das.');
    });
    await postUpdate(textUpdate('Hallo'));
    expect(sends(telegram.calls).map((call) => [call.body.text, call.body.reply_markup !== undefined])).toEqual([
      ['Erste Frage?\n\nWähle:', true],
      ['Und danach noch das.', false],
    ]);
  });

  it('never exceeds 4096 characters: a long run becomes several messages, cut between its texts', async () => {
    const first = 'a'.repeat(3000);
    const second = 'b'.repeat(2000);
    const { postUpdate, telegram } = await start(async (context) => {
      await context.sendActivity(first);
      await context.sendActivity(second);
      await context.sendActivity(MENU);
    });
    await postUpdate(textUpdate('Hallo'));
    const sent = sends(telegram.calls);
    expect(sent.map((call) => call.body.text)).toEqual([first, `${second}${MERGED_TEXT_SEPARATOR}${QUESTION}`]);
    expect(sent.map((call) => call.body.reply_markup)).toEqual([undefined, MENU_KEYBOARD]);
  });

  it('cuts a single text longer than 4096 characters at its paragraphs, and the rest of the run joins its last part', async () => {
    const paragraph = 'Lorem ipsum dolor sit amet. '.repeat(60).trim();
    const long = [paragraph, paragraph, paragraph].join('\n\n');
    const { postUpdate, telegram } = await start(async (context) => {
      await context.sendActivity('Vorab:');
      await context.sendActivity(long);
      await context.sendActivity(MENU);
    });
    await postUpdate(textUpdate('Hallo'));
    const texts = sends(telegram.calls).map((call) => String(call.body.text));
    expect(texts.every((text) => text.length <= TELEGRAM_TEXT_LIMIT)).toBe(true);
    // Cut at paragraphs only: nothing lost, nothing cut inside a paragraph.
    expect(texts.join(MERGED_TEXT_SEPARATOR)).toBe(['Vorab:', long, QUESTION].join(MERGED_TEXT_SEPARATOR));
    expect(texts.length).toBe(2);
    expect(sends(telegram.calls).at(-1)!.body.reply_markup).toEqual(MENU_KEYBOARD);
  });

  it('lets a file end the run: the texts before it in one message, then the file, then the next texts', async () => {
    const { postUpdate, telegram } = await start(async (context) => {
      await context.sendActivity('Deine Daten:');
      await context.sendActivity({
        type: 'message',
        text: 'Hier sind sie.',
        attachments: [{ contentType: 'application/json', contentUrl: encodeDataUri('application/json', '{}'), name: 'daten.json' }],
      });
      await context.sendActivity('Noch etwas?');
      await context.sendActivity('Sag Bescheid.');
    });
    await postUpdate(textUpdate('export'));
    expect(sends(telegram.calls).map((call) => (call.method === 'sendMessage' ? call.body.text : call.method))).toEqual([
      'Deine Daten:\n\nHier sind sie.',
      'sendDocument',
      'Noch etwas?\n\nSag Bescheid.',
    ]);
  });

  it('sends what waits before "typing…" and before a pause', async () => {
    const { postUpdate, telegram } = await start(async (context) => {
      await context.sendActivity('Einen Moment.');
      await context.sendActivity({ type: 'typing' });
      await context.sendActivity('Ich suche.');
      await context.sendActivity({ type: 'delay', value: 10 });
      await context.sendActivity('Gefunden!');
    });
    await postUpdate(textUpdate('Suche'));
    expect(telegram.calls.map((call) => (call.method === 'sendMessage' ? call.body.text : call.method))).toEqual(['Einen Moment.', 'sendChatAction', 'Ich suche.', 'Gefunden!']);
  });

  it('keeps the button protocol: the sequence in the callback data, the pressed message loses its keyboard', async () => {
    const { postUpdate, telegram } = await start(async (context) => {
      if (context.activity.channelData?.callbackQuery) {
        await context.sendActivity(`Gewählt: ${context.activity.text}`);
        return;
      }
      await context.sendActivity(THANKS);
      await context.sendActivity(MENU);
    });
    await postUpdate(textUpdate('Hallo'));
    const [merged] = sends(telegram.calls);
    const messageId = 1001;
    expect(merged!.body.reply_markup).toEqual(MENU_KEYBOARD);
    telegram.clear();
    await postUpdate(callbackUpdate('5|workshops', { messageId }));
    expect(telegram.calls.map((call) => call.method)).toEqual(['answerCallbackQuery', 'editMessageReplyMarkup', 'sendMessage']);
    expect(telegram.callsOf('editMessageReplyMarkup')[0]!.body).toEqual({ chat_id: TEST_CHAT_ID, message_id: messageId, reply_markup: { inline_keyboard: [] } });
  });

  it('edits and deletes one activity of a merged message without touching the others', async () => {
    let ids: string[] = [];
    const { postUpdate, telegram } = await start(async (context) => {
      const first = await context.sendActivity('Termin: Montag');
      const second = await context.sendActivity('Ort: Rathaus');
      const question = await context.sendActivity(MENU);
      ids = [first!.id, second!.id, question!.id];
      await context.updateActivity({ type: 'message', id: first!.id, text: 'Termin: Dienstag' });
      await context.deleteActivity(second!.id);
    });
    await postUpdate(textUpdate('Hallo'));
    const [merged] = telegram.callsOf('sendMessage');
    expect(merged!.body.text).toBe('Termin: Montag\n\nOrt: Rathaus\n\nWas möchtest du tun?');
    // The question (it carries the buttons) got the message id back; the texts placeholders.
    const messageId = Number(ids[2]);
    expect(Number.isSafeInteger(messageId)).toBe(true);
    expect(ids.slice(0, 2).every((id) => Number.isNaN(Number(id)))).toBe(true);
    expect(telegram.callsOf('editMessageText').map((call) => call.body)).toEqual([
      { chat_id: TEST_CHAT_ID, message_id: messageId, text: 'Termin: Dienstag\n\nOrt: Rathaus\n\nWas möchtest du tun?', reply_markup: MENU_KEYBOARD },
      { chat_id: TEST_CHAT_ID, message_id: messageId, text: 'Termin: Dienstag\n\nWas möchtest du tun?', reply_markup: MENU_KEYBOARD },
    ]);
    expect(telegram.callsOf('deleteMessage')).toEqual([]);
  });

  it('edits a text that still waits by sending its run first', async () => {
    const { postUpdate, telegram } = await start(async (context) => {
      const sent = await context.sendActivity('Version 1');
      await context.updateActivity({ type: 'message', id: sent!.id, text: 'Version 2' });
      await context.sendActivity('Danach');
    });
    await postUpdate(textUpdate('Hallo'));
    expect(telegram.calls.map((call) => [call.method, call.body.text])).toEqual([
      ['sendMessage', 'Version 1'],
      ['editMessageText', 'Version 2'],
      ['sendMessage', 'Danach'],
    ]);
  });

  it('reports a person who blocked the bot when the merged message is refused, and counts the update as handled', async () => {
    const { postUpdate, telegram } = await start(async (context) => {
      await context.sendActivity(THANKS);
      await context.sendActivity(MENU);
    });
    telegram.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    const update = textUpdate('Hallo');
    expect((await postUpdate(update)).status).toBe(200);
    expect(blocked).toMatchObject([{ chatId: String(TEST_CHAT_ID), reason: 'send-forbidden' }]);
    expect((await postUpdate(update)).status).toBe(200);
    expect(telegram.callsOf('sendMessage')).toHaveLength(1);
  });

  it('merges what a proactive turn sends in one call; separate calls go out one by one (the caller learns of each failure)', async () => {
    let stored: Partial<ConversationReference> = {};
    const { postUpdate, telegram, channel } = await start(async (context) => void (stored = TurnContext.getConversationReference(context.activity)));
    await postUpdate(textUpdate('Hallo'));
    telegram.clear();
    const reminder: Partial<Activity>[] = [{ type: 'message', text: 'Erinnerung: morgen um 10 Uhr.' }, { type: 'message', text: 'Bis dann!' }];
    await channel.adapter.continueConversation(stored, async (context) => void (await context.sendActivities(reminder)));
    expect(telegram.callsOf('sendMessage').map((call) => call.body.text)).toEqual(['Erinnerung: morgen um 10 Uhr.\n\nBis dann!']);

    telegram.clear();
    telegram.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    let failure: unknown;
    await channel.adapter.continueConversation(stored, async (context) => {
      try {
        for (const activity of reminder) await context.sendActivity(activity);
      } catch (error) {
        failure = error;
      }
    });
    expect(failure).toMatchObject({ name: 'TelegramRecipientBlockedError' });
  });
});
