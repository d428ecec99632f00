import type { InlineKeyboardMarkup } from 'grammy/types';
import { encodeCallbackData } from './callback-data.js';
import { TelegramApiError, TelegramRecipientBlockedError } from './telegram-errors.js';
import type { TelegramSender } from './telegram-sender.js';

// The shape of the broadcasts feature's AnnouncementSender port, declared here because channels do
// not import features: the composition root's `telegramFor` checks that the two fit.

export interface Announcement {
  chatId: number;
  text: string;
  /** One a row under the message; none: no keyboard. */
  buttons: readonly AnnouncementButton[];
  /** Telegram's `allow_paid_broadcast` (above 30 messages/s, paid in Stars). */
  paid: boolean;
}

export type AnnouncementButton = { kind: 'url'; label: string; url: string } | { kind: 'deep-link'; label: string; payload: string };

export type AnnouncementOutcome =
  | { kind: 'sent' }
  | { kind: 'blocked' }
  | { kind: 'retry-after'; ms: number }
  | { kind: 'failed'; permanent: boolean; reason: string };

/** A broadcast's messages through one tenant's bot: buttons as an inline keyboard, Bot API errors as outcomes. */
export class TelegramAnnouncementSender {
  constructor(private readonly sender: Pick<TelegramSender, 'sendBroadcastMessage'>) {}

  async sendAnnouncement({ chatId, text, buttons, paid }: Announcement): Promise<AnnouncementOutcome> {
    try {
      await this.sender.sendBroadcastMessage(chatId, text, announcementKeyboard(buttons), paid);
      return { kind: 'sent' };
    } catch (error) {
      return failureOf(error);
    }
  }
}

/** One button a row; a deep link is pressed like an action button (`/open <payload>`). */
export function announcementKeyboard(buttons: readonly AnnouncementButton[]): InlineKeyboardMarkup | undefined {
  if (buttons.length === 0) return undefined;
  return {
    inline_keyboard: buttons.map((button) => [
      button.kind === 'url' ? { text: button.label, url: button.url } : { text: button.label, callback_data: encodeCallbackData(0, `/open ${button.payload}`).data },
    ]),
  };
}

/** 403: blocked (the sender has told `onRecipientBlocked`); 429: wait; any other 4xx does not get better by waiting. */
function failureOf(error: unknown): Exclude<AnnouncementOutcome, { kind: 'sent' }> {
  if (error instanceof TelegramRecipientBlockedError) return { kind: 'blocked' };
  const apiError = error instanceof TelegramApiError ? error : undefined;
  if (apiError?.errorCode === 429) return { kind: 'retry-after', ms: (apiError.retryAfter ?? 1) * 1000 };
  const permanent = apiError?.errorCode !== undefined && apiError.errorCode >= 400 && apiError.errorCode < 500;
  const reason = apiError ? `Telegram ${apiError.errorCode ?? 'network'}: ${apiError.description}` : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'failed', permanent, reason };
}
