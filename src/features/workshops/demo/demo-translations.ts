import type { ContentTranslations } from '../../../platform/i18n/content-translations.js';

/** The languages the demo workshops come in besides German: English and Leichte Sprache. */
export const DEMO_LOCALES = ['en', 'de-x-ls'] as const;
export type DemoLocale = (typeof DEMO_LOCALES)[number];

/** The texts of one demo workshop in each demo language (the German ones are the workshop's own). */
export type DemoTranslations = Record<DemoLocale, { title: string; description: string; targetGroup: string; seriesTitle?: string }>;

/** "Werkstatt 1: Einführung" … "Werkstatt 4: Verstetigung" in the demo languages (parts 1–4); the same in every city. */
export const WERKSTATT_TITLES: Record<DemoLocale, readonly [string, string, string, string]> = {
  en: ['Workshop 1: Introduction', 'Workshop 2: Developing concepts', 'Workshop 3: Setting it up', 'Workshop 4: Making it last'],
  'de-x-ls': ['Werkstatt 1: Wir lernen uns kennen', 'Werkstatt 2: Einen Plan machen', 'Werkstatt 3: Das Angebot aufbauen', 'Werkstatt 4: So bleibt das Angebot'],
};

/** "Werkstattreihe" in the demo languages. */
export const WERKSTATT_SERIES_TITLE: Record<DemoLocale, string> = { en: 'Workshop series', 'de-x-ls': 'Werkstatt·reihe' };

/** As stored: `{ en: { title, … }, 'de-x-ls': { … } }`. */
export function asTranslations(texts: DemoTranslations): ContentTranslations {
  const stored: ContentTranslations = {};
  for (const locale of DEMO_LOCALES) stored[locale] = Object.fromEntries(Object.entries(texts[locale]).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return stored;
}
