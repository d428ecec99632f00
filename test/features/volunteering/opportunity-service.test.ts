import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentStore } from '../../../src/platform/store/document-store.js';
import { openEmbeddedStore } from '../../../src/platform/store/embedded/embedded-store.js';
import type { JobScheduler } from '../../../src/platform/scheduler/job-scheduler.js';
import { OpportunityRepository } from '../../../src/features/volunteering/domain/opportunities/opportunity-repository.js';
import { DEED_FOLLOW_UP_JOB, DEED_WITHDRAWN_JOB, OpportunityService } from '../../../src/features/volunteering/domain/opportunities/opportunity-service.js';
import { StaffNoticeService } from '../../../src/staff/notices/staff-notices.js';
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
  let notices: StaffNoticeService;
  const now = new Date('2026-05-04T10:00:00Z');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kosi-deeds-'));
    store = await openEmbeddedStore({ dataDir: dir });
    repository = new OpportunityRepository(store);
    jobs = recordingScheduler();
    service = new OpportunityService({
      repository,
      notices: (notices = new StaffNoticeService(store, null, () => now)),
      scheduler: jobs.scheduler,
      clock: () => now,
      volunteerOf: async () => null,
      staffText: (event) => ({ subject: `${event.kind}: ${event.opportunity.title}`, text: '' }),
      staffEmailOf: () => undefined,
      erasureSubject: (_tenantId, deed) => `Eine Anmeldung für „${deed.title}“ wurde zurückgezogen`,
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

  it('keeps the comment when the rating button is pressed again', async () => {
    await repository.insert(opportunity('o1'));
    const result = await service.register(TENANT, 'o1', 'p-1');
    if (result.status !== 'registered') throw new Error('not registered');
    await service.saveRating(TENANT, result.registration._id, 'p-1', 4);
    await service.saveComment(TENANT, result.registration._id, 'p-1', 'Sehr nett!');
    const again = await service.saveRating(TENANT, result.registration._id, 'p-1', 5);
    expect(again?.feedback).toMatchObject({ rating: 5, comment: 'Sehr nett!' });
  });

  it('keeps earlier feedback when the person registers again after withdrawing', async () => {
    await repository.insert(opportunity('o1'));
    const result = await service.register(TENANT, 'o1', 'p-1');
    if (result.status !== 'registered') throw new Error('not registered');
    await service.saveRating(TENANT, result.registration._id, 'p-1', 4);
    await service.withdrawRegistration(TENANT, result.registration._id, 'p-1');
    const again = await service.register(TENANT, 'o1', 'p-1');
    expect(again.status === 'registered' && again.registration.feedback).toMatchObject({ rating: 4 });
  });

  it('moves everyone\'s follow-up (same key) when staff change the date, and ignores fields it does not know', async () => {
    const start = new Date(now.getTime() + 3 * DAY_MS);
    await repository.insert(opportunity('o1', { startsAt: start }));
    const first = await service.register(TENANT, 'o1', 'p-1');
    const second = await service.register(TENANT, 'o1', 'p-2');
    if (first.status !== 'registered' || second.status !== 'registered') throw new Error('not registered');
    jobs.scheduled.length = 0;
    const later = new Date(now.getTime() + 10 * DAY_MS);
    const updated = await service.update(TENANT, 'o1', { startsAt: later, status: 'withdrawn', tenantId: 'dortmund' } as never);
    expect(updated).toMatchObject({ status: 'open', tenantId: TENANT, startsAt: later });
    expect(jobs.scheduled.map((job) => ({ key: job.key, runAt: job.runAt }))).toEqual([
      { key: first.registration._id, runAt: new Date(later.getTime() + 2 * DAY_MS) },
      { key: second.registration._id, runAt: new Date(later.getTime() + 2 * DAY_MS) },
    ]);
    jobs.scheduled.length = 0;
    await service.update(TENANT, 'o1', { title: 'Neuer Titel' });
    expect(jobs.scheduled).toEqual([]);
  });

  it('withdraws a deed once: one notice job per registered person, nothing the second time', async () => {
    await repository.insert(opportunity('o1'));
    const result = await service.register(TENANT, 'o1', 'p-1');
    if (result.status !== 'registered') throw new Error('not registered');
    const first = await service.withdrawOpportunity(TENANT, 'o1');
    expect(first?.changed).toBe(true);
    expect(jobs.scheduled.filter((job) => job.name === DEED_WITHDRAWN_JOB)).toEqual([
      { name: DEED_WITHDRAWN_JOB, runAt: now, data: { tenantId: TENANT, profileId: 'p-1', registrationId: result.registration._id }, key: result.registration._id },
    ]);
    const second = await service.withdrawOpportunity(TENANT, 'o1');
    expect(second?.changed).toBe(false);
    expect(jobs.scheduled.filter((job) => job.name === DEED_WITHDRAWN_JOB)).toHaveLength(1);
    expect(await service.withdrawOpportunity(TENANT, 'nothing')).toBeNull();
    // The job's checkpoint: the first run marks, a second finds nothing to do.
    expect(await service.markCancelledByOrganiser(TENANT, result.registration._id, 'p-1')).not.toBeNull();
    expect(await service.markCancelledByOrganiser(TENANT, result.registration._id, 'p-1')).toBeNull();
    await service.unmarkCancelledByOrganiser(TENANT, result.registration._id);
    expect(await service.markCancelledByOrganiser(TENANT, result.registration._id, 'p-1')).not.toBeNull();
  });

  it('leaves the organisation a notice without personal data when a registered person is erased', async () => {
    await repository.insert(opportunity('o1', { title: 'Lesepate' }));
    await service.register(TENANT, 'o1', 'p-1');
    await service.noteErasure(TENANT, 'p-1');
    const [erased] = (await notices.list(TENANT)).filter((notice) => notice.kind === 'withdrawal');
    expect(erased).toMatchObject({ subject: 'Eine Anmeldung für „Lesepate“ wurde zurückgezogen', opportunityId: 'o1' });
    expect(erased!.profileId).toBeUndefined();
    expect(erased!.registrationId).toBeUndefined();
  });
});
