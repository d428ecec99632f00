import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe } from 'vitest';
import type { DocumentStore } from '../../src/platform/store/document-store.js';
import { openEmbeddedStore } from '../../src/platform/store/embedded/embedded-store.js';
import { openMongoStore, type MongoStore } from '../../src/platform/store/mongo/mongo-store.js';

/**
 * Runs a contract suite once per available backend: always the embedded store; MongoDB when
 * MONGODB_URI is set or mongodb-memory-server can start a mongod (never downloading one).
 */
export interface StoreBackend {
  readonly name: 'embedded' | 'mongodb';
  /** A fresh, isolated store (own temp dir / own database), cleaned up after the suite. */
  open(): Promise<DocumentStore>;
}

interface MongoTarget {
  uri: string;
  stop(): Promise<void>;
}

async function detectMongo(): Promise<MongoTarget | { skipped: string }> {
  const uri = process.env.MONGODB_URI;
  if (uri) return { uri, stop: async () => undefined };
  // Never download a mongod in tests: without one on this machine, fail in milliseconds.
  process.env.MONGOMS_RUNTIME_DOWNLOAD ??= 'false';
  const warn = console.warn;
  console.warn = () => undefined; // the library warns at length on failure; we print one line below
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const server = await withTimeout(MongoMemoryServer.create(), 15_000);
    return { uri: server.getUri(), stop: async () => void (await server.stop()) };
  } catch (error) {
    return { skipped: String((error as Error).message ?? error).split('\n')[0] ?? 'unknown error' };
  } finally {
    console.warn = warn;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`mongod did not start within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const mongo = await detectMongo();
if ('skipped' in mongo) {
  console.warn(
    `!!! MongoDB contract tests SKIPPED: MONGODB_URI is not set and mongodb-memory-server cannot start a mongod (${mongo.skipped}). Only the embedded store was tested.`,
  );
}
// Suites are all registered before any runs: the last mongodb suite to finish stops the server.
let mongoSuites = 0;

function embeddedBackend(): StoreBackend & { cleanup(): Promise<void> } {
  const dirs: string[] = [];
  const stores: DocumentStore[] = [];
  return {
    name: 'embedded',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'kosi-store-'));
      dirs.push(dir);
      const store = await openEmbeddedStore({ dataDir: dir });
      stores.push(store);
      return store;
    },
    async cleanup() {
      await Promise.all(stores.map((store) => store.close()));
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

function mongoBackend(target: MongoTarget): StoreBackend & { cleanup(): Promise<void> } {
  const stores: Array<{ store: MongoStore; dbName: string }> = [];
  return {
    name: 'mongodb',
    async open() {
      const dbName = `kosi_test_${randomUUID().replaceAll('-', '')}`;
      const store = await openMongoStore({ uri: target.uri, dbName });
      stores.push({ store, dbName });
      return store;
    },
    async cleanup() {
      // Drop through a store of our own: the test may already have closed the one it used.
      for (const { store, dbName } of stores) {
        await store.close();
        const dropper = await openMongoStore({ uri: target.uri, dbName });
        await dropper.connection.db?.dropDatabase();
        await dropper.close();
      }
    },
  };
}

export function describeEachBackend(title: string, body: (backend: StoreBackend) => void): void {
  describe(`${title} (embedded)`, () => {
    const backend = embeddedBackend();
    afterAll(() => backend.cleanup());
    body(backend);
  });
  if ('skipped' in mongo) {
    describe.skip(`${title} (mongodb)`, () => body(unavailable));
    return;
  }
  const target = mongo;
  mongoSuites++;
  describe(`${title} (mongodb)`, () => {
    const backend = mongoBackend(target);
    afterAll(async () => {
      await backend.cleanup();
      if (--mongoSuites === 0) await target.stop();
    });
    body(backend);
  });
}

const unavailable: StoreBackend = {
  name: 'mongodb',
  open: () => Promise.reject(new Error('MongoDB is not available')),
};
