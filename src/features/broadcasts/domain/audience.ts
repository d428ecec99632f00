import type { Locale } from '../../../platform/config/config-types.js';
import { CONSENT_VERSION } from '../../../foundation/privacy/consent-version.js';
import type { ChannelId, Profile } from '../../../foundation/profiles/profile.js';
import type { ProfileRepository } from '../../../foundation/profiles/profile-repository.js';
import type { AudienceFilterFields, AudienceSource } from '../../feature-module.js';
import { receivesTopic, type AnnouncementTopic, type AudienceFilter, type AudienceSize } from './broadcast.js';

/** One person a broadcast goes to, on one channel, in one language. */
export interface Recipient {
  profileId: string;
  channel: ChannelId;
  locale: Locale;
}

export interface AudienceSources {
  profiles: ProfileRepository;
  /** The mounted features' sources (volunteers, workshop participants), read at each use. */
  features(): readonly AudienceSource[];
}

/**
 * Who receives a broadcast. Always: current consent, not blocked, announcements on and the topic
 * received (nobody who sent /stop or unsubscribed from the topic). Then the editor's filters.
 * Each person gets it once, on one channel: Telegram (it arrives at once) when they have it and the
 * filter allows it, else the web chat (shown at their next visit).
 */
/** The filter as the features' audience sources read it (broadcasts store a workshop's id as `workshopId`). */
function featureFields(filter: AudienceFilter): AudienceFilterFields {
  return { interests: filter.interests, districts: filter.districts, ...(filter.workshopId ? { registeredFor: filter.workshopId } : {}) };
}

export async function findRecipients(sources: AudienceSources, tenantId: string, defaultLocale: Locale, topic: AnnouncementTopic, filter: AudienceFilter): Promise<Recipient[]> {
  const [subscribed, ...narrowed] = await Promise.all([sources.profiles.listSubscribed(tenantId, CONSENT_VERSION), ...sources.features().map((source) => source.narrow(tenantId, featureFields(filter)))]);
  const narrowing = narrowed.filter((ids): ids is ReadonlySet<string> => ids !== null);
  const recipients: Recipient[] = [];
  for (const profile of subscribed) {
    if (!receivesTopic(profile.announcements, topic)) continue;
    if (filter.topics.length > 0 && !filter.topics.some((extra) => receivesTopic(profile.announcements, extra))) continue;
    const locale = profile.locale ?? defaultLocale;
    if (filter.locales.length > 0 && !filter.locales.includes(locale)) continue;
    if (filter.joinedAfter && profile.createdAt < filter.joinedAfter) continue;
    if (filter.joinedBefore && profile.createdAt >= filter.joinedBefore) continue;
    if (narrowing.some((ids) => !ids.has(profile._id))) continue;
    const channel = channelFor(profile, filter.channels);
    if (channel) recipients.push({ profileId: profile._id, channel, locale });
  }
  return recipients;
}

export function sizeOf(recipients: readonly Recipient[]): AudienceSize {
  const size: AudienceSize = { total: recipients.length, byChannel: { telegram: 0, webchat: 0 }, byLocale: {} };
  for (const recipient of recipients) {
    size.byChannel[recipient.channel] += 1;
    size.byLocale[recipient.locale] = (size.byLocale[recipient.locale] ?? 0) + 1;
  }
  return size;
}

function channelFor(profile: Profile, allowed: readonly ChannelId[]): ChannelId | null {
  const usable = (channel: ChannelId) => (allowed.length === 0 || allowed.includes(channel)) && profile.accounts.some((account) => account.channel === channel);
  if (usable('telegram')) return 'telegram';
  if (usable('webchat')) return 'webchat';
  return null;
}
