import type { ContentTranslations } from '../../../platform/i18n/content-translations.js';
import { TRANSLATION_LOCALES } from '../../../platform/i18n/content-translations.js';
import type { Workshop } from './workshop.js';

/** A series in the list's filter: its German title and that title's translations (`seriesTitle`). */
export interface WorkshopSeriesChoice {
  id: string;
  title: string;
  translations?: ContentTranslations;
}

/**
 * The series of these workshops, in their order. Staff translate the series title on each part: the
 * first part that has it in a language names the series in that language (one part is enough).
 */
export function seriesOf(workshops: readonly Workshop[]): WorkshopSeriesChoice[] {
  const found = new Map<string, WorkshopSeriesChoice>();
  for (const workshop of workshops) {
    if (!workshop.series) continue;
    const choice = found.get(workshop.series.id) ?? { id: workshop.series.id, title: workshop.series.title };
    for (const locale of TRANSLATION_LOCALES) {
      const text = workshop.translations?.[locale]?.['seriesTitle'];
      if (text && !choice.translations?.[locale]) choice.translations = { ...choice.translations, [locale]: { seriesTitle: text } };
    }
    found.set(choice.id, choice);
  }
  return [...found.values()];
}
