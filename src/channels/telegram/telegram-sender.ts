import { InputFile, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from '../../platform/logging/logger.js';
import type { DocumentSource } from './activity-to-telegram.js';
import { conversationIdOf } from './conversation-id.js';
import { notifyRecipientBlocked, type RecipientBlockedHook } from './recipient-blocked.js';
import { splitText } from '../../platform/text/split-text.js';
import { TELEGRAM_TEXT_LIMIT } from './telegram-limits.js';
import { describeError, isRecipientBlocked, TelegramRecipientBlockedError, toTelegramApiError } from './telegram-errors.js';
import type { PressedButton } from './update-to-activity.js';

export interface TelegramSenderOptions {
  api: Api;
  tenantId: string;
  logger: Logger;
  onRecipientBlocked?: RecipientBlockedHook;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Performs the Bot API calls for one tenant's bot. Every failure leaves as a TelegramApiError (no
 * payload, no token); a 403 becomes TelegramRecipientBlockedError and, in a private chat (the
 * person blocked the bot), additionally tells `onRecipientBlocked`.
 */
export class TelegramSender {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: TelegramSenderOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** One text message (at most 4096 characters: the caller splits); returns its message id. */
  async sendText(chatId: number, text: string, keyboard?: InlineKeyboardMarkup): Promise<number> {
    const sent = await this.call('sendMessage', chatId, () => this.options.api.sendMessage(chatId, text, markup(keyboard)));
    return sent.message_id;
  }

  /** A file: uploaded from bytes, or fetched by Telegram from a URL; returns its message id. */
  async sendDocument(chatId: number, source: DocumentSource, keyboard?: InlineKeyboardMarkup): Promise<number> {
    const document = 'url' in source ? source.url : new InputFile(source.bytes, source.filename);
    const sent = await this.call('sendDocument', chatId, () => this.options.api.sendDocument(chatId, document, markup(keyboard)));
    return sent.message_id;
  }

  /** "typing…": optional, a failure never fails a turn. */
  async typing(chatId: number): Promise<void> {
    await this.options.api.sendChatAction(chatId, 'typing').catch((error: unknown) => this.logFailure('sendChatAction', chatId, error));
  }

  /** A `delay` activity: the pause between two messages. */
  pause(ms: number): Promise<void> {
    return this.sleep(ms);
  }

  /**
   * One broadcast message, straight to the Bot API: the announcement sender has taken its slot in the
   * bot's budget and the broadcast handles 429 itself, so this sender's API has no transformers. Paid
   * broadcasts (above 30 messages/s) carry Telegram's `allow_paid_broadcast`.
   */
  async sendBroadcastMessage(chatId: number, text: string, keyboard: InlineKeyboardMarkup | undefined, paid: boolean): Promise<number> {
    const extra = { ...markup(keyboard), ...(paid ? { allow_paid_broadcast: true } : {}) };
    const sent = await this.call('sendMessage', chatId, () => this.options.api.sendMessage(chatId, text, extra));
    return sent.message_id;
  }

  async editText(chatId: number, messageId: number, text: string, keyboard?: InlineKeyboardMarkup): Promise<void> {
    // An edit replaces one message: a text beyond 4096 characters keeps its first part only.
    const [first = ''] = splitText(text, TELEGRAM_TEXT_LIMIT);
    try {
      await this.call('editMessageText', chatId, () => this.options.api.editMessageText(chatId, messageId, first, markup(keyboard)));
    } catch (error) {
      // Editing to the same text is harmless (a repeated update); Telegram answers 400 for it.
      if (!/message is not modified/i.test((error as { description?: string }).description ?? '')) throw error;
    }
  }

  async deleteMessage(chatId: number, messageId: number): Promise<void> {
    await this.call('deleteMessage', chatId, () => this.options.api.deleteMessage(chatId, messageId));
  }

  /** Stops the button's spinner and removes the keyboard so that it cannot be pressed again. */
  async acknowledgePress(pressed: PressedButton): Promise<void> {
    const { api } = this.options;
    await api.answerCallbackQuery(pressed.queryId).catch((error: unknown) => this.logFailure('answerCallbackQuery', pressed.chatId, error));
    await api
      .editMessageReplyMarkup(pressed.chatId, pressed.messageId, { reply_markup: { inline_keyboard: [] } })
      .catch((error: unknown) => this.logFailure('editMessageReplyMarkup', pressed.chatId, error));
  }

  private async call<T>(method: string, chatId: number, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isRecipientBlocked(error)) throw toTelegramApiError(method, error);
      const { tenantId, logger, onRecipientBlocked } = this.options;
      const chat = String(chatId);
      if (isPrivateChat(chatId)) {
        // In a private chat the chat is the person: they blocked the bot or deleted their account.
        const event = { tenantId, chatId: chat, userId: chat, conversationId: conversationIdOf(tenantId, chatId), reason: 'send-forbidden' as const };
        await notifyRecipientBlocked(onRecipientBlocked, event, logger);
      } else {
        // A group or channel the bot was removed from: no person blocked anything.
        logger.info({ tenantId, chatId: chat, method }, 'telegram: the bot may no longer post in this group chat');
      }
      throw new TelegramRecipientBlockedError(method, error.description, tenantId, chat);
    }
  }

  private logFailure(method: string, chatId: number, error: unknown): void {
    this.options.logger.warn({ tenantId: this.options.tenantId, chatId, ...describeError(toTelegramApiError(method, error)) }, 'telegram: optional call failed');
  }
}

/** Private chats have the person's (positive) user id; groups, supergroups and channels negative ids. */
function isPrivateChat(chatId: number): boolean {
  return chatId > 0;
}

function markup(keyboard: InlineKeyboardMarkup | undefined): { reply_markup?: InlineKeyboardMarkup } {
  return keyboard ? { reply_markup: keyboard } : {};
}
