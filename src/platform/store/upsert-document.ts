import type { Filter, Update } from './document-store.js';
import { isPlainObject, isScalar } from './query-guard.js';

/**
 * The document an upsert creates when nothing matches, built like MongoDB does: the equality
 * conditions of the filter (top level and inside $and), then the update applied. It is validated
 * through the schema (defaults included) before it is inserted.
 */
export function buildUpsertDocument(filter: Filter, update: Update): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [path, value] of equalityConditions(filter)) setPath(doc, path, value);
  applyUpdate(doc, update);
  return doc;
}

/** The filter's equality conditions (path, value), as MongoDB copies them into an upserted document. */
export function equalityConditions(filter: Filter): Array<[string, unknown]> {
  const found: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) found.push(...equalityConditions(sub as Filter));
    } else if (!key.startsWith('$') && isScalar(value)) {
      found.push([key, value]);
    }
  }
  return found;
}

function applyUpdate(doc: Record<string, unknown>, update: Update): void {
  for (const [path, value] of Object.entries(update.$set ?? {})) setPath(doc, path, value);
  for (const path of Object.keys(update.$unset ?? {})) unsetPath(doc, path);
  for (const [path, n] of Object.entries(update.$inc ?? {})) {
    const current = getParentAndKey(doc, path);
    const old = current.parent[current.key];
    current.parent[current.key] = (typeof old === 'number' ? old : 0) + n;
  }
  for (const [path, value] of Object.entries(update.$push ?? {})) arrayAt(doc, path).push(value);
  for (const [path, value] of Object.entries(update.$addToSet ?? {})) {
    const array = arrayAt(doc, path);
    if (!array.some((element) => sameValue(element, value))) array.push(value);
  }
  for (const [path, condition] of Object.entries(update.$pull ?? {})) {
    const array = arrayAt(doc, path);
    const kept = array.filter((element) => !pullMatches(element, condition));
    array.splice(0, array.length, ...kept);
  }
}

function getParentAndKey(doc: Record<string, unknown>, path: string): { parent: Record<string, unknown>; key: string } {
  const segments = path.split('.');
  let parent = doc;
  for (const segment of segments.slice(0, -1)) {
    if (!isPlainObject(parent[segment])) parent[segment] = {};
    parent = parent[segment] as Record<string, unknown>;
  }
  return { parent, key: segments[segments.length - 1] as string };
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const { parent, key } = getParentAndKey(doc, path);
  parent[key] = value;
}

function unsetPath(doc: Record<string, unknown>, path: string): void {
  const { parent, key } = getParentAndKey(doc, path);
  delete parent[key];
}

function arrayAt(doc: Record<string, unknown>, path: string): unknown[] {
  const { parent, key } = getParentAndKey(doc, path);
  if (!Array.isArray(parent[key])) parent[key] = [];
  return parent[key] as unknown[];
}

function pullMatches(element: unknown, condition: unknown): boolean {
  if (!isPlainObject(condition)) return sameValue(element, condition);
  if (!isPlainObject(element)) return false;
  return Object.entries(condition).every(([field, value]) => sameValue(element[field], value));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => sameValue(a[k], b[k]));
  }
  return a === b;
}
