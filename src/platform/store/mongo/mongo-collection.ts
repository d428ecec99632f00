import {
  MongoBulkWriteError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  type Collection,
  type Document,
  type Filter as MongoFilter,
  type UpdateFilter,
} from 'mongodb';
import { DuplicateKeyError, StoreUnavailableError, type Filter, type StoredDocument } from '../document-store.js';
import type { BackendCollection } from '../checked-collection.js';

/** The raw operations on one MongoDB collection; `whenUsable` rejects once the store is closed. */
export function createMongoCollection<T extends StoredDocument>(
  name: string,
  collection: Collection<Document>,
  whenUsable: () => Promise<void>,
): BackendCollection<T> {
  const run = async <R>(operation: () => Promise<R>): Promise<R> => {
    await whenUsable();
    try {
      return await operation();
    } catch (error) {
      throw mapMongoError(name, error);
    }
  };
  const q = (filter: Filter) => filter as MongoFilter<Document>;

  return {
    insertOne: (doc) =>
      run(async () => {
        await collection.insertOne({ ...doc });
        return doc as unknown as T;
      }),
    insertMany: (docs) =>
      run(async () => {
        try {
          return (await collection.insertMany(docs.map((doc) => ({ ...doc })), { ordered: false })).insertedCount;
        } catch (error) {
          // Unordered: every other document was inserted; only unique clashes are expected here.
          if (error instanceof MongoBulkWriteError && error.writeErrors && [error.writeErrors].flat().every((writeError) => writeError.code === 11000)) {
            return error.insertedCount;
          }
          throw error;
        }
      }),
    findOne: (filter) => run(async () => (await collection.findOne(q(filter))) as T | null),
    find: (filter, options) =>
      run(async () => {
        const cursor = collection.find(q(filter));
        if (options.sort) cursor.sort(options.sort);
        if (options.skip) cursor.skip(options.skip);
        if (options.limit) cursor.limit(options.limit);
        return (await cursor.toArray()) as unknown as T[];
      }),
    count: (filter) => run(() => collection.countDocuments(q(filter))),
    // Upserts are done by the checked collection (update, else insert a validated document).
    updateOne: (filter, update) =>
      run(async () => {
        const updated = await collection.findOneAndUpdate(q(filter), update as UpdateFilter<Document>, {
          returnDocument: 'after',
        });
        return updated as T | null;
      }),
    // Matched, not modified: NeDB cannot tell a no-op update apart, and both backends must agree.
    updateMany: (filter, update) =>
      run(async () => (await collection.updateMany(q(filter), update as UpdateFilter<Document>)).matchedCount),
    deleteOne: (filter) => run(async () => (await collection.deleteOne(q(filter))).deletedCount > 0),
    deleteMany: (filter) => run(async () => (await collection.deleteMany(q(filter))).deletedCount),
  };
}

export function mapMongoError(collection: string, error: unknown): unknown {
  if ((error as { code?: unknown } | null)?.code === 11000) return new DuplicateKeyError(collection);
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError
  ) {
    return new StoreUnavailableError(`MongoDB unavailable: ${error.name}`, { cause: error });
  }
  return error;
}
