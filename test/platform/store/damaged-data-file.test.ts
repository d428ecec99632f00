import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Schema } from 'mongoose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { StoreUnavailableError, type CollectionDefinition, type DocumentStore, type StoredDocument } from '../../../src/platform/store/document-store.js';
import { openEmbeddedStore } from '../../../src/platform/store/embedded/embedded-store.js';

interface Person extends StoredDocument {
  name: string;
}
const profiles: CollectionDefinition = { name: 'profiles', schema: new Schema({ _id: String, tenantId: String, name: String }, { versionKey: false }) };
const line = (id: string, name = `Person ${id}`) => JSON.stringify({ _id: id, tenantId: 'wuppertal', name });
// What a crash in the middle of an append leaves: the start of a line, without its end.
const torn = (id: string) => line(id, 'Zebulon Torn').slice(0, 30);

describe('a damaged data file', () => {
  let dataDir: string;
  let store: DocumentStore | undefined;
  let logs: string[];
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kosi-damaged-'));
    logs = [];
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  const open = async () => {
    store = await openEmbeddedStore({ dataDir, logger: createLogger('debug', { write: (entry: string) => void logs.push(entry) }) });
    return store;
  };
  const damagedCopies = async () => readdir(join(dataDir, 'damaged')).catch(() => [] as string[]);

  it('is copied before anything rewrites it, named in the log and the health report, and the other records are served', async () => {
    const records = Array.from({ length: 11 }, (_, index) => line(`p${index + 1}`));
    const original = [torn('p0'), ...records].join('\n') + '\n';
    await writeFile(join(dataDir, 'profiles.db'), original);

    const opened = await open();
    const people = opened.collection<Person>(profiles);
    expect(await people.count({})).toBe(11);

    const copies = await damagedCopies();
    expect(copies).toEqual([expect.stringMatching(/^profiles\.db\.\d{8}T\d{6}Z-[0-9a-f]{8}$/)]);
    expect(await readFile(join(dataDir, 'damaged', copies[0]!), 'utf8')).toBe(original);
    expect(await opened.health()).toEqual({ problems: [], damaged: [{ collection: 'profiles', copy: `damaged/${copies[0]}` }] });
    const logged = logs.map((entry) => JSON.parse(entry) as Record<string, unknown>).find((entry) => entry.collection === 'profiles' && entry.level === 50);
    expect(logged).toMatchObject({ file: 'profiles.db', copy: `damaged/${copies[0]}`, damagedLines: [1] });
    expect(logs.join('\n')).not.toContain('Zebulon');
    expect(logs.join('\n')).not.toContain('Person p1');
  });

  it('loads a small file whose last line a crash cut off, leaving that line out and a copy behind', async () => {
    await writeFile(join(dataDir, 'profiles.db'), [line('a'), line('b'), torn('c')].join('\n'));

    const opened = await open();
    const people = opened.collection<Person>(profiles);
    expect((await people.find({}, { sort: { _id: 1 } })).map((person) => person._id)).toEqual(['a', 'b']);
    expect(await opened.health()).toMatchObject({ problems: [], damaged: [{ collection: 'profiles' }] });
    await expect(opened.ping()).resolves.toBeUndefined();
  });

  it('is not loaded (and not rewritten) when more of it is damaged than a crash explains', async () => {
    const original = [line('a'), torn('b') + line('c'), line('d')].join('\n') + '\n';
    await writeFile(join(dataDir, 'profiles.db'), original);

    const opened = await open();
    const people = opened.collection<Person>(profiles);
    await expect(people.find({})).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(people.insertOne({ _id: 'e', tenantId: 'wuppertal', name: 'E' })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(opened.ping()).rejects.toThrow(/profiles/);
    const copies = await damagedCopies();
    expect(await opened.health()).toEqual({
      problems: [{ collection: 'profiles', reason: expect.stringMatching(/not loaded: line 2 of 3 is damaged/) }],
      damaged: [{ collection: 'profiles', copy: `damaged/${copies[0]}` }],
    });
    await opened.close();
    store = undefined;
    // Closing compacts what was loaded; this file was not, so it is left exactly as it was.
    expect(await readFile(join(dataDir, 'profiles.db'), 'utf8')).toBe(original);
  });

  it('keeps a name with a line separator (U+2028) in it across a restart', async () => {
    // NeDB splits its file at U+2028, U+2029 and U+0085 too, which JSON does not escape.
    const first = await open();
    await first.collection<Person>(profiles).insertOne({ _id: 'a', tenantId: 'wuppertal', name: 'Anna\u2028Lena\u0085B.' });
    await first.close();
    store = undefined;

    const second = await open();
    expect(await second.collection<Person>(profiles).findOne({ _id: 'a' })).toMatchObject({ name: 'Anna\u2028Lena\u0085B.' });
    expect(await damagedCopies()).toEqual([]);
  });
});
