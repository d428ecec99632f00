import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Schema } from 'mongoose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError, type CollectionDefinition, type DocumentStore, type StoredDocument } from '../../src/store/document-store.js';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { fillDisk, type FullDisk } from '../support/full-disk.js';

interface Note extends StoredDocument {
  text: string;
}
const notes: CollectionDefinition = { name: 'notes', schema: new Schema({ _id: String, tenantId: String, text: String }, { versionKey: false }) };
const note = (id: string): Note => ({ _id: id, tenantId: 'wuppertal', text: `note ${id}` });

describe('the embedded store when writes fail', () => {
  let dataDir: string;
  let store: DocumentStore | undefined;
  let disk: FullDisk | undefined;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kosi-full-'));
  });
  afterEach(async () => {
    disk?.free();
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
});
