import type { InlineKeyboardMarkup } from 'grammy/types';
import { encodeCallbackData } from './callback-data.js';
import { TelegramApiError, TelegramRecipientBlockedError } from './telegram-errors.js';
import type { TelegramSender } from './telegram-sender.js';
import type { Announcement, AnnouncementButton, AnnouncementOutcome, AnnouncementSender } from '../announcement-port.js';

export type { Announcement };

/** A broadcast's messages through one tenant's bot: buttons as an inline keyboard, Bot API errors as outcomes. */
export class TelegramAnnouncementSender implements AnnouncementSender {
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
