import type { FieldCondition, FieldOperators, Filter, Scalar } from '../document-store.js';
import { isScalar } from '../query-guard.js';

export type NedbQuery = Record<string, unknown>;

/**
 * Translates a (guarded) filter into a NeDB query with MongoDB's meaning. NeDB differs where arrays
 * and missing fields meet: `$ne`/`$nin` on an array field match if ANY element differs (MongoDB: if
 * NO element equals), `null` does not match a missing field, `$exists: true` misses empty arrays.
 * Those are rewritten with `$not`; NeDB has no `$eq`, so none is ever emitted.
 */
export function toNedbQuery(filter: Filter): NedbQuery {
  const clauses: NedbQuery[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$or') clauses.push({ $or: (value as Filter[]).map(toNedbQuery) });
    else if (key === '$and') clauses.push(...(value as Filter[]).map(toNedbQuery));
    else clauses.push(...fieldClauses(key, value as FieldCondition));
  }
  return merge(clauses);
}

/** Keeps single-key clauses at the top level where NeDB can use an index; the rest go into $and. */
function merge(clauses: NedbQuery[]): NedbQuery {
  const query: NedbQuery = {};
  const rest: NedbQuery[] = [];
  for (const clause of clauses) {
    const keys = Object.keys(clause);
    const key = keys[0];
    if (keys.length === 1 && key !== undefined && key !== '$and' && !(key in query)) query[key] = clause[key];
    else rest.push(clause);
  }
  if (rest.length > 0) query.$and = rest;
  return query;
}

function fieldClauses(path: string, condition: FieldCondition): NedbQuery[] {
  if (isScalar(condition)) return [equals(path, condition)];
  const clauses: NedbQuery[] = [];
  for (const [op, operand] of Object.entries(condition as FieldOperators)) {
    switch (op) {
      case '$ne':
        clauses.push({ $not: equals(path, operand as Scalar) });
        break;
      case '$in':
        clauses.push(isIn(path, operand as Scalar[]));
        break;
      case '$nin':
        clauses.push({ $not: isIn(path, operand as Scalar[]) });
        break;
      case '$exists':
        clauses.push(operand ? { $not: { [path]: { $exists: false } } } : { [path]: { $exists: false } });
        break;
      case '$elemMatch':
        clauses.push({ [path]: { $elemMatch: toNedbQuery(operand as Filter) } });
        break;
      default: // $gt $gte $lt $lte
        clauses.push({ [path]: { [op]: operand } });
    }
  }
  return clauses;
}

/** MongoDB's `{ path: null }` also matches documents without the field. */
function equals(path: string, value: Scalar): NedbQuery {
  if (value !== null) return { [path]: value };
  return { $or: [{ [path]: null }, { [path]: { $exists: false } }] };
}

function isIn(path: string, values: readonly Scalar[]): NedbQuery {
  if (!values.includes(null)) return { [path]: { $in: values } };
  return { $or: [{ [path]: { $in: values } }, { [path]: { $exists: false } }] };
}
