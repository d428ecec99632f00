import type { Schema } from 'mongoose';

/**
 * The small document-collection interface every repository is written against, implemented once per
 * backend (embedded NeDB files, MongoDB). Filters and updates use only the operator subset both
 * backends understand, so a repository never knows which backend it runs on.
 */

/** Every stored document has a string id and belongs to one municipality. */
export interface StoredDocument {
  _id: string;
  tenantId: string;
}

export type Scalar = string | number | boolean | Date | null;

export interface FieldOperators {
  $in?: readonly Scalar[];
  $nin?: readonly Scalar[];
  $ne?: Scalar;
  $gt?: Scalar;
  $gte?: Scalar;
  $lt?: Scalar;
  $lte?: Scalar;
  $exists?: boolean;
  /** Matches an array field that contains an element with these scalar fields. */
  $elemMatch?: Record<string, Scalar>;
}

export type FieldCondition = Scalar | FieldOperators;

/** Keys are field paths ("accounts.channel"); values are plain scalars or operator objects. */
export type Filter = {
  [path: string]: FieldCondition | Filter[] | undefined;
} & {
  $or?: Filter[];
  $and?: Filter[];
};

export interface Update {
  $set?: Record<string, unknown>;
  $unset?: Record<string, true>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  /** Removes array elements equal to the scalar, or matching the field/value pairs of the object. */
  $pull?: Record<string, Scalar | Record<string, Scalar>>;
  $addToSet?: Record<string, unknown>;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
}

export interface IndexSpec {
  fields: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface CollectionDefinition {
  /** Collection name, e.g. "profiles". */
  name: string;
  /** The one description of the document's shape and validation, used by both backends. */
  schema: Schema;
  indexes?: readonly IndexSpec[];
}

export interface DocumentCollection<T extends StoredDocument> {
  /** Validates against the schema and inserts; throws DuplicateKeyError on a unique clash. */
  insertOne(doc: T): Promise<T>;
  /**
   * Validates every document, then inserts them in one batch; a document that clashes with a unique
   * index is left out instead of failing the batch. Returns how many were inserted.
   */
  insertMany(docs: readonly T[]): Promise<number>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /**
   * Applies the update to the first match and returns the updated document, or null if none matched (and no upsert).
   * An upsert's filter must hold the `_id` as a plain string; the document it creates (filter equalities + update,
   * schema defaults) is validated like an insert.
   */
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<T | null>;
  /** Returns how many documents matched and were updated (a no-op update counts: NeDB cannot tell). */
  updateMany(filter: Filter, update: Update): Promise<number>;
  deleteOne(filter: Filter): Promise<boolean>;
  deleteMany(filter: Filter): Promise<number>;
}

export interface DocumentStore {
  readonly kind: 'embedded' | 'mongodb';
  /** Returns the collection for this definition (creating it and its indexes on first use). */
  collection<T extends StoredDocument>(definition: CollectionDefinition): DocumentCollection<T>;
  /** Resolves when the store can serve requests (see health); rejects with StoreUnavailableError naming what fails. */
  ping(): Promise<void>;
  /** What /readyz reports: why the store cannot serve (if it cannot), and damaged files kept aside. Never rejects. */
  health(): Promise<StoreHealth>;
  /**
   * Makes deletions and overwrites final on disk: the embedded store rewrites every file written to
   * since it was last rewritten, so that no earlier version of a document is left in it (NeDB only
   * appends). MongoDB: nothing to do. Called after an erasure ("delete me").
   */
  compact(): Promise<void>;
  /** Flushes pending writes and closes files or connections. */
  close(): Promise<void>;
}

export interface StoreHealth {
  /** Why requests fail now; empty when the store is ready. `collection` is absent when the whole store is concerned. */
  problems: StoreProblem[];
  /** Copies of data files that were found damaged (embedded store), kept until an operator removes them. */
  damaged: DamagedFileCopy[];
}

export interface StoreProblem {
  collection?: string;
  /** What failed, e.g. "not loaded: line 2 of 3 is damaged" or "last write failed: ENOSPC"; never document content. */
  reason: string;
}

export interface DamagedFileCopy {
  collection: string;
  /** Path of the copy, relative to the data folder, e.g. "damaged/profiles.db.20260302T090000Z-1a2b3c4d". */
  copy: string;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

/** A unique index clash (the same registration, the same update id...). Carries no document values. */
export class DuplicateKeyError extends StoreError {
  override name = 'DuplicateKeyError';
  constructor(readonly collection: string) {
    super(`duplicate key in collection ${collection}`);
  }
}

/** A document that its schema rejects. `fields` names the paths, never their values. */
export class DocumentValidationError extends StoreError {
  override name = 'DocumentValidationError';
  constructor(
    readonly collection: string,
    readonly fields: readonly string[],
  ) {
    super(`invalid ${collection} document: ${fields.join(', ')}`);
  }
}

/**
 * The backend cannot be reached, a collection did not load, or writing failed (a full disk): readiness
 * goes red, webhooks answer 5xx so that Telegram redelivers. A write that fails with it may still
 * have been applied (as with any database whose answer was lost).
 */
export class StoreUnavailableError extends StoreError {
  override name = 'StoreUnavailableError';
}

/** A filter or update that holds an operator where a plain value belongs (e.g. {"$gt": ""} from a request body). */
export class UnsafeQueryError extends StoreError {
  override name = 'UnsafeQueryError';
}
