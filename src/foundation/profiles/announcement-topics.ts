import type { Translate } from '../../platform/i18n/translator.js';
import { familyKey } from '../../platform/i18n/translation-keys.js';

/**
 * What a person may receive announcements about. The choice is part of their profile (and /stop
 * switches all off), so it lives with the profile; the broadcasts feature sends by it.
 */
export const ANNOUNCEMENT_TOPICS = ['city', 'workshops', 'volunteering', 'jobs'] as const;
export type AnnouncementTopic = (typeof ANNOUNCEMENT_TOPICS)[number];

export const isAnnouncementTopic = (value: string): value is AnnouncementTopic => (ANNOUNCEMENT_TOPICS as readonly string[]).includes(value);

/** Whether announcements are on and the topic is chosen (no topics chosen: all of them). */
export function receivesTopic(announcements: { subscribed: boolean; topics: readonly string[] }, topic: string): boolean {
  return announcements.subscribed && (announcements.topics.length === 0 || announcements.topics.includes(topic));
}

/** The topics someone receives now: none when announcements are off, every topic when none was chosen. */
export function receivedTopics(profile: { announcements: { subscribed: boolean; topics: readonly string[] } }): AnnouncementTopic[] {
  if (!profile.announcements.subscribed) return [];
  const chosen = profile.announcements.topics;
  return chosen.length === 0 ? [...ANNOUNCEMENT_TOPICS] : ANNOUNCEMENT_TOPICS.filter((topic) => chosen.includes(topic));
}

/** The topic's name in the person's language (locales/<lng>/common.json `announcementTopics`). */
export const topicTitle = (t: Translate, topic: string): string => t(familyKey('common:announcementTopics.', topic));
