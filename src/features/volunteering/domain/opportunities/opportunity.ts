import type { StoredDocument } from '../../../../platform/store/document-store.js';
import type { ContentTranslations } from '../../../../platform/i18n/content-translations.js';
import type { Interest, TimeSlot } from '../volunteers/volunteer-profile.js';

export interface OpportunityContact {
  name: string;
  email?: string;
  phone?: string;
}

/** A good deed: something a volunteer can do for an organisation, once (dated) or ongoing. */
export interface Opportunity extends StoredDocument {
  title: string;
  organisation: string;
  description: string;
  /** Where it takes place; absent when `online`. */
  district?: string;
  online: boolean;
  /** Dated deeds start (and maybe end) at a time; without `startsAt` the deed is ongoing. */
  startsAt?: Date;
  endsAt?: Date;
  /** What it takes, in the organisation's words ("ca. 3 Stunden", "2 Std. pro Woche"). */
  timeNeeded: string;
  /** Rough effort per month, for matching with the volunteer's hours. */
  hoursPerMonth?: number;
  slots: TimeSlot[];
  interests: Interest[];
  skills: string[];
  /** How many volunteers it needs. */
  places: number;
  contact: OpportunityContact;
  /** Title, description and time needed in other languages, as staff wrote them. */
  translations?: ContentTranslations;
  status: 'open' | 'withdrawn';
  createdAt: Date;
  updatedAt: Date;
}

/** The fields a person reads in their language when staff translated them. */
export const OPPORTUNITY_TRANSLATED = ['title', 'description', 'timeNeeded'] as const;

export type OpportunityInput = Omit<Opportunity, '_id' | 'tenantId' | 'status' | 'createdAt' | 'updatedAt'>;

export interface DeedFeedback {
  rating: number;
  comment?: string;
  at: Date;
}

/** "Ich mache mit": one per opportunity and person (a unique index makes a double press one). */
export interface OpportunityRegistration extends StoredDocument {
  opportunityId: string;
  profileId: string;
  status: 'registered' | 'withdrawn';
  registeredAt: Date;
  withdrawnAt?: Date;
  /** Set once the follow-up question went out (the job may run twice). */
  followUpSentAt?: Date;
  /** Set when the deed was withdrawn by staff and the person is (being) told; the checkpoint of that message. */
  cancelledByOrganiserAt?: Date;
  feedback?: DeedFeedback;
}

/** The date after which a dated deed is over (ongoing deeds never are). */
export function endOf(opportunity: Pick<Opportunity, 'startsAt' | 'endsAt'>): Date | null {
  return opportunity.endsAt ?? opportunity.startsAt ?? null;
}

export function isPast(opportunity: Pick<Opportunity, 'startsAt' | 'endsAt'>, now: Date): boolean {
  const end = endOf(opportunity);
  return end !== null && end.getTime() < now.getTime();
}
