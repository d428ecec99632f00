import NedbModule from '@seald-io/nedb';
import type { FindOptions, StoredDocument } from '../document-store.js';
import { DuplicateKeyError } from '../document-store.js';
import type { BackendCollection } from '../checked-collection.js';
import { toNedbQuery } from './nedb-filter.js';

// Under NodeNext the CommonJS default export is typed as the module namespace.
export const Datastore = NedbModule as unknown as typeof NedbModule.default;
export type NedbDatastore = InstanceType<typeof Datastore>;

/** The raw operations on one NeDB file; `whenUsable` rejects once the store is closed. */
export function createEmbeddedCollection<T extends StoredDocument>(
  name: string,
  db: NedbDatastore,
  whenUsable: () => Promise<void>,
): BackendCollection<T> {
  const run = async <R>(operation: () => Promise<R>): Promise<R> => {
    await whenUsable();
    try {
      return await operation();
    } catch (error) {
      if ((error as { errorType?: unknown } | null)?.errorType === 'uniqueViolated') throw new DuplicateKeyError(name);
      throw error;
    }
  };

  return {
    insertOne: (doc) => run(async () => (await db.insertAsync(doc)) as unknown as T),
    insertMany: (docs) =>
      run(async () => {
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
    findOne: (filter) => run(async () => (await db.findOneAsync(toNedbQuery(filter))) as unknown as T | null),
    find: (filter, options: FindOptions) =>
      run(async () => {
        let cursor = db.findAsync(toNedbQuery(filter));
        if (options.sort) cursor = cursor.sort(options.sort);
        if (options.skip) cursor = cursor.skip(options.skip);
        if (options.limit) cursor = cursor.limit(options.limit);
        return (await cursor) as unknown as T[];
      }),
    count: (filter) => run(async () => (await db.countAsync(toNedbQuery(filter))) as unknown as number),
    updateOne: (filter, update) =>
      run(async () => {
        const result = await db.updateAsync(toNedbQuery(filter), update, { multi: false, returnUpdatedDocs: true });
        return result.numAffected === 0 ? null : (result.affectedDocuments as unknown as T);
      }),
    updateMany: (filter, update) =>
      run(async () => (await db.updateAsync(toNedbQuery(filter), update, { multi: true })).numAffected),
    deleteOne: (filter) => run(async () => (await db.removeAsync(toNedbQuery(filter), { multi: false })) > 0),
    deleteMany: (filter) => run(async () => db.removeAsync(toNedbQuery(filter), { multi: true })),
  };
}
