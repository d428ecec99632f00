import type { Schema } from 'mongoose';
import type { Logger } from '../../logging/logger.js';
import {
  StoreUnavailableError,
  type CollectionDefinition,
  type DocumentCollection,
  type DocumentStore,
  type StoreHealth,
  type StoreProblem,
  type StoredDocument,
} from '../document-store.js';
import { createCheckedCollection } from '../checked-collection.js';
import { createDocumentValidator, createValidationMongoose } from '../schema-validation.js';
import { openCollectionFile, type CollectionFile } from './collection-file.js';
import { listDamagedCopies } from './damaged-file-check.js';
import { createEmbeddedCollection } from './embedded-collection.js';
import { lockDataDir } from './data-dir-lock.js';
import { prepareDataDir } from './file-modes.js';
import { probeDataDir } from './write-probe.js';

export interface EmbeddedStoreOptions {
  /** Directory for the data files, one `<collection>.db` per collection; created (0700) if missing. */
  dataDir: string;
  logger?: Logger;
  /** NeDB appends every write to its file: rewrite the files written to this often (and on close). */
  compactionIntervalMs?: number;
}

/** One NeDB file; several definitions (schemas) of the same collection share it. */
interface OpenFile {
  file: CollectionFile;
  bySchema: WeakMap<Schema, DocumentCollection<StoredDocument>>;
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]+$/;

/** The file-backed store for a single process (NeDB); `npm start` works without a database server. */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<DocumentStore> {
  const { dataDir, logger } = options;
  await prepareDataDir(dataDir, logger);
  const unlock = await lockDataDir(dataDir);
  const validation = createValidationMongoose();
  const files = new Map<string, OpenFile>();
  let closed = false;

  /** Rewrites every file written to since its last rewrite; all are tried even if one fails. */
  const compactAll = async (): Promise<void> => {
    const results = await Promise.allSettled([...files.values()].map(({ file }) => file.compact()));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  };
  const timer = setInterval(() => {
    // A failure is recorded by the file (readiness shows it); nothing else to do here.
    compactAll().catch(() => undefined);
  }, options.compactionIntervalMs ?? 10 * 60_000);
  timer.unref(); // compaction never keeps the process alive

  const health = async (): Promise<StoreHealth> => {
    const damaged = await listDamagedCopies(dataDir);
    if (closed) return { problems: [{ reason: 'embedded store is closed' }], damaged };
    const problems: StoreProblem[] = [];
    const probe = await probeDataDir(dataDir);
    if (probe) problems.push({ reason: `data folder is not writable: ${probe}` });
    for (const { file } of files.values()) {
      const reason = await file.problem();
      if (reason) problems.push({ collection: file.name, reason });
    }
    return { problems, damaged };
  };

  return {
    kind: 'embedded',
    collection<T extends StoredDocument>(definition: CollectionDefinition): DocumentCollection<T> {
      if (closed) throw new StoreUnavailableError('embedded store is closed');
      const { name } = definition;
      if (!COLLECTION_NAME.test(name)) throw new Error(`invalid collection name: ${name}`);
      let open = files.get(name);
      if (!open) {
        open = { file: openCollectionFile({ dataDir, name, logger, isClosed: () => closed }), bySchema: new WeakMap() };
        files.set(name, open);
      }
      let collection = open.bySchema.get(definition.schema);
      if (!collection) {
        open.file.ensureIndexes(definition.indexes ?? []);
        const validator = createDocumentValidator(definition, validation);
        collection = createCheckedCollection(validator, createEmbeddedCollection(name, open.file));
        open.bySchema.set(definition.schema, collection);
      }
      return collection as DocumentCollection<T>;
    },
    health,
    async ping() {
      const { problems } = await health();
      if (problems.length === 0) return;
      throw new StoreUnavailableError(`embedded store: ${problems.map((problem) => (problem.collection ? `${problem.collection}: ${problem.reason}` : problem.reason)).join('; ')}`);
    },
    async compact() {
      if (closed) throw new StoreUnavailableError('embedded store is closed');
      await compactAll();
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      // Compaction is queued behind the writes in flight, so it also flushes them.
      await compactAll().catch((error: unknown) => logger?.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'embedded store: compaction at close failed'));
      await unlock();
      logger?.info({ collections: files.size }, 'embedded store closed');
    },
  };
}
