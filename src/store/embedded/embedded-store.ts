import { access, constants, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Schema } from 'mongoose';
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
import { createEmbeddedCollection, Datastore, type NedbDatastore } from './embedded-collection.js';
import { lockDataDir } from './data-dir-lock.js';

export interface EmbeddedStoreOptions {
  /** Directory for the data files, one `<collection>.db` per collection; created if missing. */
  dataDir: string;
  logger?: Logger;
  /** NeDB appends every write to its file: rewrite the files this often (and on close). */
  compactionIntervalMs?: number;
}

/** One NeDB file; several definitions (schemas) of the same collection share it. */
interface OpenFile {
  name: string;
  db: NedbDatastore;
  /** Loaded, with the indexes of every definition seen so far. */
  ready: Promise<void>;
  bySchema: WeakMap<Schema, DocumentCollection<StoredDocument>>;
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]+$/;

/** The file-backed store for a single process (NeDB); `npm start` works without a database server. */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<DocumentStore> {
  const { dataDir, logger } = options;
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  const validation = createValidationMongoose();
  const files = new Map<string, OpenFile>();
  let closed = false;

  const compact = async (file: OpenFile): Promise<void> => {
    try {
      await file.ready;
      await file.db.compactDatafileAsync();
    } catch (error) {
      logger?.warn({ err: error, collection: file.name }, 'embedded store: compaction failed');
    }
  };
  const timer = setInterval(() => {
    for (const file of files.values()) void compact(file);
  }, options.compactionIntervalMs ?? 10 * 60_000);
  timer.unref(); // compaction never keeps the process alive

  const whenReady = (file: OpenFile, step: Promise<void>): void => {
    file.ready = step;
    // Operations await `ready` and see the error; this only keeps it from going unhandled.
    step.catch((error: unknown) => logger?.error({ err: error, collection: file.name }, 'embedded store: cannot load collection'));
  };

  const openFile = (name: string): OpenFile => {
    if (!COLLECTION_NAME.test(name)) throw new Error(`invalid collection name: ${name}`);
    const db = new Datastore({
      filename: join(dataDir, `${name}.db`),
      autoload: true,
      // With an onload callback NeDB leaves no unhandled rejection behind; `ready` reports a failed load.
      onload: () => undefined,
    });
    const file: OpenFile = { name, db, ready: Promise.resolve(), bySchema: new WeakMap() };
    whenReady(file, (async () => void (await db.autoloadPromise))());
    return file;
  };

  const ensureIndexes = async (db: NedbDatastore, indexes: readonly IndexSpec[]): Promise<void> => {
    for (const index of indexes) {
      await db.ensureIndexAsync({ fieldName: Object.keys(index.fields), unique: index.unique ?? false });
    }
  };

  return {
    kind: 'embedded',
    collection<T extends StoredDocument>(definition: CollectionDefinition): DocumentCollection<T> {
      if (closed) throw new StoreUnavailableError('embedded store is closed');
      let file = files.get(definition.name);
      if (!file) {
        file = openFile(definition.name);
        files.set(definition.name, file);
      }
      let collection = file.bySchema.get(definition.schema);
      if (!collection) {
        const opened = file;
        whenReady(opened, opened.ready.then(() => ensureIndexes(opened.db, definition.indexes ?? [])));
        const whenUsable = async (): Promise<void> => {
          if (closed) throw new StoreUnavailableError('embedded store is closed');
          await opened.ready;
        };
        const validator = createDocumentValidator(definition, validation);
        collection = createCheckedCollection(validator, createEmbeddedCollection(definition.name, opened.db, whenUsable));
        opened.bySchema.set(definition.schema, collection);
      }
      return collection as DocumentCollection<T>;
    },
    async ping() {
      if (closed) throw new StoreUnavailableError('embedded store is closed');
      try {
        await access(dataDir, constants.R_OK | constants.W_OK);
      } catch {
        throw new StoreUnavailableError('embedded store: data directory is not writable');
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      // Compaction is queued behind the writes in flight, so it also flushes them.
      await Promise.all([...files.values()].map(compact));
      await unlock();
      logger?.info({ collections: files.size }, 'embedded store closed');
    },
  };
}
