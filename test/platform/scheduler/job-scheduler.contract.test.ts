import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/logging/logger.js';
import type { DocumentStore } from '../../../src/platform/store/document-store.js';
import { openJobScheduler } from '../../../src/platform/scheduler/open-job-scheduler.js';
import type { JobData, JobScheduler } from '../../../src/platform/scheduler/job-scheduler.js';
import { describeEachBackend } from '../../support/store-backends.js';

interface Reminder extends JobData {
  text: string;
}

const START = new Date('2027-02-21T09:00:00Z');
const HOUR = 3_600_000;

describeEachBackend('job scheduler (agenda) with a controllable clock', (backend) => {
  let store: DocumentStore;
  let scheduler: JobScheduler;
  let now: Date;
  let delivered: string[];
  let failuresLeft: number;

  beforeEach(async () => {
    store = await backend.open();
    now = new Date(START);
    delivered = [];
    failuresLeft = 0;
    scheduler = await openJobScheduler({ store, logger: createLogger('silent'), clock: () => now, mode: 'manual' });
    scheduler.define<Reminder>('reminder', async (data) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('channel down');
      }
      delivered.push(data.text);
    }, { maxAttempts: 3, retryDelayMs: 60_000 });
    await scheduler.start();
  });

  afterEach(async () => {
    await scheduler.stop();
  });

  it('runs a job when the clock reaches it, once, and not before', async () => {
    await scheduler.schedule<Reminder>('reminder', new Date(START.getTime() + HOUR), { tenantId: 'wuppertal', profileId: 'p-1', text: 'in one hour' });

    expect(await scheduler.runDue()).toBe(0);
    now = new Date(START.getTime() + HOUR - 1000);
    await scheduler.runDue();
    expect(delivered).toEqual([]);

    now = new Date(START.getTime() + HOUR);
    expect(await scheduler.runDue()).toBe(1);
    expect(await scheduler.runDue()).toBe(0);
    expect(delivered).toEqual(['in one hour']);
    expect(await scheduler.pending({ tenantId: 'wuppertal' })).toEqual([]);
  });

  it('moves the pending job of the same key instead of adding a second one', async () => {
    const data = { tenantId: 'wuppertal', profileId: 'p-1', text: 'workshop moved' };
    await scheduler.schedule<Reminder>('reminder', new Date(START.getTime() + HOUR), data, { key: 'workshop-1:p-1:1h' });
    await scheduler.schedule<Reminder>('reminder', new Date(START.getTime() + 5 * HOUR), data, { key: 'workshop-1:p-1:1h' });

    const pending = await scheduler.pending({ tenantId: 'wuppertal', keyPrefix: 'workshop-1:' });
    expect(pending.map((job) => [job.key, job.nextRunAt?.toISOString()])).toEqual([['workshop-1:p-1:1h', new Date(START.getTime() + 5 * HOUR).toISOString()]]);

    now = new Date(START.getTime() + 6 * HOUR);
    await scheduler.runDue();
    expect(delivered).toEqual(['workshop moved']);
  });

  it('cancels by person, by key prefix and by tenant without touching other tenants', async () => {
    const at = new Date(START.getTime() + HOUR);
    await scheduler.schedule<Reminder>('reminder', at, { tenantId: 'wuppertal', profileId: 'p-1', text: 'a' }, { key: 'workshop-1:p-1:1d' });
    await scheduler.schedule<Reminder>('reminder', at, { tenantId: 'wuppertal', profileId: 'p-2', text: 'b' }, { key: 'workshop-1:p-2:1d' });
    await scheduler.schedule<Reminder>('reminder', at, { tenantId: 'wuppertal', profileId: 'p-1', text: 'c' }, { key: 'workshop-2:p-1:1d' });
    await scheduler.schedule<Reminder>('reminder', at, { tenantId: 'dortmund', profileId: 'p-1', text: 'd' }, { key: 'workshop-1:p-1:1d' });

    expect(await scheduler.cancel({ tenantId: 'wuppertal', profileId: 'p-1' })).toBe(2);
    expect(await scheduler.cancel({ tenantId: 'wuppertal', keyPrefix: 'workshop-1:' })).toBe(1);

    now = new Date(START.getTime() + 2 * HOUR);
    await scheduler.runDue();
    expect(delivered).toEqual(['d']);
  });

  it('retries a failing job with growing delays, then records it as failed and visible', async () => {
    failuresLeft = 10;
    await scheduler.schedule<Reminder>('reminder', START, { tenantId: 'wuppertal', profileId: 'p-1', text: 'never' });

    await scheduler.runDue();
    const [afterFirst] = await scheduler.pending({ tenantId: 'wuppertal' });
    expect(afterFirst?.failCount).toBe(1);
    expect(afterFirst?.nextRunAt?.getTime()).toBe(START.getTime() + 60_000);
    expect(afterFirst?.failReason).toBe('channel down');

    now = new Date(START.getTime() + 60_000);
    await scheduler.runDue();
    const [afterSecond] = await scheduler.pending({ tenantId: 'wuppertal' });
    expect(afterSecond?.nextRunAt?.getTime()).toBe(now.getTime() + 120_000);

    now = new Date(now.getTime() + 120_000);
    await scheduler.runDue();
    expect(await scheduler.pending({ tenantId: 'wuppertal' })).toEqual([]);
    const failed = await scheduler.failures({ tenantId: 'wuppertal' });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ name: 'reminder', failCount: 3, failReason: 'channel down', profileId: 'p-1' });

    // Nothing runs it again by itself; retention removes it after a while.
    now = new Date(now.getTime() + 24 * HOUR);
    expect(await scheduler.runDue()).toBe(0);
    expect(delivered).toEqual([]);
    // agenda stamps failures with the real time.
    expect(await scheduler.purgeFailures(new Date(Date.now() - 30 * 24 * HOUR))).toBe(0);
    expect(await scheduler.purgeFailures(new Date(Date.now() + 1000))).toBe(1);
    expect(await scheduler.failures({ tenantId: 'wuppertal' })).toEqual([]);
  });

  it('delivers after a failure once the channel is back', async () => {
    failuresLeft = 1;
    await scheduler.schedule<Reminder>('reminder', START, { tenantId: 'wuppertal', text: 'second try' });
    await scheduler.runDue();
    expect(delivered).toEqual([]);
    now = new Date(START.getTime() + 60_000);
    await scheduler.runDue();
    expect(delivered).toEqual(['second try']);
    expect(await scheduler.failures({ tenantId: 'wuppertal' })).toEqual([]);
  });

  it('runs a repeating job once per call even when the clock is weeks ahead, and the others too', async () => {
    let purges = 0;
    scheduler.define('purge', async () => void (purges += 1));
    await scheduler.every('purge', HOUR, { tenantId: '_system' });
    now = new Date(Date.now() + 40 * 24 * HOUR);
    await scheduler.schedule<Reminder>('reminder', new Date(now.getTime() - HOUR), { tenantId: 'wuppertal', text: 'due' });

    expect(await scheduler.runDue()).toBe(2);
    expect(purges).toBe(1);
    expect(delivered).toEqual(['due']);
  });

  it('re-planning a job while it runs waits for it, so the new time is not lost', async () => {
    let release!: () => void;
    const running = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    scheduler.define<Reminder>('slow', async () => {
      started = true;
      await running;
    });
    await scheduler.schedule<Reminder>('slow', START, { tenantId: 'wuppertal', text: 'first' }, { key: 'k' });
    const run = scheduler.runDue();
    while (!started) await new Promise((resolve) => setTimeout(resolve, 10));
    const moved = scheduler.schedule<Reminder>('slow', new Date(START.getTime() + HOUR), { tenantId: 'wuppertal', text: 'moved' }, { key: 'k' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await run;
    await moved;
    const pending = await scheduler.pending({ tenantId: 'wuppertal', key: 'k' });
    expect(pending.map((job) => [(job.data as Reminder).text, job.nextRunAt?.getTime()])).toEqual([['moved', START.getTime() + HOUR]]);
  });

  it('runs every job due exactly now in one call, however long the call takes', async () => {
    for (let n = 0; n < 200; n += 1) await scheduler.schedule<Reminder>('reminder', START, { tenantId: 'wuppertal', text: `r${n}` }, { key: `k${n}` });
    expect(await scheduler.runDue()).toBe(200);
    expect(delivered).toHaveLength(200);
  });

  it('lists pending jobs of a person for the data export, soonest first', async () => {
    await scheduler.schedule<Reminder>('reminder', new Date(START.getTime() + 2 * HOUR), { tenantId: 'wuppertal', profileId: 'p-1', text: 'later' });
    await scheduler.schedule<Reminder>('reminder', new Date(START.getTime() + HOUR), { tenantId: 'wuppertal', profileId: 'p-1', text: 'sooner' });
    const pending = await scheduler.pending({ tenantId: 'wuppertal', profileId: 'p-1' });
    expect(pending.map((job) => (job.data as Reminder).text)).toEqual(['sooner', 'later']);
  });
});

