import type workshopsTexts from './locales/de/workshops.json';
import type workshopsConsoleTexts from './locales/de/workshopsConsole.json';
import { sourceDir } from '../../platform/source-dir.js';

/** The feature's texts, `locales/<lng>/<namespace>.json`; namespaces ending in "Console" are the staff console's (German only). */
export const WORKSHOPS_TEXTS = sourceDir(import.meta.url, 'locales');

declare module '../../platform/i18n/translation-keys.js' {
  interface TextResources {
    workshops: typeof workshopsTexts;
    workshopsConsole: typeof workshopsConsoleTexts;
  }
}
