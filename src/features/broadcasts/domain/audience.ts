import type { Locale } from '../../../platform/config/config-types.js';
import { CONSENT_VERSION } from '../../../foundation/privacy/consent-version.js';
import type { ChannelId, Profile } from '../../../foundation/profiles/profile.js';
import type { ProfileRepository } from '../../../foundation/profiles/profile-repository.js';
import type { VolunteerProfileRepository } from '../../volunteering/domain/volunteers/volunteer-profile-repository.js';
import { INTERESTS, type Interest } from '../../volunteering/domain/volunteers/volunteer-profile.js';
import type { WorkshopRegistrationRepository } from '../../workshops/domain/workshop-repository.js';
import { receivesTopic, type AnnouncementTopic, type AudienceFilter, type AudienceSize } from './broadcast.js';

/** One person a broadcast goes to, on one channel, in one language. */
export interface Recipient {
  profileId: string;
  channel: ChannelId;
  locale: Locale;
}

export interface AudienceSources {
  profiles: ProfileRepository;
  volunteers: VolunteerProfileRepository;
  workshopRegistrations: WorkshopRegistrationRepository;
}

/**
 * Who receives a broadcast. Always: current consent, not blocked, announcements on and the topic
 * received (nobody who sent /stop or unsubscribed from the topic). Then the editor's filters.
 * Each person gets it once, on one channel: Telegram (it arrives at once) when they have it and the
 * filter allows it, else the web chat (shown at their next visit).
 */
export async function findRecipients(sources: AudienceSources, tenantId: string, defaultLocale: Locale, topic: AnnouncementTopic, filter: AudienceFilter): Promise<Recipient[]> {
  const [subscribed, volunteerIds, workshopIds] = await Promise.all([
    sources.profiles.listSubscribed(tenantId, CONSENT_VERSION),
    volunteerFilter(sources, tenantId, filter),
    filter.workshopId ? sources.workshopRegistrations.listActive(tenantId, filter.workshopId).then((list) => new Set(list.map((registration) => registration.profileId))) : null,
  ]);
  const recipients: Recipient[] = [];
  for (const profile of subscribed) {
    if (!receivesTopic(profile.announcements, topic)) continue;
    if (filter.topics.length > 0 && !filter.topics.some((extra) => receivesTopic(profile.announcements, extra))) continue;
    const locale = profile.locale ?? defaultLocale;
    if (filter.locales.length > 0 && !filter.locales.includes(locale)) continue;
    if (filter.joinedAfter && profile.createdAt < filter.joinedAfter) continue;
    if (filter.joinedBefore && profile.createdAt >= filter.joinedBefore) continue;
    if (volunteerIds && !volunteerIds.has(profile._id)) continue;
    if (workshopIds && !workshopIds.has(profile._id)) continue;
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

/** Profile ids of volunteers matching interests and districts, or null when neither filter is set. */
async function volunteerFilter(sources: AudienceSources, tenantId: string, filter: AudienceFilter): Promise<Set<string> | null> {
  if (filter.interests.length === 0 && filter.districts.length === 0) return null;
  const interests = filter.interests.filter((interest): interest is Interest => (INTERESTS as readonly string[]).includes(interest));
  const volunteers = await sources.volunteers.listComplete(tenantId, { interests, districts: filter.districts });
  return new Set(volunteers.map((volunteer) => volunteer.profileId));
}
