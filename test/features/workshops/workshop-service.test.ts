import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { openEmbeddedStore } from '../../../src/platform/store/embedded/embedded-store.js';
import type { DocumentStore } from '../../../src/platform/store/document-store.js';
import { openJobScheduler } from '../../../src/platform/scheduler/open-job-scheduler.js';
import type { JobScheduler } from '../../../src/platform/scheduler/job-scheduler.js';
import { WorkshopRegistrationRepository, WorkshopRepository } from '../../../src/features/workshops/domain/workshop-repository.js';
import { WorkshopInputError, WorkshopService } from '../../../src/features/workshops/domain/workshop-service.js';
import type { Workshop } from '../../../src/features/workshops/domain/workshop.js';
import { workshopCalendar } from '../../../src/features/workshops/domain/workshop-calendar.js';
import { workshopRegistrationsDataSource } from '../../../src/features/workshops/domain/workshop-data-source.js';
import { DAY, HOUR, workshopInput } from './fixtures.js';

const TENANT = 'wuppertal';

describe('the workshop service', () => {
  let dir: string;
  let store: DocumentStore;
  let scheduler: JobScheduler;
  let service: WorkshopService;
  let workshopRepository: WorkshopRepository;
  let now: Date;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kosi-workshops-'));
    store = await openEmbeddedStore({ dataDir: dir });
    now = new Date('2027-02-01T09:00:00Z');
    scheduler = await openJobScheduler({ store, logger: createLogger('silent'), clock: () => now, mode: 'manual' });
    await scheduler.start();
    workshopRepository = new WorkshopRepository(store);
    service = new WorkshopService(workshopRepository, new WorkshopRegistrationRepository(store), scheduler, () => now);
  });

  afterEach(async () => {
    await scheduler.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const keysOf = async (prefix: string) => (await scheduler.pending({ tenantId: TENANT, keyPrefix: prefix })).map((job) => job.key).sort();

  it('registers once, however often the person registers, and plans both reminders and the follow-up', async () => {
    const workshop = await service.create(TENANT, workshopInput(now));
    const first = await service.register(TENANT, workshop._id, 'p-1');
    const second = await service.register(TENANT, workshop._id, 'p-1');
    const [third, fourth] = await Promise.all([service.register(TENANT, workshop._id, 'p-1'), service.register(TENANT, workshop._id, 'p-1')]);
    expect(first.status).toBe('registered');
    expect([second.status, third.status, fourth.status]).toEqual(['already-registered', 'already-registered', 'already-registered']);
    expect((await service.availability(workshop)).registered).toBe(1);
    expect(await keysOf(`workshop-${workshop._id}:`)).toEqual([
      `workshop-${workshop._id}:p-1:1d`,
      `workshop-${workshop._id}:p-1:1h`,
      `workshop-${workshop._id}:p-1:follow-up`,
    ]);
    const reminders = await scheduler.pending({ tenantId: TENANT, name: 'workshop-reminder' });
    expect(reminders.map((job) => job.nextRunAt!.getTime())).toEqual([workshop.startsAt.getTime() - DAY, workshop.startsAt.getTime() - HOUR]);
  });

  it('skips a reminder whose time has passed when someone registers late', async () => {
    const workshop = await service.create(TENANT, workshopInput(now, { daysAhead: 0.5 }));
    await service.register(TENANT, workshop._id, 'p-1');
    expect(await keysOf(`workshop-${workshop._id}:`)).toEqual([`workshop-${workshop._id}:p-1:1h`, `workshop-${workshop._id}:p-1:follow-up`]);
  });

  it('offers the waiting list when the workshop is full and keeps the order of those waiting', async () => {
    const workshop = await service.create(TENANT, workshopInput(now, { capacity: 1 }));
    expect((await service.register(TENANT, workshop._id, 'p-1')).status).toBe('registered');
    expect((await service.register(TENANT, workshop._id, 'p-2')).status).toBe('full');
    expect(await service.registrationOf(TENANT, workshop._id, 'p-2')).toBeNull();
    expect(await service.register(TENANT, workshop._id, 'p-2', { waitingList: true })).toMatchObject({ status: 'waiting', position: 1 });
    now = new Date(now.getTime() + 1000);
    expect(await service.register(TENANT, workshop._id, 'p-3', { waitingList: true })).toMatchObject({ status: 'waiting', position: 2 });
    expect(await service.register(TENANT, workshop._id, 'p-3', { waitingList: true })).toMatchObject({ status: 'already-waiting', position: 2 });
    // Nobody waiting gets reminders.
    expect(await keysOf(`workshop-${workshop._id}:p-2:`)).toEqual([]);
  });

  it('gives the last seat to one of two people registering at the same moment', async () => {
    const workshop = await service.create(TENANT, workshopInput(now, { capacity: 1 }));
    const results = await Promise.all(['p-1', 'p-2', 'p-3'].map((profileId) => service.register(TENANT, workshop._id, profileId)));
    expect(results.filter((result) => result.status === 'registered')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'full')).toHaveLength(2);
    expect((await service.availability(workshop)).registered).toBe(1);
  });

  it('moves the first person waiting up when a seat is freed, with reminders and a notice', async () => {
    const workshop = await service.create(TENANT, workshopInput(now, { capacity: 1 }));
    await service.register(TENANT, workshop._id, 'p-1');
    await service.register(TENANT, workshop._id, 'p-2', { waitingList: true });
    now = new Date(now.getTime() + 1000);
    await service.register(TENANT, workshop._id, 'p-3', { waitingList: true });

    const cancelled = await service.cancel(TENANT, workshop._id, 'p-1');
    expect(cancelled).toMatchObject({ status: 'cancelled', wasWaiting: false, movedUp: ['p-2'] });
    expect((await service.registrationOf(TENANT, workshop._id, 'p-2'))?.status).toBe('registered');
    expect(await service.waitingPosition((await service.registrationOf(TENANT, workshop._id, 'p-3'))!)).toBe(1);
    expect(await keysOf(`workshop-${workshop._id}:p-1:`)).toEqual([]);
    const p2 = await keysOf(`workshop-${workshop._id}:p-2:`);
    expect(p2.filter((key) => !key!.includes('notice'))).toEqual([`workshop-${workshop._id}:p-2:1d`, `workshop-${workshop._id}:p-2:1h`, `workshop-${workshop._id}:p-2:follow-up`]);
    const notices = await scheduler.pending({ tenantId: TENANT, name: 'workshop-notice', profileId: 'p-2' });
    expect(notices.map((job) => (job.data as unknown as { notice: string }).notice)).toEqual(['moved-up']);

    // A second "cannot come" changes nothing.
    expect((await service.cancel(TENANT, workshop._id, 'p-1')).status).toBe('not-registered');
    expect((await service.registrationOf(TENANT, workshop._id, 'p-3'))?.status).toBe('waiting');
  });

  it('lets someone leave the waiting list without moving anybody', async () => {
    const workshop = await service.create(TENANT, workshopInput(now, { capacity: 1 }));
    await service.register(TENANT, workshop._id, 'p-1');
    await service.register(TENANT, workshop._id, 'p-2', { waitingList: true });
    expect(await service.cancel(TENANT, workshop._id, 'p-2')).toMatchObject({ status: 'cancelled', wasWaiting: true, movedUp: [] });
    // Registering again after cancelling works (the same registration comes back).
    expect((await service.register(TENANT, workshop._id, 'p-2')).status).toBe('full');
  });

  it('answers clearly for a past, a cancelled and an unknown workshop', async () => {
    const past = await service.create(TENANT, workshopInput(now, { daysAhead: -1 }));
    const cancelled = await service.create(TENANT, workshopInput(now));
    await service.cancelWorkshop(TENANT, cancelled._id);
    expect((await service.register(TENANT, past._id, 'p-1')).status).toBe('past');
    expect((await service.register(TENANT, cancelled._id, 'p-1')).status).toBe('cancelled');
    expect((await service.register(TENANT, 'abc123', 'p-1')).status).toBe('not-found');
    expect((await service.register('dortmund', past._id, 'p-1')).status).toBe('not-found');
  });

  it('re-plans reminders and tells everyone when staff move a workshop', async () => {
    const workshop = await service.create(TENANT, workshopInput(now, { capacity: 1 }));
    await service.register(TENANT, workshop._id, 'p-1');
    await service.register(TENANT, workshop._id, 'p-2', { waitingList: true });
    const startsAt = new Date(workshop.startsAt.getTime() + 2 * DAY);
    const result = await service.update(TENANT, workshop._id, { startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR) });
    expect(result).toMatchObject({ status: 'updated', moved: true, notified: 2 });
    const reminders = await scheduler.pending({ tenantId: TENANT, name: 'workshop-reminder' });
    expect(reminders.map((job) => job.nextRunAt!.getTime())).toEqual([startsAt.getTime() - DAY, startsAt.getTime() - HOUR]);
    const notices = await scheduler.pending({ tenantId: TENANT, name: 'workshop-notice' });
    expect(notices.map((job) => job.profileId).sort()).toEqual(['p-1', 'p-2']);

    // More seats: the person waiting moves up.
    const bigger = await service.update(TENANT, workshop._id, { capacity: 2 });
    expect(bigger).toMatchObject({ status: 'updated', moved: false, movedUp: ['p-2'] });
  });

  it("touches only the person's own jobs when someone registers, and none when staff change only the text", async () => {
    const queries: Array<{ op: string; query?: Parameters<JobScheduler['cancel']>[0] }> = [];
    const spy: JobScheduler = {
      ...scheduler,
      cancel: (query) => (queries.push({ op: 'cancel', query }), scheduler.cancel(query)),
      pending: (query) => (queries.push({ op: 'pending', query }), scheduler.pending(query)),
      schedule: (name, runAt, data, options) => (queries.push({ op: 'schedule' }), scheduler.schedule(name, runAt, data, options)),
    };
    const watched = new WorkshopService(new WorkshopRepository(store), new WorkshopRegistrationRepository(store), spy, () => now);
    const workshop = await watched.create(TENANT, workshopInput(now));
    await watched.register(TENANT, workshop._id, 'p-1');
    const lookups = queries.filter((entry) => entry.query);
    expect(lookups.length).toBeGreaterThan(0);
    expect(lookups.every((entry) => entry.query!.profileId === 'p-1')).toBe(true);

    queries.length = 0;
    const before = await keysOf(`workshop-${workshop._id}:`);
    expect(await watched.update(TENANT, workshop._id, { title: 'A new title' })).toMatchObject({ status: 'updated', moved: false });
    expect(queries).toEqual([]);
    expect(await keysOf(`workshop-${workshop._id}:`)).toEqual(before);
  });

  it('refuses a change that makes the workshop end before it starts', async () => {
    const workshop = await service.create(TENANT, workshopInput(now));
    await expect(service.update(TENANT, workshop._id, { endsAt: new Date(workshop.startsAt.getTime() - HOUR) })).rejects.toBeInstanceOf(WorkshopInputError);
    await expect(service.update(TENANT, workshop._id, { place: null })).rejects.toBeInstanceOf(WorkshopInputError);
    expect((await service.update(TENANT, workshop._id, { place: null, onlineUrl: 'https://meet.example.org/x' })).status).toBe('updated');
    const changed = (await service.get(TENANT, workshop._id)) as Workshop;
    expect(changed.place).toBeUndefined();
  });

  it('cancels a workshop: reminders go, everyone registered or waiting is told', async () => {
    const workshop = await service.create(TENANT, workshopInput(now, { capacity: 1 }));
    await service.register(TENANT, workshop._id, 'p-1');
    await service.register(TENANT, workshop._id, 'p-2', { waitingList: true });
    expect(await service.cancelWorkshop(TENANT, workshop._id)).toMatchObject({ status: 'cancelled', notified: 2 });
    expect(await scheduler.pending({ tenantId: TENANT, name: 'workshop-reminder' })).toEqual([]);
    expect(await scheduler.pending({ tenantId: TENANT, name: 'workshop-follow-up' })).toEqual([]);
    expect((await scheduler.pending({ tenantId: TENANT, name: 'workshop-notice' })).length).toBe(2);
    expect((await service.cancelWorkshop(TENANT, workshop._id)).status).toBe('already-cancelled');
  });

  it('switches reminders off for one workshop or for all, and keeps the follow-up', async () => {
    const first = await service.create(TENANT, workshopInput(now));
    const second = await service.create(TENANT, workshopInput(now, { daysAhead: 12 }));
    await service.register(TENANT, first._id, 'p-1');
    await service.register(TENANT, second._id, 'p-1');
    await service.setReminders(TENANT, first._id, 'p-1', false);
    expect(await keysOf(`workshop-${first._id}:`)).toEqual([`workshop-${first._id}:p-1:follow-up`]);
    await service.setAllReminders(TENANT, 'p-1', false);
    expect(await scheduler.pending({ tenantId: TENANT, name: 'workshop-reminder' })).toEqual([]);
    const third = await service.create(TENANT, workshopInput(now, { daysAhead: 14 }));
    const registered = await service.register(TENANT, third._id, 'p-1');
    expect(registered.status === 'registered' && registered.registration.remindersOn).toBe(false);
    await service.setAllReminders(TENANT, 'p-1', true);
    expect((await scheduler.pending({ tenantId: TENANT, name: 'workshop-reminder' })).length).toBe(6);
  });

  it('gives seats back when a person is erased', async () => {
    const workshop = await service.create(TENANT, workshopInput(now, { capacity: 1 }));
    await service.register(TENANT, workshop._id, 'p-1');
    await service.register(TENANT, workshop._id, 'p-2', { waitingList: true });
    await service.eraseProfile(TENANT, 'p-1');
    expect(await service.registrationOf(TENANT, workshop._id, 'p-1')).toBeNull();
    expect((await service.registrationOf(TENANT, workshop._id, 'p-2'))?.status).toBe('registered');
  });

  it('lists series of upcoming workshops and finds the next part', async () => {
    const part2 = await service.create(TENANT, workshopInput(now));
    const part3 = await service.create(TENANT, workshopInput(now, { daysAhead: 38, title: 'Werkstatt 3: Aufbau', series: { id: 'werkstattreihe', title: 'Werkstattreihe', part: 3 } }));
    await service.create(TENANT, workshopInput(now, { daysAhead: 3, series: undefined, title: 'Sprechstunde' }));
    expect(await service.listSeries(TENANT)).toEqual([{ id: 'werkstattreihe', title: 'Werkstattreihe' }]);
    expect((await service.listUpcoming(TENANT, { seriesId: 'werkstattreihe' })).map((found) => found._id)).toEqual([part2._id, part3._id]);
    expect((await service.nextPart(part2))?._id).toBe(part3._id);
    expect(await service.nextPart(part3)).toBeNull();
  });

  it('reminds one day before at the same local time across the change to and from summer time', async () => {
    // Last Sunday of March 2027 (28 March): clocks go 02:00 → 03:00. 10:00 CEST = 08:00Z; the day before, 10:00 CET = 09:00Z.
    const march = await service.create(TENANT, workshopInput(now, { startsAt: new Date('2027-03-28T08:00:00Z'), endsAt: new Date('2027-03-28T10:00:00Z') }));
    // Last Sunday of October 2027 (31 October): clocks go 03:00 → 02:00. 10:00 CET = 09:00Z; the day before, 10:00 CEST = 08:00Z.
    const october = await service.create(TENANT, workshopInput(now, { startsAt: new Date('2027-10-31T09:00:00Z'), endsAt: new Date('2027-10-31T11:00:00Z') }));
    await service.register(TENANT, march._id, 'p-1');
    await service.register(TENANT, october._id, 'p-1');
    const runAt = async (workshopId: string) =>
      (await scheduler.pending({ tenantId: TENANT, name: 'workshop-reminder', keyPrefix: `workshop-${workshopId}:` })).map((job) => job.nextRunAt!.toISOString()).sort();
    // 23 and 25 hours before: 10:00 local the day before; the one-hour reminder stays one hour before.
    expect(await runAt(march._id)).toEqual(['2027-03-27T09:00:00.000Z', '2027-03-28T07:00:00.000Z']);
    expect(await runAt(october._id)).toEqual(['2027-10-30T08:00:00.000Z', '2027-10-31T08:00:00.000Z']);
  });

  it('compares times at minute precision: a form that drops the seconds does not "move" the workshop', async () => {
    const created = await service.create(TENANT, workshopInput(now, { startsAt: new Date('2027-02-22T17:00:42.500Z'), endsAt: new Date('2027-02-22T19:30:59Z') }));
    expect(created.startsAt.toISOString()).toBe('2027-02-22T17:00:00.000Z');
    expect(created.endsAt.toISOString()).toBe('2027-02-22T19:30:00.000Z');
    // A workshop stored with seconds before (e.g. by an older version) and saved again from the console form.
    const legacy = await workshopRepository.insert({
      ...workshopInput(now),
      _id: 'legacy1',
      tenantId: TENANT,
      startsAt: new Date('2027-02-25T17:00:13Z'),
      endsAt: new Date('2027-02-25T19:00:13Z'),
      status: 'scheduled',
      createdAt: now,
      updatedAt: now,
    });
    await service.register(TENANT, legacy._id, 'p-1');
    const saved = await service.update(TENANT, legacy._id, { startsAt: new Date('2027-02-25T17:00:00Z'), endsAt: new Date('2027-02-25T19:00:00Z'), capacity: 30 });
    expect(saved).toMatchObject({ status: 'updated', moved: false, notified: 0 });
    expect(await scheduler.pending({ tenantId: TENANT, name: 'workshop-notice' })).toEqual([]);
    // A real move by one minute is one.
    expect(await service.update(TENANT, legacy._id, { startsAt: new Date('2027-02-25T17:01:00Z') })).toMatchObject({ moved: true, notified: 1 });
  });

  it('raises the revision with every change a calendar shows, however quick, and not for the capacity', async () => {
    const workshop = await service.create(TENANT, workshopInput(now));
    expect(workshop.revision).toBe(0);
    // Two changes within the same second.
    const first = await service.update(TENANT, workshop._id, { description: 'Neue Beschreibung.' });
    const second = await service.update(TENANT, workshop._id, { place: { name: 'Rathaus Elberfeld', address: 'Neumarkt 10, 42103 Wuppertal' } });
    expect(first.status === 'updated' && first.workshop.revision).toBe(1);
    expect(second.status === 'updated' && second.workshop.revision).toBe(2);
    // The calendar file's SEQUENCE follows, so that a calendar app takes the second version.
    const sequenceOf = (changed: Workshop) =>
      Number(/^SEQUENCE:(\d+)\r$/m.exec(workshopCalendar(changed, { calendarName: 'Wuppertal', uidDomain: 'x', now, t: (key) => key, locale: 'de' }))?.[1]);
    const [one, two] = [first, second].map((result) => (result.status === 'updated' ? sequenceOf(result.workshop) : NaN));
    expect(two).toBeGreaterThan(one!);
    const seats = await service.update(TENANT, workshop._id, { capacity: 40, place: { address: 'Neumarkt 10, 42103 Wuppertal', name: 'Rathaus Elberfeld' } });
    expect(seats.status === 'updated' && seats.workshop.revision).toBe(2);
    const cancelled = await service.cancelWorkshop(TENANT, workshop._id);
    expect(cancelled.status === 'cancelled' && cancelled.workshop.revision).toBe(3);
  });

  it('ends the registrations of a cancelled workshop, and says so in "my workshops", the export and for staff', async () => {
    const workshop = await service.create(TENANT, workshopInput(now, { capacity: 1 }));
    await service.register(TENANT, workshop._id, 'p-1');
    await service.register(TENANT, workshop._id, 'p-2', { waitingList: true });
    await service.cancelWorkshop(TENANT, workshop._id);
    for (const profileId of ['p-1', 'p-2']) {
      expect(await service.registrationOf(TENANT, workshop._id, profileId)).toMatchObject({ status: 'cancelled', cancelReason: 'workshop-cancelled' });
    }
    const [mine] = await service.myWorkshops(TENANT, 'p-1');
    expect(mine).toMatchObject({ workshop: { _id: workshop._id, status: 'cancelled' }, registration: { status: 'cancelled' } });
    const exported = (await workshopRegistrationsDataSource(service).export({ tenantId: TENANT, profileId: 'p-1', accounts: [], conversationIds: [] })) as {
      registrations: Array<Record<string, unknown>>;
    };
    expect(exported.registrations).toEqual([
      expect.objectContaining({ status: 'cancelled', cancelReason: 'workshop-cancelled', workshop: expect.objectContaining({ status: 'cancelled' }) }),
    ]);
    const participants = await service.participants(TENANT, workshop._id);
    expect(participants.registered).toEqual([]);
    expect(participants.cancelledWithWorkshop.map((registration) => registration.profileId)).toEqual(['p-1', 'p-2']);
    // Someone who gave the seat back themselves does not see the workshop any more.
    const other = await service.create(TENANT, workshopInput(now));
    await service.register(TENANT, other._id, 'p-3');
    await service.cancel(TENANT, other._id, 'p-3');
    expect(await service.myWorkshops(TENANT, 'p-3')).toEqual([]);
    expect(await service.registrationOf(TENANT, other._id, 'p-3')).toMatchObject({ status: 'cancelled', cancelReason: 'person' });
    // Registering again revives the registration without the old reason.
    await service.register(TENANT, other._id, 'p-3');
    expect((await service.registrationOf(TENANT, other._id, 'p-3'))?.cancelReason).toBeUndefined();
  });

  it('offers this run\'s next part after the event, not last year\'s', async () => {
    const part3 = { id: 'werkstattreihe', title: 'Werkstattreihe', part: 3 };
    // Last year's part 3 is stored first (a find without order returns it first).
    await workshopRepository.insert({ ...workshopInput(new Date(now.getTime() - 365 * DAY), { series: part3 }), _id: 'lastyear3', tenantId: TENANT, status: 'scheduled', createdAt: now, updatedAt: now });
    const part2 = await service.create(TENANT, workshopInput(now));
    const thisYear3 = await service.create(TENANT, workshopInput(now, { daysAhead: 38, series: part3 }));
    now = new Date(part2.endsAt.getTime() + 2 * HOUR);
    expect((await service.nextPart(part2))?._id).toBe(thisYear3._id);
  });
});
