import { HttpError } from '../../platform/http/http-error.js';
import type { TranslationKey } from '../../platform/i18n/translation-keys.js';

/**
 * An HttpError of the staff console that also names its German text (`console:errors.*`): the JSON
 * API answers with the English message, the console pages show the text.
 */
export class StaffHttpError extends HttpError {
  constructor(
    status: number,
    code: string,
    readonly textKey: TranslationKey,
    message: string,
  ) {
    super(status, code, message);
  }
}

export const staffError = (status: number, code: string, textKey: TranslationKey, message: string): StaffHttpError => new StaffHttpError(status, code, textKey, message);

export const itemNotFound = (): StaffHttpError => staffError(404, 'NotFound', 'console:errors.itemNotFound', 'no such item in this city');

/** Texts for errors that carry no text of their own (from shared middleware), by code. */
const TEXT_BY_CODE: Record<string, TranslationKey> = {
  Forbidden: 'console:errors.forbidden',
  NotFound: 'console:errors.notFoundPage',
  Conflict: 'console:errors.conflict',
  TooManyRequests: 'console:errors.tooManyAttempts',
  PayloadTooLarge: 'console:errors.badRequest',
};

/** The `console:errors.*` key a console page shows for this error; never the English message. */
export function consoleTextKey(error: HttpError): TranslationKey {
  if (error instanceof StaffHttpError) return error.textKey;
  return TEXT_BY_CODE[error.code] ?? 'console:errors.badRequest';
}

/** The page title for an error status. */
export function consoleTitleKey(status: number): TranslationKey {
  const titled = [403, 404, 409, 429] as const;
  return titled.includes(status as (typeof titled)[number]) ? `console:errors.status${status as (typeof titled)[number]}` : 'console:errors.status400';
}
