import { ActivityTypes, type Activity } from 'botbuilder-core';
import type { CallbackQuery, Chat, Message, Update, User, UserFromGetMe } from 'grammy/types';
import { parseCallbackData } from './callback-data.js';
import { conversationIdOf } from './conversation-id.js';
import { messageKind } from './message-kind.js';

/**
 * Telegram update → what the channel does with it: a Bot Framework activity for the bot, a "blocked"
 * signal, or nothing. Pure: no network, no store, so every mapping rule is tested directly.
 */

export interface UpdateContext {
  tenantId: string;
  bot: UserFromGetMe;
}

/** The pressed message, so that the channel can answer the query and remove its keyboard. */
export interface PressedButton {
  queryId: string;
  chatId: number;
  messageId: number;
}

export type IncomingUpdate =
  | { type: 'turn'; kind: string; activity: Partial<Activity>; pressed?: PressedButton }
  /** A person blocked the bot in their private chat. */
  | { type: 'blocked'; kind: string; chatId: string; userId: string }
  | { type: 'ignored'; kind: string; reason: string };

/** The update kinds the channel asks Telegram for (setWebhook / getUpdates `allowed_updates`). */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

export function updateKind(update: Update): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'empty';
}

export function updateToActivity(update: Update, context: UpdateContext): IncomingUpdate {
  if (update.message) return fromMessage(update.update_id, update.message, context);
  if (update.callback_query) return fromCallbackQuery(update.update_id, update.callback_query, context);
  const member = update.my_chat_member;
  if (member) {
    const status = member.new_chat_member.status;
    if (status === 'kicked') {
      // In a private chat, "kicked" means the person (chat and sender alike) blocked the bot. In a group,
      // the sender is the admin who banned the bot: that person blocked nobody.
      if (member.chat.type !== 'private') return { type: 'ignored', kind: 'my_chat_member', reason: 'bot removed from a group chat' };
      return { type: 'blocked', kind: 'my_chat_member', chatId: String(member.chat.id), userId: String(member.from.id) };
    }
    return { type: 'ignored', kind: 'my_chat_member', reason: `member status ${status}` };
  }
  return { type: 'ignored', kind: updateKind(update), reason: 'unhandled update kind' };
}

function fromMessage(updateId: number, message: Message, context: UpdateContext): IncomingUpdate {
  requireShape(Number.isSafeInteger(message.message_id) && Number.isSafeInteger(message.chat.id), 'message');
  const { kind, service } = messageKind(message);
  if (service) return { type: 'ignored', kind: `message:${kind}`, reason: 'service message' };
  // Anonymous group admins and channels post without `from`: the chat speaks for itself.
  const from = message.from ?? { id: message.chat.id, is_bot: false, first_name: '' };
  const activity = baseActivity(context, message.chat, from, String(message.message_id), message.date);
  activity.channelData = { updateId, kind, messageId: message.message_id };
  if (message.text !== undefined) activity.text = withoutBotMention(message.text, context.bot.username);
  return { type: 'turn', kind: `message:${kind}`, activity };
}

function fromCallbackQuery(updateId: number, query: CallbackQuery, context: UpdateContext): IncomingUpdate {
  requireShape(typeof query.id === 'string' && Number.isSafeInteger(query.from.id), 'callback_query');
  const message = query.message;
  // Presses on messages sent in inline mode carry no chat; this bot sends none.
  if (!message) return { type: 'ignored', kind: 'callback_query', reason: 'no message' };
  const { buttonSeq, payload } = parseCallbackData(query.data ?? '');
  const activity = baseActivity(context, message.chat, query.from, `cb:${query.id}`, Math.floor(Date.now() / 1000));
  activity.text = payload;
  activity.replyToId = String(message.message_id);
  if (buttonSeq > 0) activity.value = { buttonSeq };
  activity.channelData = { updateId, kind: 'callback_query', callbackQuery: true };
  return {
    type: 'turn',
    kind: 'callback_query',
    activity,
    pressed: { queryId: query.id, chatId: message.chat.id, messageId: message.message_id },
  };
}

function baseActivity(context: UpdateContext, chat: Chat, from: User, id: string, unixSeconds: number): Partial<Activity> {
  const isGroup = chat.type !== 'private';
  return {
    type: ActivityTypes.Message,
    id,
    timestamp: new Date(unixSeconds * 1000),
    channelId: 'telegram',
    serviceUrl: `telegram:${context.tenantId}`,
    from: { id: String(from.id), name: from.first_name, role: 'user' },
    recipient: { id: String(context.bot.id), name: context.bot.username, role: 'bot' },
    conversation: {
      id: conversationIdOf(context.tenantId, chat.id),
      tenantId: context.tenantId,
      conversationType: isGroup ? 'group' : 'private',
      isGroup,
      name: '',
    },
    ...(from.language_code ? { locale: from.language_code } : {}),
  };
}

/** Telegram always sends these fields; without them the update did not come from Telegram. */
function requireShape(ok: boolean, kind: string): void {
  if (!ok) throw new TypeError(`malformed ${kind}`);
}

/** "/start@KosiBot workshop-7" (how groups address commands) → "/start workshop-7". */
function withoutBotMention(text: string, botUsername: string): string {
  const match = /^(\/[A-Za-z0-9_]+)@([A-Za-z0-9_]+)(?=\s|$)/.exec(text);
  if (!match || match[2]?.toLowerCase() !== botUsername.toLowerCase()) return text;
  return match[1] + text.slice(match[0].length);
}
