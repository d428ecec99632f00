import type { DeliveryTally } from './delivery-tally.js';
import type { Locale } from '../../../platform/config/config-types.js';
import type { StoredDocument } from '../../../platform/store/document-store.js';
import type { ChannelId } from '../../../foundation/profiles/profile.js';

/**
 * Announcement topics a person can receive (ids are stable; titles in locales/<lng>/broadcasts.json
 * as `topics.<id>` and in the console texts). A profile's `announcements.topics` lists the topics
 * the person chose; an empty list means "every topic" (nobody chose yet).
 */
import type { AnnouncementTopic } from '../../../foundation/profiles/announcement-topics.js';
export { ANNOUNCEMENT_TOPICS, receivesTopic, type AnnouncementTopic } from '../../../foundation/profiles/announcement-topics.js';

/**
 * draft → (awaiting-approval →) scheduled → sending ⇄ paused → completed; cancelled from any state
 * before completed. A rejected approval goes back to draft.
 */
export const BROADCAST_STATUSES = ['draft', 'awaiting-approval', 'scheduled', 'sending', 'paused', 'completed', 'cancelled'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/** What happens to a text longer than one Telegram message: split at paragraphs, or refuse to send. */
export const LONG_TEXT_MODES = ['split', 'refuse'] as const;
export type LongTextMode = (typeof LONG_TEXT_MODES)[number];

export interface BroadcastButton {
  /** `url`: an https/http link (counted through our redirect when PUBLIC_URL is set); `deep-link`: a journey payload such as `workshop-12`. */
  kind: 'url' | 'deep-link';
  target: string;
  /** Button title per language; a missing language falls back to the tenant's default. */
  labels: Partial<Record<Locale, string>>;
}

/** Who receives a broadcast, besides the always-applied rules (consent, subscribed, topic, not blocked). Empty lists: no restriction. */
export interface AudienceFilter {
  channels: ChannelId[];
  locales: Locale[];
  /** Volunteers with at least one of these interests (the volunteering feature's INTERESTS). */
  interests: string[];
  /** Volunteers living in one of these districts. */
  districts: string[];
  /** People who receive at least one of these topics (in addition to the broadcast's own topic). */
  topics: AnnouncementTopic[];
  /** People registered (or on the waiting list) for this workshop. */
  workshopId?: string;
  /** Profiles created at or after / before this time. */
  joinedAfter?: Date;
  joinedBefore?: Date;
}

export interface StaffRef {
  id: string;
  name: string;
}

export interface Broadcast extends StoredDocument, BroadcastInput {
  status: BroadcastStatus;
  /** When sending starts (set on submit; "now" is the submit time). */
  sendAt?: Date;
  createdBy: StaffRef;
  updatedBy: StaffRef;
  /** Who asked to send it (needs the approval of somebody else when the city requires it). */
  submittedBy?: StaffRef;
  approvedBy?: StaffRef;
  /** Set once the delivery records exist (the fan-out is complete). */
  fannedOutAt?: Date;
  /** Number of delivery records (the audience at fan-out time). */
  recipients?: number;
  /**
   * Kept on the broadcast, so that the console's progress (asked every second while sending) needs
   * no scan of the deliveries: button presses, people who pressed, messages counted as sent after a crash.
   */
  clicks?: number;
  clickers?: number;
  unconfirmed?: number;
  /** Deliveries by status, from the fan-out on (exact at start, resume, cancel and completion). */
  tally?: DeliveryTally;
  startedAt?: Date;
  finishedAt?: Date;
  cancelledBy?: StaffRef;
  /** Which instance sends it now, until when (crash safety with several instances). */
  lease?: { owner: string; until: Date } | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * pending: waits for its turn (or a retry at `nextAttemptAt`); sending: the call is in flight;
 * waiting: a web chat recipient, delivered at the next visit; sent; failed (after bounded retries,
 * `lastError` says why); blocked: the person blocked the bot; skipped: no longer reachable or no
 * longer subscribed when its turn came; cancelled: the broadcast was cancelled first.
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'waiting', 'sent', 'failed', 'blocked', 'skipped', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Delivery extends StoredDocument {
  broadcastId: string;
  profileId: string;
  channel: ChannelId;
  locale: Locale;
  status: DeliveryStatus;
  /** Failed attempts so far (a 429 is not a failure: it waits and tries again). */
  attempts: number;
  /** Telegram messages of this delivery already sent (a split text has several). */
  partsSent: number;
  nextAttemptAt: Date;
  /** Who is sending it right now (instance id) — a crash leaves it here. */
  claimedBy?: string;
  /** The process died while the call was in flight: Telegram may or may not have shown it; never repeated. */
  unconfirmed?: boolean;
  lastError?: string;
  sentAt?: Date;
  firstClickAt?: Date;
  clicks: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Progress and final statistics of one broadcast. */
export interface BroadcastProgress {
  id: string;
  status: BroadcastStatus;
  total: number;
  pending: number;
  waiting: number;
  sent: number;
  failed: number;
  blocked: number;
  skipped: number;
  cancelled: number;
  unconfirmed: number;
  /** People who pressed the button (through the redirect link or the chat button), and presses. */
  clickers: number;
  clicks: number;
  /** Messages per second over the last 10 seconds while sending (0 otherwise). */
  ratePerSecond: number;
  failureReasons: { reason: string; count: number }[];
  startedAt?: string;
  finishedAt?: string;
}

/** What the composer sends (already parsed from the form); validated by the service. */
export interface BroadcastInput {
  /** For the console list only; never sent. */
  title: string;
  topic: AnnouncementTopic;
  /** Message text per language (plain text: HTML is shown as typed, never interpreted). */
  texts: Partial<Record<Locale, string>>;
  button?: BroadcastButton;
  audience: AudienceFilter;
  longText: LongTextMode;
}

/** One language variant as the people of that language will see it. */
export interface BroadcastPreview {
  locale: Locale;
  /** The text came from the tenant's default language (no text in this language). */
  fallback: boolean;
  /** The Telegram messages, footer included, in order (one unless a long text is split). */
  messages: string[];
  buttonLabel?: string;
  /** The text (with footer) is longer than one Telegram message. */
  tooLong: boolean;
}

export interface AudienceSize {
  total: number;
  byChannel: Record<ChannelId, number>;
  byLocale: Partial<Record<Locale, number>>;
}

export type BroadcastErrorCode =
  | 'invalid'
  | 'no-text'
  | 'empty-audience'
  | 'text-too-long'
  | 'in-the-past'
  | 'not-editable'
  | 'wrong-state'
  | 'same-approver'
  | 'no-linked-chat'
  | 'not-found';

/**
 * A broadcast operation that cannot be done, with a reason for the editor. `fields` names the form
 * fields concerned (e.g. `texts.en`, `sendAt`); `locale` the language variant that is too long.
 */
export class BroadcastError extends Error {
  override name = 'BroadcastError';
  constructor(
    readonly code: BroadcastErrorCode,
    message: string,
    readonly fields: readonly string[] = [],
    readonly locale?: Locale,
  ) {
    super(message);
  }
}

export function isOpenStatus(status: BroadcastStatus): boolean {
  return status === 'scheduled' || status === 'sending' || status === 'paused';
}

