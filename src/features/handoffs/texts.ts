import type handoffTexts from './locales/de/handoff.json';
import type handoffConsoleTexts from './locales/de/handoffConsole.json';
import { sourceDir } from '../../platform/source-dir.js';

/** The feature's texts, `locales/<lng>/<namespace>.json`; namespaces ending in "Console" are the staff console's (German only). */
export const HANDOFFS_TEXTS = sourceDir(import.meta.url, 'locales');

declare module '../../platform/i18n/translation-keys.js' {
  interface TextResources {
    handoff: typeof handoffTexts;
    handoffConsole: typeof handoffConsoleTexts;
  }
}
