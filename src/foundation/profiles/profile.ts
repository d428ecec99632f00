import type { Locale } from '../../platform/config/config-types.js';
import type { StoredDocument } from '../../platform/store/document-store.js';

export type ChannelId = 'telegram' | 'webchat';

/** Who someone is on one channel of one municipality. */
export interface AccountKey {
  tenantId: string;
  channel: ChannelId;
  accountId: string;
}

export interface ChannelAccount {
  channel: ChannelId;
  accountId: string;
  /** The conversation the bot last talked in, and how to reach it proactively (opaque JSON, no names). */
  conversationId?: string;
  conversationReference?: string;
  addedAt: Date;
}

export type ConsentStatus = 'given' | 'declined';

export interface Profile extends StoredDocument {
  accounts: ChannelAccount[];
  locale?: Locale;
  /** `locale`: the language of the privacy notice the person answered (one version for every translation). */
  consent: { status: ConsentStatus; version: string; at: Date; locale?: Locale };
  announcements: { subscribed: boolean; topics: string[] };
  /** `blocked`: the person blocked the bot; never send to them again. */
  status: 'active' | 'blocked';
  createdAt: Date;
  updatedAt: Date;
}

/** The profile if its owner agreed to the current privacy notice, else null. */
export function consentedProfile(profile: Profile | null, currentVersion: string): Profile | null {
  return profile?.consent.status === 'given' && profile.consent.version === currentVersion ? profile : null;
}
