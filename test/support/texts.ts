import { createTranslator, type Translator } from '../../src/platform/i18n/translator.js';
import type { Locale } from '../../src/platform/config/config-types.js';
import { FOUNDATION_TEXTS } from '../../dialogs/foundation-module.js';
import { BROADCASTS_TEXTS } from '../../src/features/broadcasts/index.js';
import { HANDOFFS_TEXTS } from '../../src/features/handoffs/index.js';
import { PATHWAYS_TEXTS } from '../../src/features/pathways/index.js';
import { VOLUNTEERING_TEXTS } from '../../src/features/volunteering/index.js';
import { WORKSHOPS_TEXTS } from '../../src/features/workshops/index.js';

/** Every text folder of the product: the foundation's locales/ and each feature's. */
export const ALL_TEXTS = [FOUNDATION_TEXTS, BROADCASTS_TEXTS, HANDOFFS_TEXTS, PATHWAYS_TEXTS, VOLUNTEERING_TEXTS, WORKSHOPS_TEXTS];

/** The translator the app builds, for tests of one module. */
export function allTexts(fallback: Locale = 'de'): Translator {
  return createTranslator(ALL_TEXTS, fallback);
}
