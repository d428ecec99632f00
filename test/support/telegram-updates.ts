import type { Update, User } from 'grammy/types';

/** Updates as Telegram sends them, for tests. Ids count up per test file unless given. */

export const TEST_USER: User = { id: 4242, is_bot: false, first_name: 'Ayşe', language_code: 'de' };
export const TEST_CHAT_ID = TEST_USER.id;

let lastUpdateId = 500;
let lastMessageId = 100;

interface Common {
  updateId?: number;
  chatId?: number;
  from?: User;
}

export function nextUpdateId(): number {
  return ++lastUpdateId;
}

function chatOf(chatId: number): { id: number; type: 'private' } | { id: number; type: 'group'; title: string } {
  return chatId < 0 ? { id: chatId, type: 'group', title: 'Nachbarschaft' } : { id: chatId, type: 'private' };
}

function messageBase(options: Common): Record<string, unknown> {
  const chatId = options.chatId ?? TEST_CHAT_ID;
  return { message_id: ++lastMessageId, date: Math.floor(Date.now() / 1000), chat: chatOf(chatId), from: options.from ?? TEST_USER };
}

export function textUpdate(text: string, options: Common = {}): Update {
  return { update_id: options.updateId ?? nextUpdateId(), message: { ...messageBase(options), text } } as Update;
}

export function stickerUpdate(options: Common = {}): Update {
  const sticker = { file_id: 'sticker-1', file_unique_id: 's1', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false };
  return { update_id: options.updateId ?? nextUpdateId(), message: { ...messageBase(options), sticker } } as Update;
}

/** A press on a button of the bot's message `messageId`. */
export function callbackUpdate(data: string, options: Common & { messageId?: number } = {}): Update {
  const chatId = options.chatId ?? TEST_CHAT_ID;
  const message = { message_id: options.messageId ?? 1001, date: Math.floor(Date.now() / 1000), chat: chatOf(chatId), text: 'Frage' };
  return {
    update_id: options.updateId ?? nextUpdateId(),
    callback_query: { id: `cq-${++lastMessageId}`, from: options.from ?? TEST_USER, chat_instance: 'ci-1', message, data },
  } as Update;
}

export function myChatMemberUpdate(status: 'kicked' | 'member', options: Common = {}): Update {
  const chatId = options.chatId ?? TEST_CHAT_ID;
  const from = options.from ?? TEST_USER;
  const bot = { id: 123456, is_bot: true, first_name: 'KoSI', username: 'kosi_test_bot' };
  return {
    update_id: options.updateId ?? nextUpdateId(),
    my_chat_member: {
      chat: chatOf(chatId),
      from,
      date: Math.floor(Date.now() / 1000),
      old_chat_member: { status: status === 'kicked' ? 'member' : 'kicked', user: bot, ...(status === 'member' ? { until_date: 0 } : {}) },
      new_chat_member: status === 'kicked' ? { status: 'kicked', user: bot, until_date: 0 } : { status: 'member', user: bot },
    },
  } as Update;
}
