import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import i18next, { type Resource } from 'i18next';
import { SUPPORTED_LOCALES, type Locale } from '../config/config-types.js';
import type { TranslationKey } from './translation-keys.js';

export type { TranslationKey };

export type TranslationVars = Record<string, string | number>;

/** Text lookup for one language; keys are `namespace:path`, namespaces are the files in locales/<lng>/. */
export type Translate = (key: TranslationKey, vars?: TranslationVars) => string;

export interface Translator {
  readonly locales: readonly Locale[];
  forLocale(locale: Locale): Translate;
  /** The same key in every supported language (e.g. to recognise a typed "Deutsch" or "English"). */
  inAllLocales(key: TranslationKey): string[];
}

/** Loads every locales/<lng>/<namespace>.json once at start; one i18next instance per app, no global. */
export function createTranslator(localesDir: string, fallback: Locale): Translator {
  const resources: Resource = {};
  for (const locale of SUPPORTED_LOCALES) {
    const dir = join(localesDir, locale);
    resources[locale] = {};
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
      resources[locale]![basename(file, '.json')] = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    }
  }
  const namespaces = Object.keys(resources[fallback] ?? {});
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: fallback,
    fallbackLng: fallback,
    supportedLngs: [...SUPPORTED_LOCALES],
    ns: namespaces,
    defaultNS: 'common',
    initAsync: false,
    // Output is plain text (Telegram without parse_mode, Web Chat with textFormat "plain"): nothing to escape.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = new Map(SUPPORTED_LOCALES.map((locale) => [locale, instance.getFixedT(locale)]));
  return {
    locales: SUPPORTED_LOCALES,
    forLocale: (locale) => {
      const t = fixed.get(locale) ?? fixed.get(fallback)!;
      return (key, vars) => t(key, vars) as string;
    },
    inAllLocales: (key) => SUPPORTED_LOCALES.map((locale) => fixed.get(locale)!(key) as string),
  };
}

/** Maps a client locale such as "de-DE" or Telegram's "en" onto a supported one. */
export function matchLocale(value: string | undefined): Locale | undefined {
  if (!value) return undefined;
  const base = value.toLowerCase().split(/[-_]/)[0];
  return SUPPORTED_LOCALES.find((locale) => locale === base);
}

/** Text for a turn the bot could not prepare (error, group chat): the client's language, else the city's. */
export function fallbackTranslate(translator: Translator, clientLocale: string | undefined, tenantLocale: Locale | undefined): Translate {
  return translator.forLocale(matchLocale(clientLocale) ?? tenantLocale ?? 'de');
}
