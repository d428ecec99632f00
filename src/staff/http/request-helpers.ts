import type { Request } from 'express';
import type { Translate } from '../../platform/i18n/translator.js';
import { familyKey, type KeyFamily } from '../../platform/i18n/translation-keys.js';

/** A route parameter as a string ('' when absent). */
export const param = (req: Request, name: string): string => String(req.params[name] ?? '');

/**
 * The notice a redirect asked for (`?notice=saved`), translated from `family`; only keys in
 * `allowed`, so that a link cannot put text of its own on a console page.
 */
export function noticeOf(req: Request, t: Translate, allowed: readonly string[], family: KeyFamily = 'console:notices.'): string | undefined {
  const key = typeof req.query['notice'] === 'string' ? req.query['notice'] : '';
  return allowed.includes(key) ? t(familyKey(family, key)) : undefined;
}

/**
 * One cookie of the request. (The `cookie` package is only a transitive dependency of express here,
 * without types, so the console keeps this small reader.)
 */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(separator + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
