import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { updateToActivity } from '../../../src/channels/telegram/update-to-activity.js';
import { TEST_BOT } from '../../support/telegram-api.js';
import { callbackUpdate, myChatMemberUpdate, stickerUpdate, textUpdate } from '../../support/telegram-updates.js';

const context = { tenantId: 'wuppertal', bot: TEST_BOT };
const map = (update: Update) => updateToActivity(update, context);

describe('updateToActivity', () => {
  it('maps a private text message to a message activity of the tenant conversation', () => {
    const update = textUpdate('/start workshop-7', { updateId: 10 });
    const result = map(update);
    expect(result).toMatchObject({
      type: 'turn',
      kind: 'message:text',
      activity: {
        type: 'message',
        id: String(update.message?.message_id),
        channelId: 'telegram',
        serviceUrl: 'telegram:wuppertal',
        text: '/start workshop-7',
        locale: 'de',
        from: { id: '4242', name: 'Ayşe' },
        recipient: { id: String(TEST_BOT.id) },
        conversation: { id: 'wuppertal:4242', tenantId: 'wuppertal', conversationType: 'private', isGroup: false },
        channelData: { updateId: 10, kind: 'text' },
      },
    });
  });

  it('marks group chats and strips the bot mention from a command', () => {
    const result = map(textUpdate('/start@kosi_test_bot workshop-7', { chatId: -100123 }));
    expect(result).toMatchObject({ activity: { text: '/start workshop-7', conversation: { id: 'wuppertal:-100123', conversationType: 'group', isGroup: true } } });
    expect(map(textUpdate('/start@other_bot x'))).toMatchObject({ activity: { text: '/start@other_bot x' } });
  });

  it('leaves out the locale when Telegram does not know it', () => {
    const result = map(textUpdate('Hallo', { from: { id: 5, is_bot: false, first_name: 'Jo' } }));
    expect(result.type === 'turn' && 'locale' in result.activity).toBe(false);
  });

  it('names a non-text message and gives it no text', () => {
    const result = map(stickerUpdate());
    expect(result).toMatchObject({ type: 'turn', kind: 'message:sticker', activity: { channelData: { kind: 'sticker' } } });
    expect(result.type === 'turn' && result.activity.text).toBeUndefined();
  });

  it('ignores service messages such as a new group member', () => {
    const update = textUpdate('x');
    const message = { ...update.message!, text: undefined, new_chat_members: [{ id: 9, is_bot: false, first_name: 'Neu' }] };
    expect(map({ update_id: 1, message } as Update)).toMatchObject({ type: 'ignored', reason: 'service message' });
  });

  it('maps a button press to its payload, sequence and pressed message', () => {
    const result = map(callbackUpdate('5|lang:en', { messageId: 333 }));
    expect(result).toMatchObject({
      type: 'turn',
      kind: 'callback_query',
      activity: { text: 'lang:en', value: { buttonSeq: 5 }, replyToId: '333', channelData: { callbackQuery: true } },
      pressed: { chatId: 4242, messageId: 333 },
    });
  });

  it('signals a person who blocked the bot and ignores other member changes', () => {
    expect(map(myChatMemberUpdate('kicked'))).toEqual({ type: 'blocked', kind: 'my_chat_member', chatId: '4242', userId: '4242' });
    expect(map(myChatMemberUpdate('member'))).toMatchObject({ type: 'ignored' });
  });

  it('ignores the bot being banned from a group: the sender is the admin, who blocked nobody', () => {
    const admin = { id: 777, is_bot: false, first_name: 'Admin' };
    expect(map(myChatMemberUpdate('kicked', { chatId: -100123, from: admin }))).toEqual({
      type: 'ignored',
      kind: 'my_chat_member',
      reason: 'bot removed from a group chat',
    });
  });
});
