import type { StoredDocument } from '../../../../platform/store/document-store.js';

/** The interests a volunteer can pick (ids are stable; titles live in locales/<lng>/volunteering.json). */
export const INTERESTS = ['kids', 'seniors', 'environment', 'integration', 'culture', 'sport', 'neighbourhood', 'digital'] as const;
export type Interest = (typeof INTERESTS)[number];

/** When someone has time. */
export const TIME_SLOTS = ['weekdays', 'evenings', 'weekends'] as const;
export type TimeSlot = (typeof TIME_SLOTS)[number];

/** How someone wants to be contacted by the organisation (through the bot, or by e-mail/phone). */
export const CONTACT_WAYS = ['chat', 'email', 'phone'] as const;
/** Longest e-mail address or phone number stored (the schema's limit; the question checks it). */
export const CONTACT_DETAIL_MAX = 120;
export type ContactWay = (typeof CONTACT_WAYS)[number];

/** The questions of the onboarding, in order; each can be answered again on its own later. */
export const VOLUNTEER_FIELDS = ['name', 'district', 'interests', 'skills', 'availability', 'hours', 'contact'] as const;
export type VolunteerField = (typeof VOLUNTEER_FIELDS)[number];

/**
 * What a volunteer told us about themselves, next to (not inside) the foundation's Profile. Written
 * answer by answer while the onboarding runs (`status: 'draft'`), so that someone who leaves in the
 * middle continues days later where they stopped.
 */
export interface VolunteerProfile extends StoredDocument {
  profileId: string;
  status: 'draft' | 'complete';
  /** The questions already answered (also when the answer was "skip"). */
  answered: VolunteerField[];
  firstName?: string;
  city?: string;
  district?: string;
  interests: Interest[];
  skills: string[];
  slots: TimeSlot[];
  hoursPerMonth?: number;
  contact?: ContactWay;
  /** E-mail address or phone number when `contact` asks for it. */
  contactDetail?: string;
  createdAt: Date;
  updatedAt: Date;
  completedAt?: Date;
}

export function volunteerProfileId(profileId: string): string {
  return `vp-${profileId}`;
}

/** The next question of the onboarding, or null when every question was answered. */
export function nextOpenField(profile: Pick<VolunteerProfile, 'answered'> | null): VolunteerField | null {
  return VOLUNTEER_FIELDS.find((field) => !profile?.answered.includes(field)) ?? null;
}
