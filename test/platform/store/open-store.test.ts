import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/platform/store/document-store.js';
import { openMongoStore } from '../../../src/platform/store/mongo/mongo-store.js';
import { openStore } from '../../../src/platform/store/open-store.js';
import { createLogger } from '../../../src/platform/logging/logger.js';

// Nothing listens on port 1: the connection is refused at once.
const NOWHERE = 'mongodb://127.0.0.1:1/kosi';

describe('opening the store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kosi-open-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const logger = createLogger('silent');

  it('opens the embedded store in the data directory when no MongoDB URI is set', async () => {
    const store = await openStore({ dataDir: dir, mongodbUri: undefined }, logger);
    expect(store.kind).toBe('embedded');
    await store.close();
  });

  it('chooses MongoDB when a URI is set and fails within seconds when it cannot be reached', async () => {
    const started = Date.now();
    await expect(openStore({ dataDir: dir, mongodbUri: NOWHERE }, logger)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails as fast as the configured server selection timeout allows', async () => {
    const started = Date.now();
    await expect(openMongoStore({ uri: NOWHERE, serverSelectionTimeoutMS: 300 })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
