import { SUPPORTED_LOCALES, type Locale } from '../../../../platform/config/config-types.js';
import type { ContentTranslations } from '../../../../platform/i18n/content-translations.js';
import { LISTING_TEXT_LIMITS, LISTING_TRANSLATED } from './marketplace.js';

/**
 * The languages a listing can be written in. Leichte Sprache is a way of writing German, not a
 * language of its own: a listing typed in the Leichte Sprache chat is German.
 */
export const LISTING_LANGUAGES: readonly Locale[] = SUPPORTED_LOCALES.filter((locale) => locale !== 'de-x-ls');

/** The language of what a person typed in a chat that speaks `chatLocale`. */
export const writtenLanguageOf = (chatLocale: Locale): Locale => (chatLocale === 'de-x-ls' ? 'de' : chatLocale);

/** The languages staff may translate a listing into: every one but the one it is written in. */
export const translationLocalesOf = (original: Locale): Locale[] => SUPPORTED_LOCALES.filter((locale) => locale !== original);

/**
 * What is safe to store: only the listing's other languages and its two texts, trimmed and within
 * the listing's limits, empty ones dropped (undefined when none is left). Unlike the deeds'
 * translations, German is one of them when the poster wrote in another language.
 */
export function cleanListingTranslations(value: unknown, original: Locale): ContentTranslations | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const clean: ContentTranslations = {};
  for (const locale of translationLocalesOf(original)) {
    const texts = (value as Record<string, unknown>)[locale];
    if (!texts || typeof texts !== 'object') continue;
    for (const field of LISTING_TRANSLATED) {
      const text = (texts as Record<string, unknown>)[field];
      if (typeof text !== 'string' || !text.trim()) continue;
      (clean[locale] ??= {})[field] = text.trim().slice(0, LISTING_TEXT_LIMITS[field]);
    }
  }
  return Object.keys(clean).length > 0 ? clean : undefined;
}
