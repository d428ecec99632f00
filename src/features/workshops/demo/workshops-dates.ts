import { DateTime } from 'luxon';
import { WORKSHOP_TIME_ZONE } from '../domain/workshop.js';
import type { NewWorkshop } from '../domain/workshop-service.js';
import { WERKSTATT_SERIES_TITLE, WERKSTATT_TITLES, type DemoLocale, type DemoTranslations } from './demo-translations.js';

/** A demo workshop: times are local (Europe/Berlin) and relative to when the demo is loaded. */
export interface DemoWorkshop extends Omit<NewWorkshop, '_id' | 'startsAt' | 'endsAt' | 'translations'> {
  /** Every text in English and Leichte Sprache too. */
  translations: DemoTranslations;
  /** Stable name inside the set; the id is derived from it and the tenant. */
  key: string;
  /** The day, as computed from the load time. */
  day: DateTime;
  /** Local start and end, "18:00". */
  from: string;
  to: string;
}

/** The four parts of the Werkstattreihe, every four weeks, with part 2 on a 22 February. */
export const WERKSTATT_PARTS = ['Einführung', 'Konzeptentwicklung', 'Aufbau', 'Verstetigung'] as const;
const PART_SPACING_WEEKS = 4;

/**
 * The 22 February of part 2: the next one far enough ahead that part 1 (four weeks before) is still
 * in the future when the demo content is loaded.
 */
export function werkstattDay(now: Date): DateTime {
  const today = DateTime.fromJSDate(now, { zone: WORKSHOP_TIME_ZONE }).startOf('day');
  let day = DateTime.fromObject({ year: today.year, month: 2, day: 22 }, { zone: WORKSHOP_TIME_ZONE });
  while (day.minus({ weeks: PART_SPACING_WEEKS }) <= today) day = day.plus({ years: 1 });
  return day;
}

/** The day of part n (1–4) of the Werkstattreihe. */
export function werkstattPartDay(now: Date, part: number): DateTime {
  return werkstattDay(now).plus({ weeks: PART_SPACING_WEEKS * (part - 2) });
}

/** A day `days` ahead of the load time (local), for the other events. */
export function daysAhead(now: Date, days: number): DateTime {
  return DateTime.fromJSDate(now, { zone: WORKSHOP_TIME_ZONE }).startOf('day').plus({ days });
}

type WerkstattTexts = Record<(typeof WERKSTATT_PARTS)[number], string>;

/** What a city's Werkstattreihe shares across its four parts. */
export type WerkstattSetting = Pick<DemoWorkshop, 'from' | 'to' | 'place' | 'capacity' | 'targetGroup' | 'organiser'> & {
  texts: WerkstattTexts;
  /** The descriptions and the target group in the demo languages. */
  translated: Record<DemoLocale, { texts: WerkstattTexts; targetGroup: string }>;
  /** The material link of part n is `${materialBase}-n`. */
  materialBase: string;
};

/** The four parts of a city's Werkstattreihe. */
export function werkstattSeries(now: Date, setting: WerkstattSetting): DemoWorkshop[] {
  const { texts, translated, materialBase, ...shared } = setting;
  const textsIn = (locale: DemoLocale, title: (typeof WERKSTATT_PARTS)[number], index: number): DemoTranslations[DemoLocale] => ({
    title: WERKSTATT_TITLES[locale][index]!,
    seriesTitle: WERKSTATT_SERIES_TITLE[locale],
    description: translated[locale].texts[title],
    targetGroup: translated[locale].targetGroup,
  });
  return WERKSTATT_PARTS.map((title, index) => ({
    ...shared,
    translations: { en: textsIn('en', title, index), 'de-x-ls': textsIn('de-x-ls', title, index) },
    key: `werkstatt-${index + 1}`,
    title: `Werkstatt ${index + 1}: ${title}`,
    series: { id: 'werkstattreihe', title: 'Werkstattreihe', part: index + 1 },
    description: texts[title],
    day: werkstattPartDay(now, index + 1),
    language: 'de',
    materialUrl: `${materialBase}-${index + 1}`,
  }));
}
