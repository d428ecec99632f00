import type { Locale } from '../config/config-types.js';

/** The BCP 47 locale used to format dates for each language the bot speaks (a new language must name its own). */
export const DATE_LOCALES: Record<Locale, string> = {
  de: 'de-DE',
  // Leichte Sprache is German: the same dates and times.
  'de-x-ls': 'de-DE',
  en: 'en-GB',
  tr: 'tr-TR',
  uk: 'uk-UA',
  // Western digits, as on German signs and letters the person reads beside the chat.
  ar: 'ar-u-nu-latn',
  ru: 'ru-RU',
  pl: 'pl-PL',
};

/** Languages written right to left: the console's translation inputs for them are right to left (the widget keeps its own list in chat.js). */
export const RIGHT_TO_LEFT: readonly Locale[] = ['ar'];
