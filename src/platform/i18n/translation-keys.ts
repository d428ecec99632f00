import type broadcastsTexts from '../../features/broadcasts/locales/de/broadcasts.json';
import type commonTexts from '../../../locales/de/common.json';
import type consoleTexts from '../../../locales/de/console.json';
import type handoffTexts from '../../features/handoffs/locales/de/handoff.json';
import type helpTexts from '../../../locales/de/help.json';
import type languageTexts from '../../../locales/de/language.json';
import type marketplaceTexts from '../../features/volunteering/locales/de/marketplace.json';
import type menuTexts from '../../../locales/de/menu.json';
import type pathwaysTexts from '../../features/pathways/locales/de/pathways.json';
import type privacyTexts from '../../../locales/de/privacy.json';
import type profileTexts from '../../../locales/de/profile.json';
import type startTexts from '../../../locales/de/start.json';
import type volunteeringTexts from '../../features/volunteering/locales/de/volunteering.json';
import type workshopsTexts from '../../features/workshops/locales/de/workshops.json';

/**
 * Every text key the code may ask for, derived from the German texts (locales/de), which every
 * other language must mirror: a key that German does not define fails `npm run typecheck`.
 * i18next's plural forms (`_one`, `_other`, ...) are asked for without their suffix.
 */
type German = {
  broadcasts: typeof broadcastsTexts;
  common: typeof commonTexts;
  console: typeof consoleTexts;
  handoff: typeof handoffTexts;
  help: typeof helpTexts;
  language: typeof languageTexts;
  marketplace: typeof marketplaceTexts;
  menu: typeof menuTexts;
  pathways: typeof pathwaysTexts;
  privacy: typeof privacyTexts;
  profile: typeof profileTexts;
  start: typeof startTexts;
  volunteering: typeof volunteeringTexts;
  workshops: typeof workshopsTexts;
};

type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';
type WithoutPlural<K extends string> = K extends `${infer Base}${PluralSuffix}` ? Base : K;

/** "a.b.c" for every leaf string of a nested object (arrays count as leaves: i18next returns them whole). */
type LeafPaths<T> = {
  [K in keyof T & string]: T[K] extends string | readonly unknown[] ? WithoutPlural<K> : T[K] extends object ? `${K}.${LeafPaths<T[K]>}` : never;
}[keyof T & string];

export type Namespace = keyof German;

export type TranslationKey = { [N in Namespace]: `${N}:${LeafPaths<German[N]>}` }[Namespace];

type Prefixes<K extends string> = K extends `${infer Head}.${infer Rest}` ? `${Head}.` | `${Head}.${Prefixes<Rest>}` : never;

/** A family of keys such as "console:channels." (every prefix ending in a dot that some key has). */
export type KeyFamily = Prefixes<TranslationKey>;

/**
 * A key built from a stored code (a channel, a language, a topic): the compiler checks the family,
 * the locale test (test/i18n) that every code the product knows has its text. Use a typed union
 * instead where the code has one.
 */
export function familyKey(family: KeyFamily, code: string): TranslationKey {
  return `${family}${code}` as TranslationKey;
}
