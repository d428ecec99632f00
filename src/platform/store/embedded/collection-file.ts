import { stat, truncate, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Logger } from '../../logging/logger.js';
import { StoreUnavailableError, type IndexSpec } from '../document-store.js';
import { DIR_MODE, FILE_MODE } from './file-modes.js';
import { loadDataFile, type NedbDatastore } from './load-data-file.js';
import { describeStorageError, isStorageFailure } from './storage-errors.js';

export interface CollectionFileOptions {
  dataDir: string;
  name: string;
  logger?: Logger | undefined;
  isClosed: () => boolean;
}

/**
 * One collection's NeDB file and what can go wrong with it: damaged or not loaded at start (see
 * load-data-file.ts), or a write that failed (a full disk). While it cannot serve, its operations
 * throw StoreUnavailableError, so that webhooks answer 5xx and Telegram delivers again later.
 */
export interface CollectionFile {
  readonly name: string;
  /** Creates the indexes of another definition of this collection once the file is loaded. */
  ensureIndexes(indexes: readonly IndexSpec[]): void;
  read<R>(operation: (db: NedbDatastore) => Promise<R>): Promise<R>;
  /**
   * One write at a time. A write that fails did not happen: the file is cut back to its length
   * before it (no torn line stays for the next append to glue onto) and memory is read back from
   * the file; until that succeeds, the collection refuses reads and writes.
   */
  write<R>(operation: (db: NedbDatastore) => Promise<R>): Promise<R>;
  /** Rewrites the file from memory if it was written to since its last rewrite. Rejects with StoreUnavailableError. */
  compact(): Promise<void>;
  /** Why the collection cannot serve now (trying to recover from a failed write first), or undefined. */
  problem(): Promise<string | undefined>;
}

// While the disk is still full, recovering (reading and rewriting the whole file) is tried at most this often.
const RECOVERY_INTERVAL_MS = 1_000;

/** The module NeDB writes its files with: a probe written through it fails where NeDB's own writes fail. */
const nedbStorage = createRequire(import.meta.url)('@seald-io/nedb/lib/storage.js') as {
  crashSafeWriteFileLinesAsync(path: string, lines: string[], modes: { fileMode: number; dirMode: number }): Promise<void>;
};

