import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SUPPORTED_LOCALES, type Locale } from '../config/config-types.js';
import { ConfigError } from '../config/config-error.js';

type Bundle = Record<string, unknown>;

/** One override file: its language, namespace and texts. */
export interface TextOverride {
  locale: Locale;
  namespace: string;
  texts: Bundle;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

function leafKeys(node: unknown, path: string[] = [], out: string[] = []): string[] {
  if (typeof node === 'string' || Array.isArray(node)) out.push(path.join('.'));
  else if (node && typeof node === 'object') for (const [key, child] of Object.entries(node)) leafKeys(child, [...path, key], out);
  return out;
}

/**
 * Reads TEXT_OVERRIDES_DIR: `<lng>/<namespace>.json` with the keys a city words differently (or a
 * fixed translation). Each file must name a language the bot speaks and a namespace it has, and
 * each key one that German defines (plural forms of any language allowed): a typo stops the start
 * with the file and the key, instead of a text that silently never shows.
 */
export function readTextOverrides(dir: string, germanKeys: (namespace: string) => ReadonlySet<string> | undefined): TextOverride[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ConfigError('TEXT_OVERRIDES_DIR', `${dir} is not a folder`);
  const overrides: TextOverride[] = [];
  for (const name of readdirSync(dir)) {
    const folder = join(dir, name);
    if (!statSync(folder).isDirectory()) continue;
    if (!(SUPPORTED_LOCALES as readonly string[]).includes(name)) throw new ConfigError('TEXT_OVERRIDES_DIR', `${folder}: "${name}" is not a language the bot speaks (${SUPPORTED_LOCALES.join(', ')})`);
    for (const file of readdirSync(folder).filter((entry) => entry.endsWith('.json'))) {
      const path = join(folder, file);
      const namespace = basename(file, '.json');
      const known = germanKeys(namespace);
      if (!known) throw new ConfigError('TEXT_OVERRIDES_DIR', `${path}: there are no texts "${namespace}" to override`);
      let texts: Bundle;
      try {
        texts = JSON.parse(readFileSync(path, 'utf8')) as Bundle;
      } catch (error) {
        throw new ConfigError('TEXT_OVERRIDES_DIR', `${path} is not valid JSON: ${(error as Error).message}`);
      }
      const unknown = leafKeys(texts).find((key) => !known.has(key.replace(PLURAL, '')));
      if (unknown !== undefined) throw new ConfigError('TEXT_OVERRIDES_DIR', `${path}: "${unknown}" is no text of "${namespace}"`);
      overrides.push({ locale: name as Locale, namespace, texts });
    }
  }
  return overrides;
}

/** The German keys of a bundle with plural forms folded ("places_one" → "places"). */
export function germanKeySet(bundle: unknown): Set<string> {
  return new Set(leafKeys(bundle).map((key) => key.replace(PLURAL, '')));
}
