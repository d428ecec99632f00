import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../../../src/platform/config/config-types.js';
import { ANNOUNCEMENT_TOPICS } from '../../../src/features/broadcasts/domain/broadcast.js';
import { CONSTRAINTS, FIELDS } from '../../../src/features/pathways/domain/pathway.js';
import { INTERESTS, TIME_SLOTS } from '../../../src/features/volunteering/domain/volunteers/volunteer-profile.js';
import type { KeyFamily } from '../../../src/platform/i18n/translation-keys.js';
import { ALL_TEXTS } from '../../support/texts.js';

const SRC = join(import.meta.dirname, '../../../src');
/** The console's templates: its own and the features' pages. */
const VIEWS = [join(SRC, 'staff/views'), ...readdirSync(join(SRC, 'features')).map((feature) => join(SRC, 'features', feature, 'console/views')).filter((dir) => existsSync(dir))];

/** The staff console's texts: German only. */
const isStaffKey = (key: string): boolean => /^(console|\w+Console):/.test(key);

function sourceFiles(dirs: string[]): string[] {
  return dirs.flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts')).map((name) => join(dir, name)));
}

/** Every leaf key of one language as "namespace:a.b.c", plural forms folded onto their base key. */
function keysOf(locale: string): Set<string> {
  const keys = new Set<string>();
  const walk = (namespace: string, node: unknown, path: string[]): void => {
    if (typeof node === 'string' || Array.isArray(node)) {
      keys.add(`${namespace}:${path.join('.').replace(/_(zero|one|two|few|many|other)$/, '')}`);
      return;
    }
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) walk(namespace, child, [...path, key]);
  };
  for (const dir of ALL_TEXTS) {
    for (const file of readdirSync(join(dir, locale)).filter((name) => name.endsWith('.json'))) {
      walk(file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, locale, file), 'utf8')), []);
    }
  }
  return keys;
}

describe('the texts', () => {
  const german = keysOf('de');

  // The staff console (namespace "console" and every "…Console") speaks German only; every text a
  // citizen can meet must exist in every language.
  it('exist in every language for every German key a citizen can meet', () => {
    for (const locale of SUPPORTED_LOCALES.filter((candidate) => candidate !== 'de')) {
      const missing = [...german].filter((key) => !isStaffKey(key) && !keysOf(locale).has(key));
      expect(missing, `missing in ${locale}`).toEqual([]);
    }
  });

  it('exist for every key the console templates ask for by name', () => {
    const asked = VIEWS.flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => name.endsWith('.eta'))
        .flatMap((name) => [...readFileSync(join(dir, name), 'utf8').matchAll(/it\.t\('([^']+)'/g)].map((match) => match[1]!)),
    );
    expect(asked.length).toBeGreaterThan(100);
    // 'console:status.' + code: at least the family must exist.
    const known = (key: string): boolean => (key.endsWith('.') ? [...german].some((candidate) => candidate.startsWith(key)) : german.has(key));
    expect(asked.filter((key) => !known(key))).toEqual([]);
  });

  it('are typed for every namespace any text folder defines, so that typecheck knows its keys', () => {
    // Each owner types its namespaces beside its texts (declaration merging into TextResources).
    const typed = sourceFiles([SRC, join(SRC, '../dialogs')])
      .map((file) => readFileSync(file, 'utf8'))
      .filter((source) => source.includes('interface TextResources'))
      .join('\n');
    const namespaces = ALL_TEXTS.flatMap((dir) => readdirSync(join(dir, 'de')).filter((name) => name.endsWith('.json')).map((name) => name.replace(/\.json$/, '')));
    expect(namespaces.length).toBeGreaterThan(10);
    expect(namespaces.filter((namespace) => !typed.includes(`/locales/de/${namespace}.json'`))).toEqual([]);
  });

  it('exist for every code that the code turns into a key (familyKey)', () => {
    const families: Array<[KeyFamily, readonly string[]]> = [
      ['volunteering:interests.', INTERESTS],
      ['volunteering:slots.', TIME_SLOTS],
      ['pathways:field.', FIELDS],
      ['pathways:constraint.', CONSTRAINTS],
      ['console:languages.', SUPPORTED_LOCALES],
      ['common:languages.', SUPPORTED_LOCALES],
      ['common:announcementTopics.', ANNOUNCEMENT_TOPICS],
      ['console:channels.', ['telegram', 'webchat']],
    ];
    const missing = families.flatMap(([family, codes]) => codes.map((code) => `${family}${code}`)).filter((key) => !german.has(key));
    expect(missing).toEqual([]);
  });
});
