/**
 * Every namespace's German texts by name; German is the reference every other language mirrors, so a
 * key that German does not define fails `npm run typecheck`. Empty here: whoever owns a text folder
 * adds its namespaces by declaration merging (a feature in its `texts.ts`, the foundation in
 * dialogs/foundation-texts.ts), so a new namespace is typed beside its texts and nothing else changes.
 * i18next's plural forms (`_one`, `_other`, ...) are asked for without their suffix.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface TextResources {}

type German = TextResources;

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
