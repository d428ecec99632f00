import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * zod pieces for content forms: they accept what an HTML form sends (strings, one or several values
 * for checkboxes) and what a JSON client sends (numbers, arrays, ISO dates). Messages are locale keys.
 */
export const CONSOLE_TIME_ZONE = 'Europe/Berlin';

const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const requiredText = (max: number) =>
  z.preprocess(blankToUndefined, z.string({ error: 'console:errors.required' }).trim().min(1, 'console:errors.required').max(max, 'console:errors.tooLong'));

export const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, 'console:errors.tooLong').optional());

export const optionalUrl = () =>
  z.preprocess(blankToUndefined, z.string().trim().max(500, 'console:errors.tooLong').regex(/^https?:\/\/[^\s<>"]+$/, 'console:errors.url').optional());

export const optionalEmail = () => z.preprocess(blankToUndefined, z.string().trim().pipe(z.email('console:errors.email')).optional());

/** A phone number as people write it: digits, spaces, +, /, -, parentheses. */
export const optionalPhone = () =>
  z.preprocess(blankToUndefined, z.string().trim().max(40, 'console:errors.tooLong').regex(/^\+?[0-9][0-9 ()/-]{3,38}[0-9]$/, 'console:errors.phone').optional());

export const integer = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? (value.trim() === '' ? undefined : /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN) : value),
    z.number({ error: 'console:errors.number' }).int('console:errors.number').min(min, 'console:errors.number').max(max, 'console:errors.number'),
  );

export const optionalInteger = (min: number, max: number) => z.preprocess(blankToUndefined, integer(min, max).optional());

/** A local time that does not exist in Berlin (the hour skipped when summer time begins). */
export const NONEXISTENT_TIME = 'nonexistent-time';

/**
 * "2026-05-04T18:00" from a datetime-local input means Berlin time; ISO strings with an offset are
 * taken as they are. A local time in the spring gap (02:00–02:59 on the last Sunday of March) does not
 * exist: `NONEXISTENT_TIME` instead of silently moving it an hour.
 */
export function parseLocalDateTime(value: unknown): Date | undefined | null | typeof NONEXISTENT_TIME {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/[zZ]|[+-]\d\d:?\d\d$/.test(text)) {
    const parsed = DateTime.fromISO(text);
    return parsed.isValid ? parsed.toJSDate() : null;
  }
  const parsed = DateTime.fromISO(text, { zone: CONSOLE_TIME_ZONE });
  if (!parsed.isValid) return null;
  // luxon moves a time in the gap forward; the wall-clock time then differs from what was typed.
  const typed = DateTime.fromISO(text, { zone: 'utc' });
  if (parsed.hour !== typed.hour || parsed.minute !== typed.minute || parsed.day !== typed.day) return NONEXISTENT_TIME;
  return parsed.toJSDate();
}

const dateInput = (value: unknown): unknown => {
  const parsed = parseLocalDateTime(value);
  return parsed === null ? 'invalid' : parsed;
};
const dateMessage = (input: unknown): string => (input === undefined ? 'console:errors.required' : input === NONEXISTENT_TIME ? 'console:errors.nonexistentTime' : 'console:errors.date');

export const requiredDateTime = () => z.preprocess(dateInput, z.date({ error: (issue) => dateMessage(issue.input) }));

export const optionalDateTime = () => z.preprocess(dateInput, z.date({ error: (issue) => dateMessage(issue.input) }).optional());

/** Checkboxes: none (absent), one (a string) or several (an array). */
export const choices = <T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(z.enum(values, { error: 'console:errors.choose' })).max(50));

export const choice = <T extends string>(values: readonly [T, ...T[]]) => z.preprocess(blankToUndefined, z.enum(values, { error: 'console:errors.choose' }));

/** Like `choice`, but nothing chosen (blank) is fine. */
export const optionalChoice = <T extends string>(values: readonly [T, ...T[]]) => z.preprocess(blankToUndefined, z.enum(values, { error: 'console:errors.choose' }).optional());

export const checkbox = () => z.preprocess((value) => value === true || value === 'true' || value === 'on' || value === '1', z.boolean());

/** The value a datetime-local input shows for this date (Berlin time). */
export function localDateTimeValue(date: Date | undefined): string {
  return date ? DateTime.fromJSDate(date).setZone(CONSOLE_TIME_ZONE).toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

export const options = <V extends string>(values: readonly V[], label: (value: V) => string = (value) => value) => values.map((value) => ({ value, label: label(value) }));
