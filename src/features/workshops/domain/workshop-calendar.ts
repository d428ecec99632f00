import ical, { ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import type { Translate } from '../../../platform/i18n/translator.js';
import type { Locale } from '../../../platform/config/config-types.js';
import { WORKSHOP_TIME_ZONE, type Workshop } from './workshop.js';
import { workshopIn } from './workshop-in-language.js';

export interface CalendarOptions {
  /** Product line of the file, e.g. the city's name. */
  calendarName: string;
  /** Host part of the event UID (stable across downloads, so calendars update instead of duplicating). */
  uidDomain: string;
  /** Where the workshop can be opened (the calendar URL or a chat link). */
  url?: string;
  /** DTSTAMP. */
  now: Date;
  /**
   * Texts of the description (`workshops:calendarOnline`, `workshops:calendarContact`) in the
   * person's language; the public URL uses the city's default language.
   */
  t: Translate;
  /** The language of `t`: summary and description are the workshop's texts in it, when staff translated them. */
  locale: Locale;
}

/**
 * An iCalendar file (RFC 5545) for one workshop, with the VTIMEZONE of Europe/Berlin so that
 * calendar apps show the local time the city means, in summer and in winter. A cancelled workshop
 * gets STATUS:CANCELLED (and a higher SEQUENCE), so that an imported event is marked cancelled.
 * SEQUENCE is the workshop's revision: it grows with every change the calendar shows.
 */
export function workshopCalendar(stored: Workshop, options: CalendarOptions): string {
  const { workshop } = workshopIn(stored, options.locale);
  const calendar = ical({
    name: options.calendarName,
    prodId: { company: 'KoSI-Lab', product: 'KoSI-Bot', language: 'DE' },
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  const local = (date: Date) => DateTime.fromJSDate(date, { zone: WORKSHOP_TIME_ZONE });
  const location = workshop.place ? `${workshop.place.name}, ${workshop.place.address}` : (workshop.onlineUrl ?? '');
  const { t } = options;
  const contact = `${workshop.organiser.name}${workshop.organiser.email ? ` <${workshop.organiser.email}>` : ''}`;
  const description = [workshop.description, workshop.onlineUrl ? t('workshops:calendarOnline', { url: workshop.onlineUrl }) : '', t('workshops:calendarContact', { contact })]
    .filter(Boolean)
    .join('\n\n');
  calendar.createEvent({
    id: `workshop-${workshop._id}@${options.uidDomain}`,
    // Grows with every change, so that calendar apps take the newer version of the same UID.
    sequence: workshop.revision ?? 0,
    stamp: DateTime.fromJSDate(options.now, { zone: 'utc' }),
    start: local(workshop.startsAt),
    end: local(workshop.endsAt),
    timezone: WORKSHOP_TIME_ZONE,
    summary: workshop.title,
    description,
    location,
    status: workshop.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(options.url ? { url: options.url } : {}),
  });
  return calendar.toString();
}

/** A file name for the workshop's calendar file. */
export function calendarFileName(workshop: Workshop): string {
  return `workshop-${workshop._id}.ics`;
}
