import { z } from 'zod';
import { FormError, fieldErrors } from '../content/content-section.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../accounts/passwords.js';
import { STAFF_ROLES } from '../accounts/staff-user.js';
import type { Translate } from '../../platform/i18n/translator.js';
import type { TranslationKey } from '../../platform/i18n/translation-keys.js';

/** Messages are locale keys ("console:errors.*"), translated where they are shown. */
export const loginForm = z.object({
  tenant: z.string({ error: 'console:errors.required' }).min(1, 'console:errors.required').max(40),
  email: z.string({ error: 'console:errors.required' }).trim().min(1, 'console:errors.required').max(200),
  password: z.string({ error: 'console:errors.required' }).min(1, 'console:errors.required').max(PASSWORD_MAX_LENGTH, 'console:errors.passwordTooLong'),
});

const password = z
  .string({ error: 'console:errors.required' })
  .min(PASSWORD_MIN_LENGTH, 'console:errors.passwordTooShort')
  .max(PASSWORD_MAX_LENGTH, 'console:errors.passwordTooLong');

export const passwordForm = z.object({
  currentPassword: z.string({ error: 'console:errors.required' }).min(1, 'console:errors.required').max(PASSWORD_MAX_LENGTH),
  newPassword: password,
});

export const newStaffForm = z.object({
  name: z.string({ error: 'console:errors.required' }).trim().min(1, 'console:errors.required').max(120, 'console:errors.tooLong'),
  email: z.string({ error: 'console:errors.required' }).trim().pipe(z.email('console:errors.email')),
  role: z.enum(STAFF_ROLES, { error: 'console:errors.choose' }),
  password,
});

const formBoolean = z.preprocess((value) => value === true || value === 'true' || value === 'on', z.boolean());

export const staffChangeForm = z.object({
  role: z.enum(STAFF_ROLES, { error: 'console:errors.choose' }).optional(),
  active: formBoolean.optional(),
  name: z.string().trim().min(1, 'console:errors.required').max(120, 'console:errors.tooLong').optional(),
});

/** A checkbox that is not ticked is not sent at all: the console's staff form means "inactive" then. */
export const staffChangeFromHtml = staffChangeForm.extend({ active: formBoolean.default(false) });

/** Whether a message is a text key as zod carries it ("console:errors.required", "marketplaceConsole:errors.reason"). */
export const isTextKey = (message: string): boolean => /^[a-z][A-Za-z]*:[\w.-]+$/.test(message);

export function translateErrors(errors: Record<string, string>, t: Translate): Record<string, string> {
  // zod carries our keys as its messages; anything else (zod's own) is shown as it is.
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, isTextKey(message) ? t(message as TranslationKey) : message]));
}

/** The form's values, or a FormError with a message per field in the console's language. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, t: Translate): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new FormError(translateErrors(fieldErrors(parsed.error), t));
  return parsed.data;
}
