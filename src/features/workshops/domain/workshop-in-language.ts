import type { Locale } from '../../../platform/config/config-types.js';
import { translatedEntry, translatedField } from '../../../platform/i18n/content-translations.js';
import type { Workshop } from './workshop.js';
import type { WorkshopSeriesChoice } from './workshop-series-choices.js';

/** What the details and the calendar file show of a workshop's own texts. */
const SHOWN = ['title', 'description', 'targetGroup'] as const;

/** A workshop's title in the person's language (German when staff did not translate it). */
export const workshopTitle = (workshop: Pick<Workshop, 'title' | 'translations'>, locale: Locale): string => translatedField(workshop, 'title', locale).text;

/** A series' title in the person's language (the translation is kept as `seriesTitle`). */
export const seriesTitleIn = (series: WorkshopSeriesChoice, locale: Locale): string => translatedField({ seriesTitle: series.title, translations: series.translations }, 'seriesTitle', locale).text;

/**
 * The workshop as the person reads it (title, description, target group and series title in their
 * language), and whether the details show a text that is German only (then a note says so).
 */
export function workshopIn(workshop: Workshop, locale: Locale): { workshop: Workshop; germanOnly: boolean } {
  const { entry, germanOnly } = translatedEntry(workshop, SHOWN, locale);
  if (!workshop.series) return { workshop: entry, germanOnly };
  const series = { ...workshop.series, title: seriesTitleIn({ ...workshop.series, ...(workshop.translations ? { translations: workshop.translations } : {}) }, locale) };
  return { workshop: { ...entry, series }, germanOnly };
}
