/**
 * What announcements need of a channel: one message to one chat, and what became of it. The channel
 * turns its own errors into an outcome, so the delivery code never sees them. Declared here, beside
 * the channels that implement it, so the broadcasts feature and the Telegram channel share one type.
 *
 * The channel paces: it knows its limits and the other traffic of the bot (people waiting for a
 * reply go first), so a broadcast asks for each message's turn (`reserve`) instead of keeping a rate
 * of its own.
 */
export interface AnnouncementSender {
  /**
   * Resolves when the channel has room for this announcement now (its turn has come), and holds that
   * room: `send()` it at once or `release()` it. Undefined when `signal` aborted first (nothing held).
   */
  reserve(announcement: Announcement, signal?: AbortSignal): Promise<AnnouncementSlot | undefined>;
  /** `reserve` and `send` in one. Never rejects: every failure is an outcome. */
  sendAnnouncement(announcement: Announcement): Promise<AnnouncementOutcome>;
}

/** An announcement whose turn has come. */
export interface AnnouncementSlot {
  /** Sends the reserved announcement. Never rejects: every failure is an outcome. */
  send(): Promise<AnnouncementOutcome>;
  /** Not sent after all (paused, or the delivery was taken meanwhile): the room is given back. */
  release(): void;
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
  /** The channel asked to slow down: nothing of this bot goes out for `ms` (the channel holds it back itself). */
  | { kind: 'retry-after'; ms: number }
  /** `permanent`: trying again cannot help (the chat is gone, the text was refused). */
  | { kind: 'failed'; permanent: boolean; reason: string };
