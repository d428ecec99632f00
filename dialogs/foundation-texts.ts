import type commonTexts from '../locales/de/common.json';
import type helpTexts from '../locales/de/help.json';
import type languageTexts from '../locales/de/language.json';
import type menuTexts from '../locales/de/menu.json';
import type privacyTexts from '../locales/de/privacy.json';
import type profileTexts from '../locales/de/profile.json';
import type startTexts from '../locales/de/start.json';

/** The foundation's namespaces in the top-level locales/ (the staff console's own is typed in src/staff). */
declare module '../src/platform/i18n/translation-keys.js' {
  interface TextResources {
    common: typeof commonTexts;
    help: typeof helpTexts;
    language: typeof languageTexts;
    menu: typeof menuTexts;
    privacy: typeof privacyTexts;
    profile: typeof profileTexts;
    start: typeof startTexts;
  }
}
