import type { StoredDocument } from '../../../platform/store/document-store.js';
import type { ContentTranslations } from '../../../platform/i18n/content-translations.js';

/** Workshops are shown and written to calendars in this time zone. */
export const WORKSHOP_TIME_ZONE = 'Europe/Berlin';

export type WorkshopStatus = 'scheduled' | 'cancelled';

export interface WorkshopSeries {
  /** Short ASCII id shared by all parts, e.g. "werkstattreihe". */
  id: string;
  /** Name of the series, e.g. "Werkstattreihe". */
  title: string;
  /** 1, 2, 3, ... */
  part: number;
}

export interface WorkshopPlace {
  name: string;
  address: string;
}

export interface WorkshopOrganiser {
  name: string;
  email?: string;
  phone?: string;
}

/** One event people register for: a part of the Werkstattreihe or any other workshop. */
export interface Workshop extends StoredDocument {
  title: string;
  series?: WorkshopSeries;
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** A place with address, or `onlineUrl`, or both. */
  place?: WorkshopPlace;
  onlineUrl?: string;
  capacity: number;
  /** Language the workshop is held in (e.g. "de"). */
  language: string;
  targetGroup: string;
  organiser: WorkshopOrganiser;
  /** Slides, notes...: sent with the follow-up after the event. */
  materialUrl?: string;
  /** Title, description, series title (`seriesTitle`) and target group in other languages, as staff wrote them. */
  translations?: ContentTranslations;
  status: WorkshopStatus;
  /**
   * Grows by one with every change a calendar shows (time, place, title, description, their
   * translations, organiser, cancellation): the SEQUENCE of the calendar file, so that calendar
   * apps take the newer version. Missing on workshops stored before it existed: 0.
   */
  revision?: number;
  createdAt: Date;
  updatedAt: Date;
}

export type RegistrationStatus = 'registered' | 'waiting' | 'cancelled';
export type RegistrationCancelReason = 'person' | 'workshop-cancelled';

/** One person's place (or place on the waiting list) at one workshop; one per workshop and person. */
export interface WorkshopRegistration extends StoredDocument {
  workshopId: string;
  profileId: string;
  status: RegistrationStatus;
  /** Why a registration is `cancelled`: the person gave the seat back, or staff cancelled the workshop. */
  cancelReason?: RegistrationCancelReason;
  /** When the seat was taken (registered) – seats go in this order when registrations race. */
  registeredAt?: Date;
  /** When the person joined the waiting list – the first waiting moves up first. */
  waitingSince?: Date;
  remindersOn: boolean;
  /** Messages already sent for this registration (reminders, follow-up, notices): each at most once. */
  sent: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** A person's wish for all workshops: reminders on or off. */
export interface WorkshopPreferences extends StoredDocument {
  profileId: string;
  remindersOn: boolean;
  updatedAt: Date;
}

export function registrationIdFor(workshopId: string, profileId: string): string {
  return `${workshopId}:${profileId}`;
}
