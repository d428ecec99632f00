import { TurnContext, type ConversationReference } from 'botbuilder-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TelegramConversationError, TelegramRecipientBlockedError, type RecipientBlocked } from '../../../src/channels/telegram/index.js';
import { isolateNetwork } from '../../support/telegram-api.js';
import { startTelegramHarness, TEST_TENANT, type TelegramHarness } from '../../support/telegram-harness.js';
import { TEST_CHAT_ID, textUpdate } from '../../support/telegram-updates.js';

describe('Telegram adapter outside of an incoming message', () => {
  let harness: TelegramHarness;
  let stored: Partial<ConversationReference>;
  const blocked: RecipientBlocked[] = [];

  beforeAll(() => isolateNetwork());
  afterEach(async () => {
    await harness?.close();
  });

  async function startWithStoredReference(): Promise<TelegramHarness> {
    blocked.length = 0;
    harness = await startTelegramHarness({
      logic: async (context) => {
        // What the bot stores with the profile: plain JSON.
        stored = JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity))) as Partial<ConversationReference>;
      },
      onRecipientBlocked: (event) => void blocked.push(event),
    });
    await harness.postUpdate(textUpdate('Hallo'));
    return harness;
  }

  it('continues a conversation from a stored reference and sends to its chat', async () => {
    const { channel, telegram } = await startWithStoredReference();
    let activityType: string | undefined;
    await channel.adapter.continueConversation(stored, async (context) => {
      activityType = context.activity.type;
      await context.sendActivity('Erinnerung: Die Werkstatt beginnt morgen um 10 Uhr.');
    });
    expect(activityType).toBe('event');
    expect(telegram.callsOf('sendMessage')[0]?.body).toEqual({ chat_id: TEST_CHAT_ID, text: 'Erinnerung: Die Werkstatt beginnt morgen um 10 Uhr.' });
  });

  it('refuses a reference of another tenant', async () => {
    const { channel, telegram } = await startWithStoredReference();
    const foreign = { ...stored, conversation: { ...stored.conversation!, id: `wuppertal:${TEST_CHAT_ID}` } };
    await expect(channel.adapter.continueConversation(foreign, async () => undefined)).rejects.toBeInstanceOf(TelegramConversationError);
    expect(telegram.calls).toHaveLength(0);
  });

  it('reports a blocked recipient to the caller and to onRecipientBlocked', async () => {
    const { channel, telegram } = await startWithStoredReference();
    telegram.failNext('sendMessage', 403, 'Forbidden: user is deactivated');
    const sending = channel.adapter.continueConversation(stored, async (context) => void (await context.sendActivity('Neuigkeiten')));
    await expect(sending).rejects.toMatchObject({ name: 'TelegramRecipientBlockedError', chatId: String(TEST_CHAT_ID) });
    await expect(sending).rejects.toBeInstanceOf(TelegramRecipientBlockedError);
    expect(blocked).toMatchObject([{ tenantId: TEST_TENANT.id, chatId: String(TEST_CHAT_ID), reason: 'send-forbidden' }]);
  });

  it('shows typing, waits for a delay, edits and deletes a sent message', async () => {
    const { channel, telegram } = await startWithStoredReference();
    await channel.adapter.continueConversation(stored, async (context) => {
      const [, , sent] = await context.sendActivities([{ type: 'typing' }, { type: 'delay', value: 20 }, { type: 'message', text: 'Version 1' }]);
      await context.updateActivity({ type: 'message', id: sent!.id, text: 'Version 2' });
      await context.deleteActivity(sent!.id);
    });
    expect(telegram.calls.map((call) => call.method)).toEqual(['sendChatAction', 'sendMessage', 'editMessageText', 'deleteMessage']);
    const messageId = Number(telegram.callsOf('editMessageText')[0]?.body.message_id);
    expect(telegram.callsOf('editMessageText')[0]?.body).toMatchObject({ chat_id: TEST_CHAT_ID, text: 'Version 2' });
    expect(telegram.callsOf('deleteMessage')[0]?.body).toEqual({ chat_id: TEST_CHAT_ID, message_id: messageId });
  });
});
