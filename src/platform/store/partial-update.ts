import type { Update } from './document-store.js';

/**
 * The update for editing some fields of a document: only the editable keys that the changes name;
 * `null` or `undefined` removes the field. `base` is always set (e.g. updatedAt).
 */
export function partialUpdate<T extends object>(changes: Partial<T>, editable: readonly (keyof T & string)[], base: Record<string, unknown>): Update {
  const set: Record<string, unknown> = { ...base };
  const unset: Record<string, true> = {};
  for (const key of editable) {
    if (!(key in changes)) continue;
    const value = changes[key];
    if (value === undefined || value === null) unset[key] = true;
    else set[key] = value;
  }
  return Object.keys(unset).length > 0 ? { $set: set, $unset: unset } : { $set: set };
}
