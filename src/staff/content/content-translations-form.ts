import { cleanTranslations, TRANSLATION_LOCALES, type ContentTranslations } from '../../platform/i18n/content-translations.js';
import type { Translate } from '../../platform/i18n/translator.js';
import { FormError, type FieldSpec, type FormValues } from './content-section.js';

/** The form name of one translated field: `tr.<locale>.<field>` ("tr.ar.title"). */
export const translationInput = (locale: string, field: string): string => `tr.${locale}.${field}`;

const DEFAULT_MAX = { text: 200, textarea: 4000 } as const;

const maxLengthOf = (field: FieldSpec): number => field.maxLength ?? (field.type === 'textarea' ? DEFAULT_MAX.textarea : DEFAULT_MAX.text);

/**
 * The translations a form or a JSON body carries, for the section's translatable fields: flat form
 * names (`tr.en.title`) or, in JSON, `translations: { en: { title } }`. Too long: a field error next
 * to that input (never cut silently).
 */
export function parseTranslations(fields: readonly FieldSpec[], body: unknown, t: Translate): ContentTranslations | undefined {
  const translatable = fields.filter((field) => field.translatable);
  if (translatable.length === 0 || !body || typeof body !== 'object') return undefined;
  const source = body as Record<string, unknown>;
  const nested = (source['translations'] && typeof source['translations'] === 'object' ? source['translations'] : {}) as Record<string, Record<string, unknown> | undefined>;
  const raw: Record<string, Record<string, string>> = {};
  const errors: Record<string, string> = {};
  for (const locale of TRANSLATION_LOCALES) {
    for (const field of translatable) {
      const value = source[translationInput(locale, field.name)] ?? nested[locale]?.[field.name];
      if (typeof value !== 'string' || !value.trim()) continue;
      if (value.trim().length > maxLengthOf(field)) errors[translationInput(locale, field.name)] = t('console:errors.tooLong');
      (raw[locale] ??= {})[field.name] = value;
    }
  }
  if (Object.keys(errors).length > 0) throw new FormError(errors);
  const byName = new Map(translatable.map((field) => [field.name, field]));
  return cleanTranslations(raw, [...byName.keys()], (name) => maxLengthOf(byName.get(name)!));
}

/** The stored translations as form values (`tr.en.title` → text), for the edit form and the API. */
export function translationValues(translations: ContentTranslations | undefined): FormValues {
  const values: FormValues = {};
  for (const [locale, texts] of Object.entries(translations ?? {})) {
    for (const [field, text] of Object.entries(texts ?? {})) values[translationInput(locale, field)] = text;
  }
  return values;
}
