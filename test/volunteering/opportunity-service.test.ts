import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { JobScheduler } from '../../src/scheduler/job-scheduler.js';
import { OpportunityRepository } from '../../src/domain/opportunities/opportunity-repository.js';
import { DEED_FOLLOW_UP_JOB, OpportunityService } from '../../src/domain/opportunities/opportunity-service.js';
import { StaffNoticeService } from '../../src/domain/volunteering/staff-notices.js';
import { opportunity } from './fixtures.js';

const TENANT = 'wuppertal';
const DAY_MS = 86_400_000;

/** Records what the service plans; the real scheduler has its own contract suite. */
function recordingScheduler() {
  const scheduled: Array<{ name: string; runAt: Date; data: unknown; key?: string }> = [];
  const cancelled: unknown[] = [];
  const scheduler = {
    define() {},
    async schedule(name: string, runAt: Date, data: unknown, options?: { key?: string }) {
      scheduled.push({ name, runAt, data, key: options?.key });
    },
    async cancel(query: unknown) {
      cancelled.push(query);
      return 1;
    },
  } as unknown as JobScheduler;
  return { scheduler, scheduled, cancelled };
}

describe('the good-deeds service', () => {
  let dir: string;
  let store: DocumentStore;
  let repository: OpportunityRepository;
  let service: OpportunityService;
  let jobs: ReturnType<typeof recordingScheduler>;
  const now = new Date('2026-05-04T10:00:00Z');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kosi-deeds-'));
    store = await openEmbeddedStore({ dataDir: dir });
    repository = new OpportunityRepository(store);
    jobs = recordingScheduler();
    service = new OpportunityService({
      repository,
      notices: new StaffNoticeService(store, null, () => now),
      scheduler: jobs.scheduler,
      clock: () => now,
      volunteerOf: async () => null,
      staffText: (event) => ({ subject: `${event.kind}: ${event.opportunity.title}`, text: '' }),
      staffEmailOf: () => undefined,
    });
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('plans the follow-up two days after a dated deed ends, keyed by the registration', async () => {
    const end = new Date(now.getTime() + 5 * DAY_MS);
    await repository.insert(opportunity('o1', { startsAt: new Date(end.getTime() - 3_600_000), endsAt: end }));
    const result = await service.register(TENANT, 'o1', 'p-1');
    expect(result.status).toBe('registered');
    if (result.status !== 'registered') return;
    expect(jobs.scheduled).toEqual([{ name: DEED_FOLLOW_UP_JOB, runAt: new Date(end.getTime() + 2 * DAY_MS), data: { tenantId: TENANT, profileId: 'p-1', registrationId: result.registration._id }, key: result.registration._id }]);
    await service.withdrawRegistration(TENANT, result.registration._id, 'p-1');
    expect(jobs.cancelled).toEqual([{ tenantId: TENANT, name: DEED_FOLLOW_UP_JOB, key: result.registration._id }]);
  });

  it('plans no follow-up for an ongoing deed', async () => {
    await repository.insert(opportunity('o1'));
    await service.register(TENANT, 'o1', 'p-1');
    expect(jobs.scheduled).toEqual([]);
  });

  it('registers once, and again after a withdrawal with the same record', async () => {
    await repository.insert(opportunity('o1'));
    const first = await service.register(TENANT, 'o1', 'p-1');
    expect((await service.register(TENANT, 'o1', 'p-1')).status).toBe('already');
    if (first.status !== 'registered') throw new Error('not registered');
    await service.withdrawRegistration(TENANT, first.registration._id, 'p-1');
    expect(await service.withdrawRegistration(TENANT, first.registration._id, 'p-1')).toBeNull();
    const again = await service.register(TENANT, 'o1', 'p-1');
    expect(again.status).toBe('registered');
    expect((await service.registrationsOf(TENANT, 'p-1')).map((entry) => entry.registration.status)).toEqual(['registered']);
  });

  it('gives the last place to one of two people pressing at the same moment', async () => {
    await repository.insert(opportunity('o1', { places: 1 }));
    const results = await Promise.all([service.register(TENANT, 'o1', 'p-1'), service.register(TENANT, 'o1', 'p-2')]);
    expect(results.map((result) => result.status).sort()).toEqual(['full', 'registered']);
    expect(await repository.countRegistered(TENANT, 'o1')).toBe(1);
  });

  it('says why a deed cannot be joined', async () => {
    await repository.insert(opportunity('past', { startsAt: new Date(now.getTime() - 2 * DAY_MS) }));
    await repository.insert(opportunity('gone', { status: 'withdrawn' }));
    expect((await service.register(TENANT, 'past', 'p-1')).status).toBe('past');
    expect((await service.register(TENANT, 'gone', 'p-1')).status).toBe('withdrawn');
    expect((await service.register(TENANT, 'nothing', 'p-1')).status).toBe('unknown');
  });

  it('stores a rating and a comment only for the person\'s own registration', async () => {
    await repository.insert(opportunity('o1'));
    const result = await service.register(TENANT, 'o1', 'p-1');
    if (result.status !== 'registered') throw new Error('not registered');
    expect(await service.saveRating(TENANT, result.registration._id, 'p-2', 4)).toBeNull();
    expect(await service.saveRating(TENANT, result.registration._id, 'p-1', 7)).toBeNull();
    await service.saveRating(TENANT, result.registration._id, 'p-1', 4);
    const commented = await service.saveComment(TENANT, result.registration._id, 'p-1', 'Sehr nett!');
    expect(commented?.feedback).toMatchObject({ rating: 4, comment: 'Sehr nett!' });
  });
});