describeEachBackend('job scheduler with several instances on one database', (backend) => {
  // The embedded store belongs to one process; several instances need MongoDB.
  it.skipIf(backend.name === 'embedded')('runs each job on one instance only (agenda locks)', async () => {
    const store = await backend.open();
    const runs: string[] = [];
    const instances = await Promise.all(
      ['a', 'b'].map(async (instance) => {
        const scheduler = await openJobScheduler({ store, logger: createLogger('silent'), clock: () => new Date(), mode: 'automatic', processEvery: 100 });
        scheduler.define<Reminder>('reminder', async (data) => void runs.push(`${data.text}@${instance}`));
        return scheduler;
      }),
    );
    try {
      const due = new Date(Date.now() + 300);
      for (let i = 0; i < 20; i += 1) await instances[0]!.schedule<Reminder>('reminder', due, { tenantId: 'wuppertal', text: `job-${i}` });
      await Promise.all(instances.map((scheduler) => scheduler.start()));
      const deadline = Date.now() + 15_000;
      while (runs.length < 20 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const jobs = runs.map((run) => run.split('@')[0]);
      expect(jobs).toHaveLength(20);
      expect(new Set(jobs).size).toBe(20);
    } finally {
      await Promise.all(instances.map((scheduler) => scheduler.stop()));
    }
  });
});
