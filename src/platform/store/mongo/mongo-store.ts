import mongoose, { type Schema } from 'mongoose';
import type { Logger } from '../../logging/logger.js';
import {
  StoreUnavailableError,
  type CollectionDefinition,
  type DocumentCollection,
  type DocumentStore,
  type IndexSpec,
  type StoredDocument,
} from '../document-store.js';
import { createCheckedCollection } from '../checked-collection.js';
import { createDocumentValidator, createValidationMongoose } from '../schema-validation.js';
import { createMongoCollection, mapMongoError } from './mongo-collection.js';

export interface MongoStoreOptions {
  uri: string;
  logger?: Logger;
  /** How long an operation waits for a reachable server before failing (fail fast, never buffer). */
  serverSelectionTimeoutMS?: number;
  /** Database to use instead of the one named in the URI (tests give each store its own). */
  dbName?: string;
}

export interface MongoStore extends DocumentStore {
  readonly kind: 'mongodb';
  /** The store's own connection (a private Mongoose instance), shared with the job scheduler. */
  readonly connection: mongoose.Connection;
}

/** Several definitions (schemas) of the same collection share its indexes' readiness. */
interface OpenCollection {
  ready: Promise<void>;
  bySchema: WeakMap<Schema, DocumentCollection<StoredDocument>>;
}

export async function openMongoStore(options: MongoStoreOptions): Promise<MongoStore> {
  const { logger } = options;
  const instance = new mongoose.Mongoose();
  const connectOptions = {
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
    ...(options.dbName ? { dbName: options.dbName } : {}),
  };
  instance.set('bufferCommands', false);
  try {
    await instance.connect(options.uri, connectOptions);
  } catch (error) {
    await instance.disconnect().catch(() => undefined);
    throw new StoreUnavailableError(`cannot connect to MongoDB: ${(error as Error).name}`, { cause: error });
  }
  const connection = instance.connection;
  const db = connection.db;
  if (!db) throw new StoreUnavailableError('MongoDB connection has no database');
  connection.on('disconnected', () => logger?.warn('mongodb: disconnected'));
  connection.on('reconnected', () => logger?.info('mongodb: reconnected'));
  connection.on('error', (error: unknown) => logger?.error({ err: error }, 'mongodb: connection error'));
  logger?.info({ database: db.databaseName }, 'mongodb: connected');

  const validation = createValidationMongoose();
  const open = new Map<string, OpenCollection>();
  let closed = false;

  const createIndexes = async (name: string, indexes: readonly IndexSpec[]): Promise<void> => {
    for (const index of indexes) await db.collection(name).createIndex(index.fields, { unique: index.unique ?? false });
  };

  const ping = async (): Promise<void> => {
    if (closed) throw new StoreUnavailableError('MongoDB store is closed');
    try {
      await db.admin().ping();
    } catch (error) {
      throw new StoreUnavailableError(`MongoDB does not answer: ${(error as Error).name}`, { cause: error });
    }
  };

  return {
    kind: 'mongodb',
    connection,
    collection<T extends StoredDocument>(definition: CollectionDefinition): DocumentCollection<T> {
      if (closed) throw new StoreUnavailableError('MongoDB store is closed');
      const { name } = definition;
      let entry = open.get(name);
      if (!entry) {
        entry = { ready: Promise.resolve(), bySchema: new WeakMap() };
        open.set(name, entry);
      }
      let collection = entry.bySchema.get(definition.schema);
      if (!collection) {
        const opened = entry;
        opened.ready = opened.ready.then(() => createIndexes(name, definition.indexes ?? []));
        // Operations await `ready` and see the error; this only keeps it from going unhandled.
        opened.ready.catch((error: unknown) => logger?.error({ err: error, collection: name }, 'mongodb: cannot create indexes'));
        const whenUsable = async (): Promise<void> => {
          if (closed) throw new StoreUnavailableError('MongoDB store is closed');
          try {
            await opened.ready;
          } catch (error) {
            throw mapMongoError(name, error);
          }
        };
        const validator = createDocumentValidator(definition, validation);
        collection = createCheckedCollection(validator, createMongoCollection(name, db.collection(name), whenUsable));
        opened.bySchema.set(definition.schema, collection);
      }
      return collection as DocumentCollection<T>;
    },
    ping,
    async health() {
      try {
        await ping();
        return { problems: [], damaged: [] };
      } catch (error) {
        return { problems: [{ reason: (error as Error).message }], damaged: [] };
      }
    },
    // Nothing to rewrite from here: MongoDB reuses the space of removed documents itself (a replica
    // set's oplog still holds recent changes for its window, which the operator sizes).
    async compact() {},
    async close() {
      if (closed) return;
      closed = true;
      await instance.disconnect();
      logger?.info('mongodb: closed');
    },
  };
}
