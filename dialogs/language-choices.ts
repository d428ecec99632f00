import type { Locale } from '../src/platform/config/config-types.js';
import type { Translator } from '../src/platform/i18n/translator.js';
import type { ButtonChoice } from '../src/bot/choices.js';

/** Each language offered in its own name; typing its name in any language also selects it. */
export function languageChoices(translator: Translator): ButtonChoice[] {
  return translator.locales.map((locale: Locale) => ({
    value: locale,
    title: translator.forLocale(locale)('common:languageName'),
    synonyms: translator.inAllLocales(`common:languages.${locale}`),
  }));
}
