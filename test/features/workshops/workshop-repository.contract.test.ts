import { beforeEach, expect, it } from 'vitest';
import { DocumentValidationError, type DocumentStore } from '../../../src/platform/store/document-store.js';
import { WorkshopRegistrationRepository, WorkshopRepository } from '../../../src/features/workshops/domain/workshop-repository.js';
import { registrationIdFor, type Workshop, type WorkshopRegistration } from '../../../src/features/workshops/domain/workshop.js';
import { describeEachBackend } from '../../support/store-backends.js';
import { DAY, workshopInput } from './fixtures.js';

const now = new Date('2027-01-10T09:00:00Z');

function workshop(id: string, fields: Partial<Workshop> = {}): Workshop {
  return { ...workshopInput(now), _id: id, tenantId: 'wuppertal', status: 'scheduled', createdAt: now, updatedAt: now, ...fields };
}

function registration(workshopId: string, profileId: string, fields: Partial<WorkshopRegistration> = {}): WorkshopRegistration {
  return {
    _id: registrationIdFor(workshopId, profileId),
    tenantId: 'wuppertal',
    workshopId,
    profileId,
    status: 'registered',
    registeredAt: now,
    remindersOn: true,
    sent: [],
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

describeEachBackend('the workshop repositories', (backend) => {
  let store: DocumentStore;
  let workshops: WorkshopRepository;
  let registrations: WorkshopRegistrationRepository;

  beforeEach(async () => {
    store = await backend.open();
    workshops = new WorkshopRepository(store);
    registrations = new WorkshopRegistrationRepository(store);
  });

  it('lists upcoming scheduled workshops of one tenant soonest first, optionally of one series', async () => {
    await workshops.insert(workshop('later', { startsAt: new Date(now.getTime() + 20 * DAY), endsAt: new Date(now.getTime() + 20 * DAY + 1000) }));
    await workshops.insert(workshop('sooner', { series: undefined, startsAt: new Date(now.getTime() + 2 * DAY), endsAt: new Date(now.getTime() + 2 * DAY + 1000) }));
    await workshops.insert(workshop('past', { startsAt: new Date(now.getTime() - DAY), endsAt: new Date(now.getTime() - DAY + 1000) }));
    await workshops.insert(workshop('cancelled', { status: 'cancelled' }));
    await workshops.insert(workshop('dortmund', { tenantId: 'dortmund' }));
    expect((await workshops.listUpcoming('wuppertal', now)).map((found) => found._id)).toEqual(['sooner', 'later']);
    expect((await workshops.listUpcoming('wuppertal', now, { seriesId: 'werkstattreihe' })).map((found) => found._id)).toEqual(['later']);
    expect(await workshops.findById('dortmund', 'later')).toBeNull();
    expect(await workshops.findById('wuppertal', 'not a valid id')).toBeNull();
  });

  it('lists all workshops of a city for the console, finds series by title and id, and counts registrations of many workshops at once', async () => {
    await workshops.insert(workshop('upcoming', { startsAt: new Date(now.getTime() + 2 * DAY), endsAt: new Date(now.getTime() + 2 * DAY + 1000) }));
    await workshops.insert(workshop('past', { series: undefined, startsAt: new Date(now.getTime() - DAY), endsAt: new Date(now.getTime() - DAY + 1000) }));
    await workshops.insert(workshop('cancelled', { series: undefined, status: 'cancelled' }));
    await workshops.insert(workshop('dortmund', { tenantId: 'dortmund' }));
    expect((await workshops.listAll('wuppertal')).map((found) => found._id).sort()).toEqual(['cancelled', 'past', 'upcoming']);
    expect(await workshops.seriesIdWithTitle('wuppertal', 'Werkstattreihe')).toBe('werkstattreihe');
    expect(await workshops.seriesIdWithTitle('wuppertal', 'Andere Reihe')).toBeNull();
    expect(await workshops.seriesIdTaken('wuppertal', 'werkstattreihe')).toBe(true);
    expect(await workshops.seriesIdTaken('wuppertal', 'andere-reihe')).toBe(false);

    await registrations.insertNew(registration('upcoming', 'p-1'));
    await registrations.insertNew(registration('upcoming', 'p-2', { status: 'waiting', waitingSince: now }));
    await registrations.insertNew(registration('upcoming', 'p-3', { status: 'cancelled' }));
    await registrations.insertNew(registration('past', 'p-1'));
    const counts = await registrations.countActiveByWorkshop('wuppertal', ['upcoming', 'past', 'cancelled']);
    expect(Object.fromEntries(counts)).toEqual({ upcoming: { registered: 1, waiting: 1 }, past: { registered: 1, waiting: 0 }, cancelled: { registered: 0, waiting: 0 } });
    expect((await registrations.countActiveByWorkshop('dortmund', ['upcoming'])).get('upcoming')).toEqual({ registered: 0, waiting: 0 });
  });

  it('finds the next part of a series', async () => {
    await workshops.insert(workshop('part2'));
    await workshops.insert(workshop('part3', { series: { id: 'werkstattreihe', title: 'Werkstattreihe', part: 3 } }));
    expect((await workshops.findSeriesPart('wuppertal', 'werkstattreihe', 3, now))?._id).toBe('part3');
    expect(await workshops.findSeriesPart('wuppertal', 'werkstattreihe', 4, now)).toBeNull();
  });

  it('finds this run\'s next part, not last year\'s or the one after', async () => {
    const part3 = { id: 'werkstattreihe', title: 'Werkstattreihe', part: 3 };
    const at = (days: number) => ({ startsAt: new Date(now.getTime() + days * DAY), endsAt: new Date(now.getTime() + days * DAY + 3_600_000) });
    // Inserted in an order that a find without sort would get wrong.
    await workshops.insert(workshop('nextyear3', { series: part3, ...at(400) }));
    await workshops.insert(workshop('lastyear3', { series: part3, ...at(-330) }));
    await workshops.insert(workshop('this3', { series: part3, ...at(30) }));
    await workshops.insert(workshop('cancelled3', { series: part3, ...at(20), status: 'cancelled' }));
    expect((await workshops.findSeriesPart('wuppertal', 'werkstattreihe', 3, now))?._id).toBe('this3');
    expect((await workshops.findSeriesPart('wuppertal', 'werkstattreihe', 3, new Date(now.getTime() + 31 * DAY)))?._id).toBe('nextyear3');
    expect(await workshops.findSeriesPart('dortmund', 'werkstattreihe', 3, now)).toBeNull();
  });

  it('refuses a workshop without capacity or with a link that is no web address', async () => {
    await expect(workshops.insert(workshop('bad', { capacity: 0 }))).rejects.toBeInstanceOf(DocumentValidationError);
    await expect(workshops.insert(workshop('bad2', { onlineUrl: 'javascript:alert(1)' }))).rejects.toBeInstanceOf(DocumentValidationError);
  });

  it('keeps one registration per workshop and person', async () => {
    await workshops.insert(workshop('w1'));
    expect(await registrations.insertNew(registration('w1', 'p-1'))).not.toBeNull();
    expect(await registrations.insertNew(registration('w1', 'p-1', { status: 'waiting' }))).toBeNull();
    expect(await registrations.countByStatus('wuppertal', 'w1', 'registered')).toBe(1);
    expect(await registrations.countByStatus('wuppertal', 'w1', 'waiting')).toBe(0);
  });

  it('orders seats by time taken and the waiting list by time joined', async () => {
    await registrations.insertNew(registration('w1', 'p-b', { registeredAt: new Date(now.getTime() + 2000) }));
    await registrations.insertNew(registration('w1', 'p-a', { registeredAt: new Date(now.getTime() + 1000) }));
    await registrations.insertNew(registration('w1', 'p-w2', { status: 'waiting', registeredAt: undefined, waitingSince: new Date(now.getTime() + 5000) }));
    await registrations.insertNew(registration('w1', 'p-w1', { status: 'waiting', registeredAt: undefined, waitingSince: new Date(now.getTime() + 4000) }));
    expect((await registrations.listRegistered('wuppertal', 'w1')).map((found) => found.profileId)).toEqual(['p-a', 'p-b']);
    expect((await registrations.listWaiting('wuppertal', 'w1', 1)).map((found) => found.profileId)).toEqual(['p-w1']);
    expect((await registrations.listActive('wuppertal', 'w1')).length).toBe(4);
  });

  it('changes a registration only while it has the expected status', async () => {
    const stored = (await registrations.insertNew(registration('w1', 'p-1', { status: 'waiting' })))!;
    expect(await registrations.updateIfStatus(stored, 'waiting', { $set: { status: 'registered' } })).toMatchObject({ status: 'registered' });
    expect(await registrations.updateIfStatus(stored, 'waiting', { $set: { status: 'cancelled' } })).toBeNull();
  });

  it('claims each message once and gives a claim back', async () => {
    const stored = (await registrations.insertNew(registration('w1', 'p-1')))!;
    expect(await registrations.claimMessage(stored, '1d@x')).toBe(true);
    expect(await registrations.claimMessage(stored, '1d@x')).toBe(false);
    expect(await registrations.claimMessage(stored, '1h@x')).toBe(true);
    await registrations.releaseMessage(stored, '1d@x');
    expect(await registrations.claimMessage(stored, '1d@x')).toBe(true);
    expect((await registrations.find('wuppertal', 'w1', 'p-1'))?.sent.sort()).toEqual(['1d@x', '1h@x']);
  });

  it('keeps the reminder wish per person and deletes a person\'s registrations', async () => {
    await registrations.setPreferences('wuppertal', 'p-1', false, now);
    await registrations.setPreferences('wuppertal', 'p-1', true, now);
    expect((await registrations.findPreferences('wuppertal', 'p-1'))?.remindersOn).toBe(true);
    expect(await registrations.findPreferences('dortmund', 'p-1')).toBeNull();
    await registrations.insertNew(registration('w1', 'p-1'));
    await registrations.insertNew(registration('w2', 'p-1'));
    await registrations.insertNew(registration('w1', 'p-2'));
    expect(await registrations.deleteByProfile('wuppertal', 'p-1')).toBe(2);
    await registrations.deletePreferences('wuppertal', 'p-1');
    expect(await registrations.listByProfile('wuppertal', 'p-1')).toEqual([]);
    expect(await registrations.findPreferences('wuppertal', 'p-1')).toBeNull();
    expect((await registrations.listByProfile('wuppertal', 'p-2')).length).toBe(1);
  });
});
