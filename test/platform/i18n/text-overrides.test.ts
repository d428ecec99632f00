import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/platform/config/load-config.js';
import { ALL_TEXTS } from '../../support/texts.js';
import { createTranslator } from '../../../src/platform/i18n/translator.js';

function overridesDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kosi-texts-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

const translatorWith = (dir: string) => {
  const translator = createTranslator(ALL_TEXTS, 'de');
  translator.addOverrides(dir);
  return translator;
};

describe('a city\'s own wording (TEXT_OVERRIDES_DIR)', () => {
  it('replaces single texts of any language, features\' included, and leaves the rest as shipped', () => {
    const translator = translatorWith(
      overridesDir({ 'de/start.json': { greeting: 'Moin! Hier ist der Bot von {{tenant}}.' }, 'tr/workshops.json': { menuEntry: 'Atölyeler' }, 'ar/common.json': { onlyInGerman: 'بالألمانية فقط.' } }),
    );
    expect(translator.forLocale('de')('start:greeting', { tenant: 'Dortmund' })).toBe('Moin! Hier ist der Bot von Dortmund.');
    expect(translator.forLocale('de')('start:consentYes')).toBe('Einverstanden');
    expect(translator.forLocale('tr')('workshops:menuEntry')).toBe('Atölyeler');
    expect(translator.forLocale('ar')('common:onlyInGerman')).toBe('بالألمانية فقط.');
    expect(translator.forLocale('en')('start:greeting', { tenant: 'Dortmund' })).toMatch(/^Hello!/);
  });

  it('stops the start naming the file and what is wrong: an unknown language, namespace or key, or broken JSON', () => {
    expect(() => translatorWith(overridesDir({ 'fr/start.json': { greeting: 'Bonjour' } }))).toThrow(/TEXT_OVERRIDES_DIR: .*fr: "fr" is not a language the bot speaks/);
    expect(() => translatorWith(overridesDir({ 'de/begruessung.json': { greeting: 'Moin' } }))).toThrow(/begruessung\.json: there are no texts "begruessung" to override/);
    expect(() => translatorWith(overridesDir({ 'de/start.json': { greting: 'Moin' } }))).toThrow(/start\.json: "greting" is no text of "start"/);
    expect(() => translatorWith(overridesDir({ 'de/start.json': '{ "greeting": ' }))).toThrow(/start\.json is not valid JSON/);
  });
});

describe('the languages a city offers (LANGUAGES)', () => {
  const base = { DATA_DIR: mkdtempSync(join(tmpdir(), 'kosi-lang-')) };

  it('offers all eight by default and the listed ones in their order', () => {
    expect(loadConfig(base).tenants[0]!.languages).toEqual(['de', 'de-x-ls', 'en', 'tr', 'uk', 'ar', 'ru', 'pl']);
    expect(loadConfig({ ...base, LANGUAGES: 'de, ar,uk' }).tenants[0]!.languages).toEqual(['de', 'ar', 'uk']);
  });

  it('refuses an unknown language, a repeated one, and a list without the default language', () => {
    expect(() => loadConfig({ ...base, LANGUAGES: 'de,fr' })).toThrow(/^LANGUAGES: a comma list of the languages to offer, each once, from de, de-x-ls, en, tr, uk, ar, ru, pl \(got "de,fr"\)/);
    expect(() => loadConfig({ ...base, LANGUAGES: 'de,de' })).toThrow(/^LANGUAGES: a comma list/);
    expect(() => loadConfig({ ...base, LANGUAGES: 'en,ar' })).toThrow(/^LANGUAGES: tenant "kosi": its default language de must be one of the languages it offers \(en, ar\)/);
  });
});
