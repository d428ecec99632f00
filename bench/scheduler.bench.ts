/**
 * How fast the scheduler gets through due reminders on the embedded store, as a ratio against a
 * baseline measured in the same run: the bare store doing the same document work (insert, read,
 * update, delete per job) without agenda. Prints JSON; no assertion.
 *
 *   npm run bench            (all benchmarks)
 *   npx tsx bench/scheduler.bench.ts [jobs]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Schema } from 'mongoose';
import { createLogger } from '../src/platform/logging/logger.js';
import { openEmbeddedStore } from '../src/platform/store/embedded/embedded-store.js';
import type { StoredDocument } from '../src/platform/store/document-store.js';
import { openJobScheduler } from '../src/platform/scheduler/open-job-scheduler.js';

const JOBS = Number(process.argv[2] ?? 2000);
const START = new Date('2027-02-21T09:00:00Z');

interface Row extends StoredDocument {
  n: number;
  dueAt: Date;
  lockedAt: Date | null;
}

async function baseline(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kosi-bench-'));
  const store = await openEmbeddedStore({ dataDir });
  const rows = store.collection<Row>({
    name: 'rows',
    schema: new Schema({ _id: String, tenantId: String, n: Number, dueAt: Date, lockedAt: { type: Date, default: null } }, { versionKey: false }),
    indexes: [{ fields: { dueAt: 1 } }],
  });
  for (let n = 0; n < JOBS; n += 1) await rows.insertOne({ _id: `r-${n}`, tenantId: 'bench', n, dueAt: START, lockedAt: null });
  const started = performance.now();
  for (;;) {
    const [row] = await rows.find({ lockedAt: null, dueAt: { $lte: START } }, { sort: { dueAt: 1 }, limit: 1 });
    if (!row) break;
    await rows.updateOne({ _id: row._id }, { $set: { lockedAt: START } });
    await rows.deleteOne({ _id: row._id });
  }
  const ms = performance.now() - started;
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
  return ms;
}

async function scheduler(): Promise<{ ms: number; ran: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kosi-bench-'));
  const store = await openEmbeddedStore({ dataDir });
  const jobs = await openJobScheduler({ store, logger: createLogger('silent'), clock: () => START, mode: 'manual' });
  let ran = 0;
  jobs.define('reminder', async () => void (ran += 1));
  await jobs.start();
  for (let n = 0; n < JOBS; n += 1) await jobs.schedule('reminder', START, { tenantId: 'bench', profileId: `p-${n}` }, { key: `k-${n}` });
  const started = performance.now();
  await jobs.runDue();
  const ms = performance.now() - started;
  await jobs.stop();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
  return { ms, ran };
}

const base = await baseline();
const run = await scheduler();
const result = {
  benchmark: 'scheduler: due reminders on the embedded store',
  jobs: JOBS,
  ran: run.ran,
  baselineMs: Math.round(base),
  schedulerMs: Math.round(run.ms),
  jobsPerSecond: Math.round((run.ran / run.ms) * 1000),
  ratioToBaseline: Number((run.ms / base).toFixed(2)),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
