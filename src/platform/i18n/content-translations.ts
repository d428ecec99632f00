import { SUPPORTED_LOCALES, type Locale } from '../config/config-types.js';

/**
 * Staff-written content (a good deed, a workshop, a pathway, a Marktplatz listing) is German; each
 * text field may carry translations: `{ en: { title: "…" }, ar: { description: "…" } }`.
 */
export type ContentTranslations = Partial<Record<Locale, Record<string, string>>>;

/** The languages content can be translated into: all but German, which every entry has. */
export const TRANSLATION_LOCALES: readonly Locale[] = SUPPORTED_LOCALES.filter((locale) => locale !== 'de');

/**
 * One field of an entry in the person's language, or the German text (`german: true`) when it has
 * no translation into that language (Leichte Sprache too: the German text is not easy German).
 */
export function translatedField<E extends { translations?: ContentTranslations }, F extends keyof E & string>(entry: E, field: F, locale: Locale): { text: string; german: boolean } {
  const german = String(entry[field] ?? '');
  const own = locale === 'de' ? undefined : entry.translations?.[locale]?.[field];
  return own ? { text: own, german: false } : { text: german, german: locale !== 'de' && german.length > 0 };
}

/** The entry with its text fields in the person's language, and whether any shown field is German only. */
export function translatedEntry<E extends { translations?: ContentTranslations }, F extends keyof E & string>(entry: E, fields: readonly F[], locale: Locale): { entry: E; germanOnly: boolean } {
  let germanOnly = false;
  const copy = { ...entry };
  for (const field of fields) {
    if (entry[field] === undefined || entry[field] === null || entry[field] === '') continue;
    const { text, german } = translatedField(entry, field, locale);
    (copy as Record<string, unknown>)[field] = text;
    germanOnly ||= german;
  }
  return { entry: copy, germanOnly };
}

/** Only known languages and fields, trimmed, empty ones dropped: what is safe to store. */
export function cleanTranslations(value: unknown, fields: readonly string[], maxLength: (field: string) => number): ContentTranslations | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const clean: ContentTranslations = {};
  for (const locale of TRANSLATION_LOCALES) {
    const texts = (value as Record<string, unknown>)[locale];
    if (!texts || typeof texts !== 'object') continue;
    for (const field of fields) {
      const text = (texts as Record<string, unknown>)[field];
      if (typeof text !== 'string' || !text.trim()) continue;
      (clean[locale] ??= {})[field] = text.trim().slice(0, maxLength(field));
    }
  }
  return Object.keys(clean).length > 0 ? clean : undefined;
}
