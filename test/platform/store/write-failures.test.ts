import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Schema } from 'mongoose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StoreUnavailableError, type CollectionDefinition, type DocumentStore, type StoredDocument } from '../../../src/platform/store/document-store.js';
import { openEmbeddedStore } from '../../../src/platform/store/embedded/embedded-store.js';
import { fillDisk, type FullDisk } from '../../support/full-disk.js';

interface Note extends StoredDocument {
  text: string;
}
const notes: CollectionDefinition = { name: 'notes', schema: new Schema({ _id: String, tenantId: String, text: String }, { versionKey: false }) };
const note = (id: string): Note => ({ _id: id, tenantId: 'wuppertal', text: `note ${id}` });

/** NeDB's storage module (see full-disk.ts): every read of a data file goes through readFileStream. */
interface NedbStorage {
  readFileStream(path: string, options: unknown): unknown;
  appendFileAsync(path: string, data: string, options: unknown): Promise<void>;
  crashSafeWriteFileLinesAsync(path: string, lines: string[], modes?: unknown): Promise<void>;
}
const storage = createRequire(import.meta.url)('@seald-io/nedb/lib/storage.js') as NedbStorage;

/** Counts how often NeDB reads `file` (each recovery reads the whole file back). */
function countReads(file: string): { readonly count: number } {
  let count = 0;
  const original = storage.readFileStream;
  vi.spyOn(storage, 'readFileStream').mockImplementation((path, options) => {
    if (path === file) count += 1;
    return original(path, options);
  });
  return {
    get count() {
      return count;
    },
  };
}

/** A nearly full disk: a few bytes still fit, `file` (appended to or rewritten whole) does not. Undone by vi.restoreAllMocks. */
function noRoomFor(file: string): void {
  const { appendFileAsync, crashSafeWriteFileLinesAsync } = storage;
  const noSpace = () => Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC' });
  vi.spyOn(storage, 'appendFileAsync').mockImplementation(async (path, data, options) => {
    if (path !== file) return appendFileAsync(path, data, options);
    await appendFileAsync(path, data.slice(0, Math.ceil(data.length / 2)), options);
    throw noSpace();
  });
  vi.spyOn(storage, 'crashSafeWriteFileLinesAsync').mockImplementation(async (path, lines, modes) => {
    if (path !== file) return crashSafeWriteFileLinesAsync(path, lines, modes);
    throw noSpace();
  });
}

describe('the embedded store when writes fail', () => {
  let dataDir: string;
  let store: DocumentStore | undefined;
  let disk: FullDisk | undefined;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kosi-full-'));
  });
  afterEach(async () => {
    disk?.free();
    disk = undefined;
    vi.restoreAllMocks();
    vi.useRealTimers();
    await store?.close();
    store = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is unavailable while the disk is full, names the collection, and is ready again once there is room', async () => {
    store = await openEmbeddedStore({ dataDir });
    const collection = store.collection<Note>(notes);
    await collection.insertOne(note('before'));

    disk = fillDisk(dataDir);
    await expect(collection.insertOne(note('during'))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.health()).toEqual({ problems: [{ collection: 'notes', reason: expect.stringMatching(/ENOSPC/) }], damaged: [] });
    await expect(store.ping()).rejects.toThrow(/notes/);
    // Nothing more is appended after the torn line the failed write left, and nothing is read from a memory
    // that may hold the failed write, until the file has been cut back and read again.
    await expect(collection.updateOne({ _id: 'before' }, { $set: { text: 'changed' } })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(collection.findOne({ _id: 'before' })).rejects.toBeInstanceOf(StoreUnavailableError);

    disk.free();
    // Readiness itself retries: nobody has to send traffic to an instance that is out of the load balancer.
    await expect(store.ping()).resolves.toBeUndefined();
    expect(await store.health()).toEqual({ problems: [], damaged: [] });
    // A write that failed did not happen.
    expect((await collection.find({}, { sort: { _id: 1 } })).map((doc) => doc._id)).toEqual(['before']);
    await collection.insertOne(note('after'));

    // What a crash now would leave behind: every line of the file is a whole document.
    const lines = (await readFile(join(dataDir, 'notes.db'), 'utf8')).split('\n').filter((line) => line !== '');
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    await store.close();
    store = await openEmbeddedStore({ dataDir });
    const reopened = store.collection<Note>(notes);
    expect((await reopened.find({}, { sort: { _id: 1 } })).map((doc) => doc._id)).toEqual(['after', 'before']);
    expect(await store.health()).toEqual({ problems: [], damaged: [] });
  });

  it('is unavailable when the data folder cannot be written, before any collection fails', async () => {
    store = await openEmbeddedStore({ dataDir });
    await expect(store.ping()).resolves.toBeUndefined();
    // The readiness probe writes a small file into the folder; a directory in its place makes that fail.
    await mkdir(join(dataDir, '.kosi-write-probe'));
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    expect((await store.health()).problems).toEqual([{ reason: expect.stringMatching(/data folder .*not writable.*EISDIR/) }]);
  });

  it('does not read and rewrite the file on every readiness probe while the disk stays full, and is ready at once when there is room', async () => {
    store = await openEmbeddedStore({ dataDir });
    const collection = store.collection<Note>(notes);
    await collection.insertOne(note('before'));
    vi.useFakeTimers({ toFake: ['Date'] });
    const reads = countReads(join(dataDir, 'notes.db'));

    disk = fillDisk(dataDir);
    await expect(collection.insertOne(note('during'))).rejects.toBeInstanceOf(StoreUnavailableError);
    // A load balancer probing often, and for longer than the interval between recovery attempts.
    for (let second = 0; second < 3; second += 1) {
      for (let probe = 0; probe < 10; probe += 1) {
        expect((await store.health()).problems).toEqual([{ collection: 'notes', reason: expect.stringMatching(/ENOSPC/) }]);
      }
      expect(reads.count).toBeLessThanOrEqual(second + 1);
      vi.advanceTimersByTime(1_000);
    }

    disk.free();
    // Not a second later: the first probe after room came back recovers.
    await expect(store.ping()).resolves.toBeUndefined();
    expect((await collection.find({}, { sort: { _id: 1 } })).map((doc) => doc._id)).toEqual(['before']);
  });

  it('tries the rewrite at most once a second while a few bytes fit but the file does not, and recovers once it does', async () => {
    store = await openEmbeddedStore({ dataDir });
    const collection = store.collection<Note>(notes);
    await collection.insertOne(note('before'));
    vi.useFakeTimers({ toFake: ['Date'] });
    const file = join(dataDir, 'notes.db');
    const reads = countReads(file);

    noRoomFor(file);
    await expect(collection.insertOne(note('during'))).rejects.toBeInstanceOf(StoreUnavailableError);
    for (let second = 0; second < 3; second += 1) {
      for (let probe = 0; probe < 10; probe += 1) {
        expect((await store.health()).problems).toEqual([{ collection: 'notes', reason: expect.stringMatching(/ENOSPC/) }]);
      }
      // Each attempt that failed read the whole file back before its rewrite failed.
      expect(reads.count).toBe(second + 1);
      vi.advanceTimersByTime(1_000);
    }

    vi.mocked(storage.appendFileAsync).mockRestore();
    vi.mocked(storage.crashSafeWriteFileLinesAsync).mockRestore();
    // By itself: the next attempt that is due recovers.
    await expect(store.ping()).resolves.toBeUndefined();
    expect((await collection.find({}, { sort: { _id: 1 } })).map((doc) => doc._id)).toEqual(['before']);
    await collection.insertOne(note('after'));
  });
});
