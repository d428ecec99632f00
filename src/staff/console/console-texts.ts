import type consoleTexts from '../../../locales/de/console.json';

/** The console's shared vocabulary (sign-in, accounts, forms, statuses, errors) in locales/<lng>/console.json; German only. */
declare module '../../platform/i18n/translation-keys.js' {
  interface TextResources {
    console: typeof consoleTexts;
  }
}
