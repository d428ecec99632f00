import type { Locale } from '../config/config-types.js';

/** The BCP 47 locale used to format dates for each language the bot speaks (a new language must name its own). */
export const DATE_LOCALES: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };
