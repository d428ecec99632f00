import type { Locale } from '../src/platform/config/config-types.js';
import type { Translator } from '../src/platform/i18n/translator.js';
import type { ButtonChoice } from '../src/bot/choices.js';
import { familyKey } from '../src/platform/i18n/translation-keys.js';

/**
 * The city's languages (`offered`, in its order), each in its own name ("Türkçe", "العربية",
 * "Leichte Sprache"); typing its name in any language also selects it. `preselected` (the app's or
 * the page's language) comes first.
 */
export function languageChoices(translator: Translator, offered: readonly Locale[], preselected?: Locale): ButtonChoice[] {
  const ordered = preselected && offered.includes(preselected) ? [preselected, ...offered.filter((locale) => locale !== preselected)] : offered;
  return ordered.map((locale: Locale) => ({
    value: locale,
    title: translator.forLocale(locale)('common:languageName'),
    synonyms: translator.inAllLocales(familyKey('common:languages.', locale)),
  }));
}
