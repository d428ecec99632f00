import { TRANSLATION_LOCALES, type ContentTranslations } from '../../../platform/i18n/content-translations.js';
import { REQUIREMENT_TRANSLATED } from '../domain/pathway.js';

/**
 * The translations an edit in the console stores: the form's (they replace the stored ones of its
 * fields), and those of the requirement texts the console does not show (catch-up offers, German
 * support), which stay as they were, like those German texts themselves. Undefined: none at all.
 */
export function keptTranslations(fromForm: ContentTranslations | undefined, before: ContentTranslations | undefined): ContentTranslations | undefined {
  const kept: ContentTranslations = {};
  for (const locale of TRANSLATION_LOCALES) {
    const texts: Record<string, string> = {};
    for (const field of REQUIREMENT_TRANSLATED) {
      const text = before?.[locale]?.[field];
      if (text) texts[field] = text;
    }
    Object.assign(texts, fromForm?.[locale]);
    if (Object.keys(texts).length > 0) kept[locale] = texts;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}
