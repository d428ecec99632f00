import { UnsafeQueryError, type Filter, type FindOptions, type Scalar, type Update } from './document-store.js';

/**
 * "Sanitize before it reaches a query": every filter, update and document is checked here before a
 * backend sees it, so repositories may pass user-provided strings as values safely. Error messages
 * name paths and operators, never values.
 */

const FIELD_OPERATORS = new Set(['$in', '$nin', '$ne', '$gt', '$gte', '$lt', '$lte', '$exists', '$elemMatch']);
const UPDATE_OPERATORS = new Set(['$set', '$unset', '$inc', '$push', '$pull', '$addToSet']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function isScalar(value: unknown): value is Scalar {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/**
 * For values from outside (request bodies, callback data): an operator object placed directly as a
 * field's condition looks exactly like a filter the repository wrote, so the guard cannot tell it
 * apart. Wrap such values: `{ name: plainValue(body.name) }` throws unless it is a plain value.
 */
export function plainValue(value: unknown): Scalar {
  if (!isScalar(value)) unsafe('a plain value was expected');
  return value;
}

function unsafe(message: string): never {
  throw new UnsafeQueryError(message);
}

/** A dotted field path whose segments are non-empty and never operators ("$"), e.g. "accounts.channel". */
export function assertFieldPath(path: string, where: string): void {
  const segments = path.split('.');
  for (const segment of segments) {
    if (segment === '' || segment.startsWith('$') || segment === '__proto__') {
      unsafe(`${where}: "${path}" is not a field path`);
    }
  }
}

export function assertSafeFilter(filter: Filter, where = 'filter'): void {
  if (!isPlainObject(filter)) unsafe(`${where} must be a plain object`);
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$or' || key === '$and') {
      if (!Array.isArray(value) || value.length === 0) unsafe(`${where}: ${key} needs a non-empty array of filters`);
      for (const [i, sub] of value.entries()) assertSafeFilter(sub as Filter, `${where}.${key}[${i}]`);
      continue;
    }
    assertFieldPath(key, where);
    assertFieldCondition(value, `${where}.${key}`);
  }
}

function assertFieldCondition(value: unknown, where: string): void {
  if (isScalar(value)) return;
  if (!isPlainObject(value)) unsafe(`${where} must be a plain value or an operator object`);
  const entries = Object.entries(value);
  if (entries.length === 0) unsafe(`${where} is an empty object`);
  for (const [op, operand] of entries) {
    if (!FIELD_OPERATORS.has(op)) unsafe(`${where}: "${op}" is not an allowed operator`);
    if (op === '$in' || op === '$nin') {
      if (!Array.isArray(operand) || !operand.every(isScalar)) unsafe(`${where}.${op} needs an array of plain values`);
    } else if (op === '$exists') {
      if (typeof operand !== 'boolean') unsafe(`${where}.$exists needs a boolean`);
    } else if (op === '$elemMatch') {
      if (!isPlainObject(operand) || Object.keys(operand).length === 0) unsafe(`${where}.$elemMatch needs field/value pairs`);
      for (const [path, element] of Object.entries(operand)) {
        assertFieldPath(path, `${where}.$elemMatch`);
        if (!isScalar(element)) unsafe(`${where}.$elemMatch.${path} must be a plain value`);
      }
    } else if (!isScalar(operand)) {
      unsafe(`${where}.${op} must be a plain value`);
    }
  }
}

/** Values that are stored: no key starting with "$" or containing "." anywhere, no class instances but Date. */
export function assertStorableValue(value: unknown, where: string): void {
  if (value === undefined || isScalar(value)) return;
  if (Array.isArray(value)) {
    value.forEach((element, i) => assertStorableValue(element, `${where}[${i}]`));
    return;
  }
  if (!isPlainObject(value)) unsafe(`${where} holds a value that cannot be stored`);
  for (const [key, nested] of Object.entries(value)) {
    if (key.startsWith('$') || key.includes('.') || key === '' || key === '__proto__') {
      unsafe(`${where} holds the key "${key}", which cannot be stored`);
    }
    assertStorableValue(nested, `${where}.${key}`);
  }
}

export function assertSafeDocument(doc: unknown): void {
  if (!isPlainObject(doc)) unsafe('document must be a plain object');
  assertStorableValue(doc, 'document');
}

export function assertSafeUpdate(update: Update): void {
  if (!isPlainObject(update)) unsafe('update must be a plain object');
  let fields = 0;
  for (const [op, spec] of Object.entries(update)) {
    if (!UPDATE_OPERATORS.has(op)) unsafe(`update: "${op}" is not an allowed update operator`);
    if (!isPlainObject(spec)) unsafe(`update.${op} must be an object of field paths`);
    for (const [path, value] of Object.entries(spec)) {
      fields++;
      assertFieldPath(path, `update.${op}`);
      if (path === '_id') unsafe(`update.${op}: _id cannot be changed`);
      assertUpdateValue(op, path, value);
    }
  }
  // NeDB treats an update without operators as a replacement document: never let one through.
  if (fields === 0) unsafe('update changes no field');
}

function assertUpdateValue(op: string, path: string, value: unknown): void {
  const where = `update.${op}.${path}`;
  switch (op) {
    case '$unset':
      if (value !== true) unsafe(`${where} must be true`);
      return;
    case '$inc':
      if (typeof value !== 'number' || !Number.isFinite(value)) unsafe(`${where} must be a number`);
      return;
    case '$pull':
      if (isScalar(value)) return;
      if (!isPlainObject(value) || Object.keys(value).length === 0) unsafe(`${where} must be a plain value or field/value pairs`);
      for (const [field, element] of Object.entries(value)) {
        assertFieldPath(field, where);
        if (!isScalar(element)) unsafe(`${where}.${field} must be a plain value`);
      }
      return;
    default:
      if (value === undefined) unsafe(`${where} is undefined (use $unset)`);
      assertStorableValue(value, where);
  }
}

export function assertSafeFindOptions(options: FindOptions | undefined): void {
  if (options === undefined) return;
  if (!isPlainObject(options)) unsafe('find options must be a plain object');
  for (const [path, direction] of Object.entries(options.sort ?? {})) {
    assertFieldPath(path, 'sort');
    if (direction !== 1 && direction !== -1) unsafe(`sort.${path} must be 1 or -1`);
  }
  for (const [key, n] of [['limit', options.limit], ['skip', options.skip]] as const) {
    if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 0)) unsafe(`${key} must be a non-negative integer`);
  }
}
