import type marketplaceTexts from './locales/de/marketplace.json';
import type marketplaceConsoleTexts from './locales/de/marketplaceConsole.json';
import type volunteeringTexts from './locales/de/volunteering.json';
import type volunteeringConsoleTexts from './locales/de/volunteeringConsole.json';
import { sourceDir } from '../../platform/source-dir.js';

/** The feature's texts, `locales/<lng>/<namespace>.json`; namespaces ending in "Console" are the staff console's (German only). */
export const VOLUNTEERING_TEXTS = sourceDir(import.meta.url, 'locales');

declare module '../../platform/i18n/translation-keys.js' {
  interface TextResources {
    marketplace: typeof marketplaceTexts;
    marketplaceConsole: typeof marketplaceConsoleTexts;
    volunteering: typeof volunteeringTexts;
    volunteeringConsole: typeof volunteeringConsoleTexts;
  }
}
