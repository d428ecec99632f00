import type { Locale } from '../../../platform/config/config-types.js';
import type { ContentTranslations } from '../../../platform/i18n/content-translations.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { FormError, type FormValues } from '../../../staff/content/content-section.js';
import { translationInput, translationValues } from '../../../staff/content/content-translations-form.js';
import { cleanListingTranslations, LISTING_LANGUAGES, translationLocalesOf } from '../domain/marketplace/listing-translations.js';
import { LISTING_TEXT_LIMITS, LISTING_TRANSLATED } from '../domain/marketplace/marketplace.js';
import type { ListingView } from './marketplace-admin.js';

export interface ListingTranslationChange {
  translations: ContentTranslations | undefined;
  /** The language the original is written in, when staff set it. */
  language?: Locale;
}

/**
 * A listing's translations from the console form (`tr.en.title`, as the content sections name
 * them) or the admin API's JSON (`translations: { en: { title } }`), and the original's language
 * (`language`, optional). What is too long is a message next to that input, never cut silently.
 */
export function parseListingTranslations(body: unknown, current: Locale, t: Translate): ListingTranslationChange {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const requested = source['language'];
  let language: Locale | undefined;
  if (typeof requested === 'string' && (LISTING_LANGUAGES as readonly string[]).includes(requested)) language = requested as Locale;
  else if (requested !== undefined && requested !== '') errors['language'] = t('marketplaceConsole:errors.language');
  const nested = source['translations'];
  if (nested !== undefined && (nested === null || typeof nested !== 'object' || Array.isArray(nested))) errors['translations'] = t('marketplaceConsole:errors.translations');
  const byLocale = (nested && typeof nested === 'object' ? nested : {}) as Record<string, Record<string, unknown> | undefined>;
  const raw: Record<string, Record<string, string>> = {};
  for (const locale of translationLocalesOf(language ?? current)) {
    for (const field of LISTING_TRANSLATED) {
      const value = source[translationInput(locale, field)] ?? byLocale[locale]?.[field];
      if (typeof value !== 'string' || !value.trim()) continue;
      if (value.trim().length > LISTING_TEXT_LIMITS[field]) errors[translationInput(locale, field)] = t('console:errors.tooLong');
      (raw[locale] ??= {})[field] = value;
    }
  }
  if (Object.keys(errors).length > 0) throw new FormError(errors);
  return { translations: cleanListingTranslations(raw, language ?? current), ...(language ? { language } : {}) };
}

/** The form's values for a listing: its language and its stored translations. */
export const listingFormValues = (listing: ListingView): FormValues => ({ language: listing.language, ...translationValues(listing.translations) });
