import type { FindOptions, StoredDocument } from '../document-store.js';
import { DuplicateKeyError } from '../document-store.js';
import type { BackendCollection } from '../checked-collection.js';
import type { CollectionFile } from './collection-file.js';
import type { NedbDatastore } from './load-data-file.js';
import { toNedbQuery } from './nedb-filter.js';

/** The raw operations on one NeDB file; the file refuses them while the collection cannot serve. */
export function createEmbeddedCollection<T extends StoredDocument>(name: string, file: CollectionFile): BackendCollection<T> {
  const mapped = async <R>(operation: Promise<R>): Promise<R> => {
    try {
      return await operation;
    } catch (error) {
      if ((error as { errorType?: unknown } | null)?.errorType === 'uniqueViolated') throw new DuplicateKeyError(name);
      throw error;
    }
  };
  const read = <R>(operation: (db: NedbDatastore) => Promise<R>): Promise<R> => mapped(file.read(operation));
  const write = <R>(operation: (db: NedbDatastore) => Promise<R>): Promise<R> => mapped(file.write(operation));

  return {
    insertOne: (doc) => write(async (db) => (await db.insertAsync(doc)) as unknown as T),
    insertMany: (docs) =>
      write(async (db) => {
        try {
          // NeDB inserts an array all or nothing.
          await db.insertAsync(docs as Record<string, unknown>[]);
          return docs.length;
        } catch (error) {
          if ((error as { errorType?: unknown } | null)?.errorType !== 'uniqueViolated') throw error;
        }
        let inserted = 0;
        for (const doc of docs) {
          try {
            await db.insertAsync(doc);
            inserted += 1;
          } catch (error) {
            if ((error as { errorType?: unknown } | null)?.errorType !== 'uniqueViolated') throw error;
          }
        }
        return inserted;
      }),
    findOne: (filter) => read(async (db) => (await db.findOneAsync(toNedbQuery(filter))) as unknown as T | null),
    find: (filter, options: FindOptions) =>
      read(async (db) => {
        let cursor = db.findAsync(toNedbQuery(filter));
        if (options.sort) cursor = cursor.sort(options.sort);
        if (options.skip) cursor = cursor.skip(options.skip);
        if (options.limit) cursor = cursor.limit(options.limit);
        return (await cursor) as unknown as T[];
      }),
    count: (filter) => read(async (db) => (await db.countAsync(toNedbQuery(filter))) as unknown as number),
    updateOne: (filter, update) =>
      write(async (db) => {
        const result = await db.updateAsync(toNedbQuery(filter), update, { multi: false, returnUpdatedDocs: true });
        return result.numAffected === 0 ? null : (result.affectedDocuments as unknown as T);
      }),
    updateMany: (filter, update) =>
      write(async (db) => (await db.updateAsync(toNedbQuery(filter), update, { multi: true })).numAffected),
    deleteOne: (filter) => write(async (db) => (await db.removeAsync(toNedbQuery(filter), { multi: false })) > 0),
    deleteMany: (filter) => write(async (db) => db.removeAsync(toNedbQuery(filter), { multi: true })),
  };
}
