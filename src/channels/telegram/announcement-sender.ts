import type { InlineKeyboardMarkup } from 'grammy/types';
import { encodeCallbackData } from './callback-data.js';
import { SendBudget, type SendSlot } from './send-budget.js';
import { TelegramApiError, TelegramRecipientBlockedError } from './telegram-errors.js';
import type { TelegramSender } from './telegram-sender.js';
import type { Announcement, AnnouncementButton, AnnouncementOutcome, AnnouncementSender, AnnouncementSlot } from '../announcement-port.js';

export type { Announcement };

/**
 * A broadcast's messages through one tenant's bot: buttons as an inline keyboard, Bot API errors as
 * outcomes. Each message takes its slot in the bot's one sending budget at the lowest priority, after
 * the replies and reminders people are waiting for; a 429 pauses the whole budget.
 */
export class TelegramAnnouncementSender implements AnnouncementSender {
  constructor(
    private readonly sender: Pick<TelegramSender, 'sendBroadcastMessage'>,
    /** The bot's budget (the channel's); a sender on its own gets one of Telegram's limits. */
    private readonly budget: SendBudget = new SendBudget(),
  ) {}

  async reserve(announcement: Announcement, signal?: AbortSignal): Promise<AnnouncementSlot | undefined> {
    const slot = await this.budget.reserve({ chatId: announcement.chatId, paid: announcement.paid, signal });
    if (!slot) return undefined;
    let used = false;
    return {
      send: () => {
        if (used) return Promise.resolve({ kind: 'failed', permanent: false, reason: 'announcement slot used twice' });
        used = true;
        return this.sendIn(slot, announcement);
      },
      release: () => {
        if (!used) slot.release();
        used = true;
      },
    };
  }

  async sendAnnouncement(announcement: Announcement): Promise<AnnouncementOutcome> {
    const slot = await this.reserve(announcement);
    return slot ? slot.send() : { kind: 'failed', permanent: false, reason: 'not sent' };
  }

  private async sendIn(slot: SendSlot, { chatId, text, buttons, paid }: Announcement): Promise<AnnouncementOutcome> {
    try {
      // The moment the request really leaves: the budget moves the slot here (after the broadcast's checkpoint).
      await slot.leave();
      await this.sender.sendBroadcastMessage(chatId, text, announcementKeyboard(buttons), paid);
      return { kind: 'sent' };
    } catch (error) {
      const outcome = failureOf(error);
      if (outcome.kind === 'retry-after') this.budget.pause(outcome.ms / 1000);
      return outcome;
    } finally {
      slot.done();
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
