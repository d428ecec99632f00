import type { RequestHandler } from 'express';
import { HttpError } from './http-error.js';

const MAX_DEPTH = 32;

/**
 * No request body may carry a key such as "$gt" or "$where": whatever reaches a repository later is
 * then a plain value, never a query operator. (The store's query guard checks again.)
 */
export function rejectOperatorKeys(): RequestHandler {
  return (req, _res, next) => {
    const offending = findOperatorKey(req.body, 0);
    if (offending) next(new HttpError(400, 'BadArgument', `keys starting with "$" are not allowed (found "${offending.slice(0, 40)}")`));
    else next();
  };
}

function findOperatorKey(value: unknown, depth: number): string | null {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findOperatorKey(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.startsWith('$')) return key;
    const found = findOperatorKey(item, depth + 1);
    if (found) return found;
  }
  return null;
}
