import type { Locale } from '../../../platform/config/config-types.js';
import type { TranslationKey } from '../../../platform/i18n/translation-keys.js';
import { LISTING_TRANSLATED, originalLanguageOf, type MarketplaceListing } from '../domain/marketplace/marketplace.js';

export interface ListingInLanguage {
  listing: MarketplaceListing;
  /**
   * Said under the text when a shown field is not in the person's language. Citizens write listings
   * in their own language, so "only in German" is said only of German ones; any other original
   * gets "only in the language it was written in".
   */
  note?: TranslationKey;
}

/** A listing's title and description as a person reads them: their language where staff translated it, else the poster's words. */
export function listingIn(listing: MarketplaceListing, locale: Locale): ListingInLanguage {
  const original = originalLanguageOf(listing);
  if (locale === original) return { listing };
  const shown = { ...listing };
  let untranslated = false;
  for (const field of LISTING_TRANSLATED) {
    const own = listing.translations?.[locale]?.[field];
    if (own) shown[field] = own;
    else untranslated ||= listing[field].length > 0;
  }
  if (!untranslated) return { listing: shown };
  return { listing: shown, note: original === 'de' ? 'common:onlyInGerman' : 'marketplace:onlyInOriginal' };
}

/** A listing's title in the person's language (the poster's words when not translated). */
export const listingTitle = (listing: MarketplaceListing, locale: Locale): string => listingIn(listing, locale).listing.title;
