import type { Locale } from '../../../platform/config/config-types.js';
import { BroadcastError, type BroadcastErrorCode } from '../domain/broadcast.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { staffError, type StaffHttpError } from '../../../staff/http/staff-error.js';
import { formFieldOf } from './broadcast-form.js';
import type { TranslationKey } from '../../../platform/i18n/translation-keys.js';

/** What the console says about a refused broadcast operation: a sentence, the fields concerned, a status. */
export interface BroadcastProblem {
  code: BroadcastErrorCode;
  problem: string;
  /** Field name → message (the composer shows them next to the fields). */
  errors: Record<string, string>;
  status: number;
}

const STATUS: Record<BroadcastErrorCode, number> = {
  invalid: 422,
  'no-text': 422,
  'empty-audience': 422,
  'text-too-long': 422,
  'in-the-past': 422,
  'not-editable': 409,
  'wrong-state': 409,
  'same-approver': 409,
  'no-linked-chat': 422,
  'not-found': 404,
};

/** Field texts for the service's "invalid" where a generic "Bitte prüfen." would not help. */
const INVALID_FIELD_TEXT: Record<string, TranslationKey> = {
  'button.target': 'broadcastsConsole:errors.unknownDeepLink',
};

export const broadcastNotFound = (): StaffHttpError => staffError(404, 'NotFound', 'broadcastsConsole:errors.not-found', 'no such broadcast in this city');

/** The German text of a BroadcastError (never its English message), with its fields. */
export function problemOf(error: BroadcastError, t: Translate, defaultLocale: Locale): BroadcastProblem {
  const language = error.locale ? t(`console:languages.${error.locale}`) : '';
  const problem = t(`broadcastsConsole:errors.${error.code}`, { language });
  const errors: Record<string, string> = {};
  const fields = error.code === 'text-too-long' && error.locale ? [`texts.${error.locale}`, ...error.fields] : error.fields;
  for (const path of fields) {
    const field = formFieldOf(path, defaultLocale);
    if (field) errors[field] ??= error.code === 'invalid' ? t(INVALID_FIELD_TEXT[field] ?? 'console:errors.invalid') : problem;
  }
  return { code: error.code, problem, errors, status: STATUS[error.code] };
}

/** Runs a service call; a BroadcastError becomes a BroadcastProblem (not found: the 404 page). */
export async function attempt<T>(work: () => Promise<T>, t: Translate, defaultLocale: Locale): Promise<{ ok: true; value: T } | { ok: false; problem: BroadcastProblem }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof BroadcastError)) throw error;
    if (error.code === 'not-found') throw broadcastNotFound();
    return { ok: false, problem: problemOf(error, t, defaultLocale) };
  }
}
