import type { Locale } from '../../../platform/config/config-types.js';
import type { ChannelId } from '../../../foundation/profiles/profile.js';
import type { AnnouncementTopic, AudienceFilter, AudienceSize, Broadcast, BroadcastInput, BroadcastPreview, BroadcastProgress, StaffRef } from './broadcast.js';

/** Per city, set by an admin in the console. */
export interface BroadcastSettings {
  /** Sending needs the approval of a second staff member (not the one who asked to send). */
  requireApproval: boolean;
}

/** How a staff member connects their own chat, to receive "send a test to myself". */
export interface StaffChatLinkOffer {
  code: string;
  expiresAt: Date;
  /** `https://t.me/<bot>?start=staff-link-<code>` when the city's bot name is known. */
  telegramLink?: string;
  /** The web chat demo page with `?tenant=<id>&start=staff-link-<code>`. */
  webchatLink: string;
}

/**
 * What the staff console does with broadcasts. Every method checks the tenant; failures that the
 * editor must fix throw BroadcastError (code + German-free message; the console maps codes to texts).
 */
export interface BroadcastOperations {
  /** Newest first. */
  list(tenantId: string, options?: { limit?: number }): Promise<Broadcast[]>;
  get(tenantId: string, id: string): Promise<Broadcast | null>;
  create(tenantId: string, actor: StaffRef, input: BroadcastInput): Promise<Broadcast>;
  /** Only drafts (and broadcasts waiting for approval, which go back to draft) can be edited. */
  update(tenantId: string, id: string, actor: StaffRef, input: BroadcastInput): Promise<Broadcast>;
  /** How many people the broadcast would reach now. */
  audienceSize(tenantId: string, topic: AnnouncementTopic, audience: AudienceFilter): Promise<AudienceSize>;
  /** Every language variant as people will see it (footer included). */
  preview(tenantId: string, broadcast: Pick<Broadcast, 'texts' | 'button' | 'topic' | 'longText'>): BroadcastPreview[];
  /** Sends each language variant, marked as a test, to the staff member's linked chats. */
  sendTest(tenantId: string, id: string, staffUserId: string): Promise<{ channels: ChannelId[]; locales: Locale[] }>;
  /**
   * Asks to send now or at `sendAt` (refused: empty audience, no text, too long in refuse mode, a
   * time in the past). Goes to `awaiting-approval` when the city requires it, else `scheduled`.
   */
  submit(tenantId: string, id: string, actor: StaffRef, sendAt: Date | 'now'): Promise<Broadcast>;
  /** By another staff member than the submitter; a send time that has passed meanwhile means now. */
  approve(tenantId: string, id: string, actor: StaffRef): Promise<Broadcast>;
  /** Back to draft. */
  reject(tenantId: string, id: string, actor: StaffRef): Promise<Broadcast>;
  pause(tenantId: string, id: string, actor: StaffRef): Promise<Broadcast>;
  resume(tenantId: string, id: string, actor: StaffRef): Promise<Broadcast>;
  /** Open deliveries are cancelled; what was sent stays sent. */
  cancel(tenantId: string, id: string, actor: StaffRef): Promise<Broadcast>;
  progress(tenantId: string, id: string): Promise<BroadcastProgress>;
  settings(tenantId: string): Promise<BroadcastSettings>;
  updateSettings(tenantId: string, settings: BroadcastSettings): Promise<BroadcastSettings>;
  /** A fresh one-time code (15 minutes) for linking the staff member's own chat. */
  offerChatLink(tenantId: string, staffUserId: string): Promise<StaffChatLinkOffer>;
  /** The channels of the staff member's linked chat, empty when none. */
  linkedChannels(tenantId: string, staffUserId: string): Promise<ChannelId[]>;
  unlinkChat(tenantId: string, staffUserId: string): Promise<void>;
}
