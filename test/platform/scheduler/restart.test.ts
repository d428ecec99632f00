import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { openEmbeddedStore } from '../../../src/platform/store/embedded/embedded-store.js';
import { openJobScheduler } from '../../../src/platform/scheduler/open-job-scheduler.js';
import type { JobData } from '../../../src/platform/scheduler/job-scheduler.js';

interface Ping extends JobData {
  text: string;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The running scheduler (agenda's own processing loop, real time), across a restart of the process' parts. */
it('delivers a job planned before a restart once, after the restart, on the embedded store', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kosi-scheduler-'));
  const logger = createLogger('silent');
  const clock = () => new Date();
  const settings = { logger, clock, mode: 'automatic' as const, processEvery: 200 };

  const firstStore = await openEmbeddedStore({ dataDir });
  const first = await openJobScheduler({ store: firstStore, ...settings });
  const beforeRestart: string[] = [];
  first.define<Ping>('ping', async (data) => void beforeRestart.push(data.text));
  await first.start();
  const dueAt = new Date(Date.now() + 1500);
  await first.schedule<Ping>('ping', dueAt, { tenantId: 'wuppertal', profileId: 'p-1', text: 'after restart' }, { key: 'p-1' });
  await first.stop();
  await firstStore.close();

  const secondStore = await openEmbeddedStore({ dataDir });
  const second = await openJobScheduler({ store: secondStore, ...settings });
  const afterRestart: { text: string; at: number }[] = [];
  second.define<Ping>('ping', async (data) => void afterRestart.push({ text: data.text, at: Date.now() }));
  await second.start();
  try {
    await until(() => afterRestart.length > 0, 10_000);
    // Give a second delivery every chance to happen before judging "once".
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(beforeRestart).toEqual([]);
    expect(afterRestart.map((run) => run.text)).toEqual(['after restart']);
    expect(afterRestart[0]!.at).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(await second.pending({ tenantId: 'wuppertal' })).toEqual([]);
  } finally {
    await second.stop();
    await secondStore.close();
  }
});
