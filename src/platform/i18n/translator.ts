import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import i18next, { type Resource } from 'i18next';
import { SUPPORTED_LOCALES, type Locale } from '../config/config-types.js';
import type { TranslationKey } from './translation-keys.js';
import { germanKeySet, readTextOverrides } from './text-overrides.js';

export type { TranslationKey };

export type TranslationVars = Record<string, string | number>;

/** Text lookup for one language; keys are `namespace:path`, namespaces are the files in locales/<lng>/. */
export type Translate = (key: TranslationKey, vars?: TranslationVars) => string;

export interface Translator {
  readonly locales: readonly Locale[];
  forLocale(locale: Locale): Translate;
  /** The same key in every supported language (e.g. to recognise a typed "Deutsch" or "English"). */
  inAllLocales(key: TranslationKey): string[];
  /** Adds the texts of one more folder (a feature's `locales/`): `<lng>/<namespace>.json`. */
  addTexts(localesDir: string): void;
  /** Replaces single texts with a city's own (TEXT_OVERRIDES_DIR); call after every folder was added. */
  addOverrides(overridesDir: string): void;
}

function readTexts(localesDir: string): Resource {
  const resources: Resource = {};
  for (const locale of SUPPORTED_LOCALES) {
    const dir = join(localesDir, locale);
    resources[locale] = {};
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
      resources[locale]![basename(file, '.json')] = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    }
  }
  return resources;
}

/**
 * Loads every `<lng>/<namespace>.json` of the given folders once at start (the foundation's
 * locales/ and each feature's); one i18next instance per app, no global. A namespace belongs to one
 * folder only.
 */
export function createTranslator(localesDirs: string | readonly string[], fallback: Locale): Translator {
  const resources: Resource = {};
  for (const locale of SUPPORTED_LOCALES) resources[locale] = {};
  const owner = new Map<string, string>();
  const add = (localesDir: string, into: (locale: Locale, namespace: string, texts: Resource[string][string]) => void): void => {
    const texts = readTexts(localesDir);
    for (const locale of SUPPORTED_LOCALES) {
      for (const [namespace, bundle] of Object.entries(texts[locale] ?? {})) {
        const first = owner.get(namespace);
        if (first !== undefined && first !== localesDir) throw new Error(`text namespace "${namespace}" is defined in ${first} and in ${localesDir}`);
        owner.set(namespace, localesDir);
        into(locale, namespace, bundle);
      }
    }
  };
  for (const dir of typeof localesDirs === 'string' ? [localesDirs] : localesDirs) add(dir, (locale, namespace, bundle) => (resources[locale]![namespace] = bundle));
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
    addTexts: (localesDir) => add(localesDir, (locale, namespace, bundle) => instance.addResourceBundle(locale, namespace, bundle, true, true)),
    addOverrides: (overridesDir) => {
      const german = (namespace: string) => {
        // German is the reference every language mirrors, whatever the city's default.
        const bundle = instance.getResourceBundle('de', namespace) as unknown;
        return bundle ? germanKeySet(bundle) : undefined;
      };
      for (const { locale, namespace, texts } of readTextOverrides(overridesDir, german)) instance.addResourceBundle(locale, namespace, texts, true, true);
    },
  };
}

/**
 * Maps a client locale such as "de-DE", "ar-SY", Telegram's "en" or a page's "de-x-ls" onto a
 * supported one: the exact tag first, then its language.
 */
export function matchLocale(value: string | undefined): Locale | undefined {
  if (!value) return undefined;
  const tag = value.toLowerCase().replace(/_/g, '-');
  const exact = SUPPORTED_LOCALES.find((locale) => locale === tag);
  if (exact) return exact;
  const base = tag.split('-')[0];
  return SUPPORTED_LOCALES.find((locale) => locale === base);
}

/** Text for a turn the bot could not prepare (error, group chat): the client's language, else the city's. */
export function fallbackTranslate(translator: Translator, clientLocale: string | undefined, tenantLocale: Locale | undefined): Translate {
  return translator.forLocale(matchLocale(clientLocale) ?? tenantLocale ?? 'de');
}
