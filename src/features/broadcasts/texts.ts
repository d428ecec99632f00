import type broadcastsTexts from './locales/de/broadcasts.json';
import type broadcastsConsoleTexts from './locales/de/broadcastsConsole.json';
import { sourceDir } from '../../platform/source-dir.js';

/** The feature's texts, `locales/<lng>/<namespace>.json`; namespaces ending in "Console" are the staff console's (German only). */
export const BROADCASTS_TEXTS = sourceDir(import.meta.url, 'locales');

declare module '../../platform/i18n/translation-keys.js' {
  interface TextResources {
    broadcasts: typeof broadcastsTexts;
    broadcastsConsole: typeof broadcastsConsoleTexts;
  }
}
