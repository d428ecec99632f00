import type { z } from 'zod';
import type { Actor } from '../audit/audit-log.js';
import type { Permission } from '../accounts/staff-user.js';
import type { TranslationKey } from '../../platform/i18n/translation-keys.js';
import type { ContentTranslations } from '../../platform/i18n/content-translations.js';

/** One input of a content form; the console renders it with its label, hint and error message. */
export interface FieldSpec {
  name: string;
  /** Key in locales/<lng>/console.json. */
  label: string;
  type: 'text' | 'textarea' | 'number' | 'datetime-local' | 'date' | 'select' | 'checkboxes' | 'url' | 'email';
  options?: ReadonlyArray<{ value: string; label: string }>;
  required?: boolean;
  hint?: string;
  /** Staff may add the text in the other languages (text and textarea fields). */
  translatable?: boolean;
  /** Longest text accepted, translations included (default 200, textarea 4000). */
  maxLength?: number;
}

export type FormValues = Record<string, string | string[]>;

export interface ContentRow {
  id: string;
  title: string;
  status: string;
  /** The date the item happens or was last changed, shown in lists. */
  when?: Date;
  detail?: string;
  registrations?: number;
}

export interface RegistrationTable {
  columns: string[];
  rows: string[][];
}

/**
 * One kind of content staff manage (good deeds, pathways, workshops), adapted from its domain
 * service: the console and the admin API both work through this, so each kind is wired once.
 */
export interface ContentSection<Input = unknown> {
  /** URL segment: /console/<key>, /api/admin/content/<key>. */
  key: string;
  /** Audit target type. */
  itemType: string;
  /** Locale key of the section's title. */
  title: TranslationKey;
  fields: readonly FieldSpec[];
  /** Who may read lists and registrations besides editors (counsellors: the people who saved a pathway). */
  readPermission?: Permission;
  /** Parses form strings or JSON into the service's input; field errors go next to the fields. */
  schema: z.ZodType<Input>;
  list(tenantId: string, search?: string): Promise<ContentRow[]>;
  get(tenantId: string, id: string): Promise<{ row: ContentRow; values: FormValues } | null>;
  /** `translations`: the translatable fields in other languages (absent: none were given). */
  create(tenantId: string, input: Input, actor: Actor, translations?: ContentTranslations): Promise<{ id: string; title: string }>;
  /** `translations` replaces the stored ones (absent: the entry has none any more). */
  update(tenantId: string, id: string, input: Input, actor: Actor, translations?: ContentTranslations): Promise<boolean>;
  withdraw(tenantId: string, id: string, actor: Actor): Promise<boolean>;
  registrations(tenantId: string, id: string): Promise<RegistrationTable | null>;
}

export function matchesSearch(search: string | undefined, ...texts: Array<string | undefined>): boolean {
  if (!search) return true;
  const needle = search.trim().toLowerCase();
  return texts.some((text) => text?.toLowerCase().includes(needle));
}

/** Field messages for a form that did not validate; the routes show them next to the fields (HTML) or return 422 (API). */
export class FormError extends Error {
  override name = 'FormError';
  constructor(readonly errors: Record<string, string>) {
    super('invalid form');
  }
}

/** Field errors by field name from a zod error: the first message of each field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_');
    errors[field] ??= issue.message;
  }
  return errors;
}

/** RFC 4180 CSV, with cells that spreadsheet programs would run as formulas defused. */
export function toCsv(table: RegistrationTable): string {
  const cell = (value: string): string => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return [table.columns, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