export function openCollectionFile(options: CollectionFileOptions): CollectionFile {
  const { dataDir, name, logger, isClosed } = options;
  const filename = join(dataDir, `${name}.db`);
  let db: NedbDatastore | undefined;
  let loadFailure: string | undefined;
  /** A write failed: memory may hold what the file does not, so nothing is served until recovered. */
  let writeFailure: { reason: string; lengthBefore?: number | undefined } | undefined;
  let lastRecovery = 0;
  /** The last small probe write failed too: no room at all, so the next one that works means room came back. */
  let smallWritesFailed = false;
  const probeFilename = join(dataDir, `.kosi-write-probe.${name}`);
  /** Written to since the last rewrite: old versions of documents may still be in the file. */
  let changed = false;

  // Every write to the file goes through this queue (NeDB runs one operation at a time anyway).
  let queue: Promise<unknown> = load();
  let loaded: Promise<unknown> = queue;
  const enqueue = <R>(task: () => Promise<R>): Promise<R> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function load(): Promise<void> {
    const result = await loadDataFile(dataDir, name, logger);
    if ('db' in result) db = result.db;
    else failLoad(result.failure);
  }

  function failLoad(reason: string): void {
    db = undefined;
    loadFailure = reason;
    logger?.error({ collection: name, file: `${name}.db`, reason }, 'embedded store: collection not loaded');
  }

  function failWrite(error: unknown, lengthBefore?: number): StoreUnavailableError {
    const reason = describeStorageError(error);
    if (writeFailure === undefined) logger?.error({ collection: name, reason }, 'embedded store: write failed');
    writeFailure = { reason, lengthBefore: lengthBefore ?? writeFailure?.lengthBefore };
    return new StoreUnavailableError(`embedded store: writing ${name} failed (${reason})`, { cause: error });
  }

  /** Cuts off what the failed write left and reads the file back; its rewrite on load proves writing works again. */
  async function recover(datastore: NedbDatastore): Promise<void> {
    const failure = writeFailure;
    if (!failure) return;
    lastRecovery = Date.now();
    try {
      if (failure.lengthBefore !== undefined) {
        await truncate(filename, failure.lengthBefore);
        failure.lengthBefore = undefined;
      }
      changed = false;
      await datastore.loadDatabaseAsync();
    } catch (error) {
      changed = true;
      throw failWrite(error);
    }
    writeFailure = undefined;
    smallWritesFailed = false;
    logger?.info({ collection: name }, 'embedded store: writing works again');
  }

  /** A few bytes written (and renamed into place) the way NeDB rewrites its files; false when that fails. */
  async function smallWriteWorks(): Promise<boolean> {
    try {
      await nedbStorage.crashSafeWriteFileLinesAsync(probeFilename, [String(Date.now())], { fileMode: FILE_MODE, dirMode: DIR_MODE });
      return true;
    } catch {
      return false;
    } finally {
      await Promise.all([unlink(probeFilename).catch(() => undefined), unlink(`${probeFilename}~`).catch(() => undefined)]);
    }
  }

  /**
   * What a readiness probe does after a failed write. Recovering reads and rewrites the whole file,
   * so it is tried at most once per RECOVERY_INTERVAL_MS; a probe in between writes only a few bytes.
   * While even those fail there is no room and the file is left alone; the first time they work
   * again, room came back, and recovering is tried at once (readiness turns green without a wait).
   */
  async function recoverIfDue(datastore: NedbDatastore): Promise<void> {
    if (!writeFailure) return;
    if (!(await smallWriteWorks())) {
      smallWritesFailed = true;
      return;
    }
    const roomCameBack = smallWritesFailed;
    smallWritesFailed = false;
    if (!roomCameBack && Date.now() - lastRecovery < RECOVERY_INTERVAL_MS) return;
    await recover(datastore);
  }

  /** The loaded datastore, once any failed write is recovered from; or StoreUnavailableError. */
  async function usable(): Promise<NedbDatastore> {
    if (isClosed()) throw new StoreUnavailableError('embedded store is closed');
    await loaded;
    if (isClosed()) throw new StoreUnavailableError('embedded store is closed');
    const datastore = db;
    if (!datastore) throw new StoreUnavailableError(`embedded store: collection ${name} is not loaded (${loadFailure ?? 'unknown'})`);
    if (writeFailure && Date.now() - lastRecovery >= RECOVERY_INTERVAL_MS) await enqueue(() => recover(datastore)).catch(() => undefined);
    if (writeFailure) throw new StoreUnavailableError(`embedded store: writing ${name} failed (${writeFailure.reason})`);
    return datastore;
  }

  return {
    name,
    ensureIndexes(indexes) {
      loaded = enqueue(async () => {
        if (!db) return;
        try {
          for (const index of indexes) await db.ensureIndexAsync({ fieldName: Object.keys(index.fields), unique: index.unique ?? false });
        } catch (error) {
          failLoad(`indexes not created: ${describeStorageError(error)}`);
        }
      });
    },
    async read(operation) {
      return operation(await usable());
    },
    async write(operation) {
      const datastore = await usable();
      return enqueue(async () => {
        if (writeFailure) throw new StoreUnavailableError(`embedded store: writing ${name} failed (${writeFailure.reason})`);
        let lengthBefore: number | undefined;
        try {
          lengthBefore = (await stat(filename)).size;
          changed = true;
          return await operation(datastore);
        } catch (error) {
          if (!isStorageFailure(error)) throw error;
          throw failWrite(error, lengthBefore);
        }
      });
    },
    async compact() {
      await loaded;
      // Never rewrite a file that did not load: NeDB would write its empty memory over the data.
      const datastore = db;
      if (!datastore) return;
      // Recovering reads the file back and rewrites it, which is a compaction too.
      if (writeFailure) return enqueue(() => recover(datastore));
      if (!changed) return;
      await enqueue(async () => {
        changed = false;
        try {
          await datastore.compactDatafileAsync();
        } catch (error) {
          changed = true;
          if (!isStorageFailure(error)) throw error;
          throw failWrite(error);
        }
      });
    },
    async problem() {
      await loaded;
      if (loadFailure !== undefined) return `not loaded: ${loadFailure}`;
      const datastore = db;
      // Readiness retries by itself: nobody sends traffic to an instance the load balancer took out.
      if (writeFailure && datastore && !isClosed()) await enqueue(() => recoverIfDue(datastore)).catch(() => undefined);
      return writeFailure ? `last write failed: ${writeFailure.reason}` : undefined;
    },
  };
}
