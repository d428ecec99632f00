import type { Activity, CardAction } from 'botbuilder-core';
import { DateTime } from 'luxon';
import type { Locale } from '../../../platform/config/config-types.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { actionButton } from '../../../bot/action-buttons.js';
import { WORKSHOP_TIME_ZONE, type Workshop } from '../domain/workshop.js';
import { workshopTitle } from '../domain/workshop-in-language.js';

/** Deep-link payloads of the workshop journeys (poster QR codes, reminder buttons). */
export const WORKSHOP_LINK = 'workshop-';
export const WORKSHOP_NOGO_LINK = 'workshop-nogo-';
export const WORKSHOP_QUIET_LINK = 'workshop-quiet-';

export const workshopLink = (workshop: Pick<Workshop, '_id'>): string => `${WORKSHOP_LINK}${workshop._id}`;
export const nogoLink = (workshop: Pick<Workshop, '_id'>): string => `${WORKSHOP_NOGO_LINK}${workshop._id}`;
export const quietLink = (workshop: Pick<Workshop, '_id'>): string => `${WORKSHOP_QUIET_LINK}${workshop._id}`;

const local = (date: Date, locale: Locale) => DateTime.fromJSDate(date, { zone: WORKSHOP_TIME_ZONE }).setLocale(locale);

/** "Montag, 22. Februar 2027, 18:00–20:30 Uhr" in the workshop's time zone, whatever the server's. */
export function formatWhen(t: Translate, locale: Locale, workshop: Pick<Workshop, 'startsAt' | 'endsAt'>): string {
  const start = local(workshop.startsAt, locale);
  const end = local(workshop.endsAt, locale);
  const sameDay = start.hasSame(end, 'day');
  return t(sameDay ? 'workshops:when' : 'workshops:whenMultiDay', {
    date: start.toFormat(t('workshops:dateFormat')),
    endDate: end.toFormat(t('workshops:dateFormat')),
    start: start.toFormat(t('workshops:timeFormat')),
    end: end.toFormat(t('workshops:timeFormat')),
  });
}

/** "22.02." for list buttons. */
export function formatShortDate(t: Translate, locale: Locale, date: Date): string {
  return local(date, locale).toFormat(t('workshops:shortDateFormat'));
}

export function formatWhere(t: Translate, workshop: Pick<Workshop, 'place' | 'onlineUrl'>): string {
  const lines: string[] = [];
  if (workshop.place) lines.push(t('workshops:place', { name: workshop.place.name, address: workshop.place.address }));
  if (workshop.onlineUrl) lines.push(t('workshops:online', { url: workshop.onlineUrl }));
  return lines.join('\n');
}

function message(text: string, buttons: CardAction[] = []): Partial<Activity> {
  return { type: 'message', text, ...(buttons.length > 0 ? { suggestedActions: { actions: buttons, to: [] } } : {}) };
}

/** The reminder one day or one hour before: when, where, "cannot come" and "no more reminders". */
export function reminderMessages(t: Translate, locale: Locale, workshop: Workshop, kind: '1d' | '1h'): Partial<Activity>[] {
  const text = t(kind === '1d' ? 'workshops:reminder1d' : 'workshops:reminder1h', {
    title: workshopTitle(workshop, locale),
    when: formatWhen(t, locale, workshop),
    where: formatWhere(t, workshop),
  });
  return [message(text, [actionButton(t('workshops:cannotCome'), nogoLink(workshop)), actionButton(t('workshops:remindersOffButton'), quietLink(workshop))])];
}

/** After the event: thanks, the material and, in a series, the next part with one tap. */
export function followUpMessages(t: Translate, locale: Locale, workshop: Workshop, next: Workshop | null): Partial<Activity>[] {
  const lines = [t('workshops:followUpThanks', { title: workshopTitle(workshop, locale) })];
  if (workshop.materialUrl) lines.push(t('workshops:followUpMaterial', { url: workshop.materialUrl }));
  if (next) lines.push(t('workshops:followUpNext', { title: workshopTitle(next, locale) }));
  const buttons = next ? [actionButton(t('workshops:nextPartButton', { part: next.series?.part ?? '' }), workshopLink(next))] : [];
  return [message(lines.join('\n\n'), buttons)];
}

export function movedUpMessages(t: Translate, locale: Locale, workshop: Workshop): Partial<Activity>[] {
  const text = t('workshops:movedUp', { title: workshopTitle(workshop, locale), when: formatWhen(t, locale, workshop), where: formatWhere(t, workshop) });
  return [message(text, [actionButton(t('workshops:cannotCome'), nogoLink(workshop))])];
}

export function movedMessages(t: Translate, locale: Locale, workshop: Workshop): Partial<Activity>[] {
  const text = t('workshops:moved', { title: workshopTitle(workshop, locale), when: formatWhen(t, locale, workshop), where: formatWhere(t, workshop) });
  return [message(text, [actionButton(t('workshops:showWorkshop'), workshopLink(workshop)), actionButton(t('workshops:cannotCome'), nogoLink(workshop))])];
}

export function cancelledMessages(t: Translate, locale: Locale, workshop: Workshop): Partial<Activity>[] {
  return [message(t('workshops:workshopCancelledNotice', { title: workshopTitle(workshop, locale), when: formatWhen(t, locale, workshop) }))];
}
