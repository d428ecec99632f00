import { DuplicateKeyError, StoreError, type DocumentCollection, type Filter, type FindOptions, type StoredDocument, type Update } from './document-store.js';
import { assertSafeDocument, assertSafeFilter, assertSafeFindOptions, assertSafeUpdate } from './query-guard.js';
import type { DocumentValidator } from './schema-validation.js';
import { buildUpsertDocument, equalityConditions } from './upsert-document.js';

/**
 * What a backend implements: the raw operations on values that already passed the query guard and
 * the schema. The checks live once, in createCheckedCollection, for every backend.
 */
export interface BackendCollection<T> {
  insertOne(doc: Record<string, unknown>): Promise<T>;
  /** Inserts all, leaving out those that clash with a unique index; how many were inserted. */
  insertMany(docs: readonly Record<string, unknown>[]): Promise<number>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /** Updates the first match and returns it after the update, or null when nothing matched. */
  updateOne(filter: Filter, update: Update): Promise<T | null>;
  updateMany(filter: Filter, update: Update): Promise<number>;
  deleteOne(filter: Filter): Promise<boolean>;
  deleteMany(filter: Filter): Promise<number>;
}

export function createCheckedCollection<T extends StoredDocument>(
  validator: DocumentValidator,
  backend: BackendCollection<T>,
): DocumentCollection<T> {
  const checkedUpdate = async (filter: Filter, update: Update): Promise<Update> => {
    assertSafeFilter(filter);
    assertSafeUpdate(update);
    return validator.castUpdate(update);
  };

  /**
   * Update, else insert the document built from filter and update (validated, with schema defaults),
   * the same way on every backend. The insert clashes on _id if a concurrent upsert created the
   * document first: then that one is updated.
   */
  const upsert = async (filter: Filter, update: Update): Promise<T> => {
    const updated = await backend.updateOne(filter, update);
    if (updated) return updated;
    const created = buildUpsertDocument(filter, update);
    assertSafeDocument(created);
    try {
      return await backend.insertOne(await validator.castDocument(created));
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      const retried = await backend.updateOne(filter, update);
      if (retried) return retried;
      throw error;
    }
  };

  return {
    async insertOne(doc) {
      assertSafeDocument(doc);
      return backend.insertOne(await validator.castDocument(doc as unknown as Record<string, unknown>));
    },
    async insertMany(docs) {
      const cast: Record<string, unknown>[] = [];
      for (const doc of docs) {
        assertSafeDocument(doc);
        cast.push(await validator.castDocument(doc as unknown as Record<string, unknown>));
      }
      return cast.length === 0 ? 0 : backend.insertMany(cast);
    },
    async findOne(filter) {
      assertSafeFilter(filter);
      return backend.findOne(filter);
    },
    async find(filter, options = {}) {
      assertSafeFilter(filter);
      assertSafeFindOptions(options);
      return backend.find(filter, options);
    },
    async count(filter) {
      assertSafeFilter(filter);
      return backend.count(filter);
    },
    async updateOne(filter, update, options) {
      const cast = await checkedUpdate(filter, update);
      if (!options?.upsert) return backend.updateOne(filter, cast);
      // The caller chooses ids: an upsert names the document it may create.
      if (!equalityConditions(filter).some(([path, value]) => path === '_id' && typeof value === 'string')) {
        throw new StoreError('an upsert filter must hold the _id as a plain string');
      }
      return upsert(filter, cast);
    },
    async updateMany(filter, update) {
      return backend.updateMany(filter, await checkedUpdate(filter, update));
    },
    async deleteOne(filter) {
      assertSafeFilter(filter);
      return backend.deleteOne(filter);
    },
    async deleteMany(filter) {
      assertSafeFilter(filter);
      return backend.deleteMany(filter);
    },
  };
}
