import type pathwaysTexts from './locales/de/pathways.json';
import type pathwaysConsoleTexts from './locales/de/pathwaysConsole.json';
import { sourceDir } from '../../platform/source-dir.js';

/** The feature's texts, `locales/<lng>/<namespace>.json`; namespaces ending in "Console" are the staff console's (German only). */
export const PATHWAYS_TEXTS = sourceDir(import.meta.url, 'locales');

declare module '../../platform/i18n/translation-keys.js' {
  interface TextResources {
    pathways: typeof pathwaysTexts;
    pathwaysConsole: typeof pathwaysConsoleTexts;
  }
}
