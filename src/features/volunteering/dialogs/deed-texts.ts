import type { Locale } from '../../../platform/config/config-types.js';
import { translatedEntry, translatedField } from '../../../platform/i18n/content-translations.js';
import { OPPORTUNITY_TRANSLATED, type Opportunity } from '../domain/opportunities/opportunity.js';

/** A deed's title in the person's language (German when staff did not translate it). */
export const deedTitle = (opportunity: Pick<Opportunity, 'title' | 'translations'>, locale: Locale): string => translatedField(opportunity, 'title', locale).text;

/** The deed as the person reads it, and whether a shown text is German only (then a note says so). */
export const deedIn = (opportunity: Opportunity, locale: Locale): { entry: Opportunity; germanOnly: boolean } => translatedEntry(opportunity, OPPORTUNITY_TRANSLATED, locale);
