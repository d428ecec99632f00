import type { Locale } from '../../../platform/config/config-types.js';
import { translatedField } from '../../../platform/i18n/content-translations.js';
import { PATHWAY_TRANSLATED, REQUIREMENT_TRANSLATED, type Pathway, type TranslatedPathwayField } from '../domain/pathway.js';

/** A pathway as one person reads it. */
export interface PathwayInLanguage {
  /** Its texts in the person's language; German where staff did not translate one. */
  pathway: Pathway;
  /** Whether one of these shown texts is German only (then a note says so). */
  germanOnly(fields: readonly TranslatedPathwayField[]): boolean;
}

/** Every text a person can read of a pathway (the details show them all). */
export const ALL_TRANSLATED: readonly TranslatedPathwayField[] = [...PATHWAY_TRANSLATED, ...REQUIREMENT_TRANSLATED];

/** The pathway in the person's language, also the texts inside its requirements. */
export function pathwayIn(pathway: Pathway, locale: Locale): PathwayInLanguage {
  const german = new Set<TranslatedPathwayField>();
  const copy: Pathway = { ...pathway, requirements: { ...pathway.requirements } };
  for (const field of PATHWAY_TRANSLATED) {
    const shown = translatedField(pathway, field, locale);
    copy[field] = shown.text;
    if (shown.german) german.add(field);
  }
  // The requirements' texts are translated under their own names, in the pathway's translations.
  const requirementTexts = { ...pathway.requirements, translations: pathway.translations };
  for (const field of REQUIREMENT_TRANSLATED) {
    if (!pathway.requirements?.[field]) continue;
    const shown = translatedField(requirementTexts, field, locale);
    copy.requirements[field] = shown.text;
    if (shown.german) german.add(field);
  }
  return { pathway: copy, germanOnly: (fields) => fields.some((field) => german.has(field)) };
}

/** The title in the person's language (German when staff did not translate it). */
export const pathwayTitle = (pathway: Pick<Pathway, 'title' | 'translations'>, locale: Locale): string => translatedField(pathway, 'title', locale).text;
