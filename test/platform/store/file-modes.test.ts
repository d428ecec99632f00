import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Schema } from 'mongoose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionDefinition, StoredDocument } from '../../../src/platform/store/document-store.js';
import { openEmbeddedStore } from '../../../src/platform/store/embedded/embedded-store.js';

interface Secret extends StoredDocument {
  hash: string;
}
const secrets: CollectionDefinition = {
  name: 'staff_users',
  schema: new Schema({ _id: String, tenantId: String, hash: String }, { versionKey: false }),
  indexes: [{ fields: { hash: 1 } }],
};

/** Permission bits of the folder and of every file in and below it, by path relative to the folder. */
async function modesIn(dir: string): Promise<Record<string, string>> {
  const modes: Record<string, string> = { '.': ((await stat(dir)).mode & 0o777).toString(8) };
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    modes[path.slice(dir.length + 1)] = ((await stat(path)).mode & 0o777).toString(8);
  }
  return modes;
}

const only = (mode: string, modes: Record<string, string>) => Object.fromEntries(Object.keys(modes).map((path) => [path, mode]));

describe('file modes of the embedded store', () => {
  const isPosix = process.platform !== 'win32';
  let parent: string;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'kosi-modes-'));
  });
  afterEach(() => rm(parent, { recursive: true, force: true }));

  it.runIf(isPosix)('creates the data folder for the service user only, and every file in it', async () => {
    const dataDir = join(parent, 'data');
    const store = await openEmbeddedStore({ dataDir });
    const users = store.collection<Secret>(secrets);
    await users.insertOne({ _id: 'u1', tenantId: 'wuppertal', hash: '$argon2id$v=19$secret' });
    await users.updateOne({ _id: 'u1' }, { $set: { hash: '$argon2id$v=19$other' } });
    await store.close(); // compacts: NeDB writes `<file>~` and renames it over the file

    const modes = await modesIn(dataDir);
    expect(Object.keys(modes)).toEqual(expect.arrayContaining(['.', 'staff_users.db']));
    expect(modes).toEqual({ ...only('600', modes), '.': '700' });
  });

  it.runIf(isPosix)('tightens a folder and files that an earlier version left readable for everyone', async () => {
    const dataDir = join(parent, 'data');
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    await writeFile(join(dataDir, 'staff_users.db'), '{"_id":"u1","tenantId":"wuppertal","hash":"h"}\n', { mode: 0o644 });
    await writeFile(join(dataDir, 'webchat-secret-wuppertal'), 'secret\n', { mode: 0o644 });

    const store = await openEmbeddedStore({ dataDir });
    const modes = await modesIn(dataDir);
    expect(modes).toEqual({ ...only('600', modes), '.': '700' });
    expect(await store.collection<Secret>(secrets).findOne({ _id: 'u1' })).toMatchObject({ hash: 'h' });
    await store.close();
  });
});
