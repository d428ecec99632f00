/**
 * What announcements need of a channel: one message to one chat, and what became of it. The channel
 * turns its own errors into an outcome, so the delivery code never sees them. Declared here, beside
 * the channels that implement it, so the broadcasts feature and the Telegram channel share one type.
 */
export interface AnnouncementSender {
  /** Never rejects: every failure is an outcome. */
  sendAnnouncement(announcement: Announcement): Promise<AnnouncementOutcome>;
}

export interface Announcement {
  /** The recipient's chat on the channel. */
  chatId: number;
  text: string;
  /** Under the message, one a row; empty under every part of a split text but the last. */
  buttons: readonly AnnouncementButton[];
  /** The city pays to send above the channel's free rate (Telegram: `allow_paid_broadcast`). */
  paid: boolean;
}

export type AnnouncementButton =
  | { kind: 'url'; label: string; url: string }
  /** Opens a chat journey by its deep-link payload (`bclick-…`, `topic-off-…`). */
  | { kind: 'deep-link'; label: string; payload: string };

export type AnnouncementOutcome =
  | { kind: 'sent' }
  /** The person blocked the bot (the channel has marked them): never send to them again. */
  | { kind: 'blocked' }
  /** The channel asked to slow down: nothing of this bot goes out for `ms`. */
  | { kind: 'retry-after'; ms: number }
  /** `permanent`: trying again cannot help (the chat is gone, the text was refused). */
  | { kind: 'failed'; permanent: boolean; reason: string };
