import { beforeEach, expect, it } from 'vitest';
import { DuplicateKeyError, DocumentValidationError, type DocumentStore } from '../../../src/platform/store/document-store.js';
import { OpportunityRepository, registrationIdFor } from '../../../src/features/volunteering/domain/opportunities/opportunity-repository.js';
import { opportunity } from './fixtures.js';
import { StaffNoticeService, type StaffNoticeMail } from '../../../src/staff/notices/staff-notices.js';
import { VolunteerProfileRepository } from '../../../src/features/volunteering/domain/volunteers/volunteer-profile-repository.js';
import { describeEachBackend } from '../../support/store-backends.js';

const now = new Date('2026-05-04T10:00:00Z');
const TENANT = 'wuppertal';

describeEachBackend('volunteer profiles', (backend) => {
  let store: DocumentStore;
  let repository: VolunteerProfileRepository;

  beforeEach(async () => {
    store = await backend.open();
    repository = new VolunteerProfileRepository(store);
  });

  it('keeps a draft answer by answer and knows which questions were answered', async () => {
    await repository.saveAnswer(TENANT, 'p-1', 'name', { firstName: 'Ayşe' }, now);
    await repository.saveAnswer(TENANT, 'p-1', 'interests', { interests: ['environment', 'sport'] }, now);
    const draft = await repository.find(TENANT, 'p-1');
    expect(draft).toMatchObject({ status: 'draft', firstName: 'Ayşe', interests: ['environment', 'sport'], answered: ['name', 'interests'] });
    expect(await repository.find('dortmund', 'p-1')).toBeNull();
  });

  it('removes an answer that is skipped later, and answers a question twice only once', async () => {
    await repository.saveAnswer(TENANT, 'p-1', 'name', { firstName: 'Ayşe' }, now);
    const skipped = await repository.saveAnswer(TENANT, 'p-1', 'name', { firstName: undefined }, now);
    expect(skipped.firstName).toBeUndefined();
    expect(skipped.answered).toEqual(['name']);
  });

  it('starts over on request and completes', async () => {
    await repository.saveAnswer(TENANT, 'p-1', 'district', { city: 'Wuppertal', district: 'Barmen' }, now);
    await repository.restart(TENANT, 'p-1', now);
    expect(await repository.find(TENANT, 'p-1')).toMatchObject({ answered: [], interests: [] });
    expect((await repository.find(TENANT, 'p-1'))?.district).toBeUndefined();
    await repository.saveAnswer(TENANT, 'p-1', 'interests', { interests: ['kids'] }, now);
    expect((await repository.complete(TENANT, 'p-1', now))?.status).toBe('complete');
  });

  it('rejects an interest that does not exist', async () => {
    await expect(repository.saveAnswer(TENANT, 'p-1', 'interests', { interests: ['gambling' as never] }, now)).rejects.toBeInstanceOf(DocumentValidationError);
  });

  it('lists complete profiles by interest and district for audiences', async () => {
    await repository.saveAnswer(TENANT, 'p-1', 'interests', { interests: ['environment'] }, now);
    await repository.saveAnswer(TENANT, 'p-1', 'district', { district: 'Barmen' }, now);
    await repository.complete(TENANT, 'p-1', now);
    await repository.saveAnswer(TENANT, 'p-2', 'interests', { interests: ['sport'] }, now);
    await repository.complete(TENANT, 'p-2', now);
    await repository.saveAnswer(TENANT, 'p-3', 'interests', { interests: ['environment'] }, now); // draft only
    expect((await repository.listComplete(TENANT, { interests: ['environment'] })).map((profile) => profile.profileId)).toEqual(['p-1']);
    expect((await repository.listComplete(TENANT, { districts: ['Barmen'] })).map((profile) => profile.profileId)).toEqual(['p-1']);
    expect((await repository.listComplete(TENANT)).map((profile) => profile.profileId).sort()).toEqual(['p-1', 'p-2']);
    expect(await repository.delete(TENANT, 'p-1')).toBe(true);
  });
});

describeEachBackend('opportunities and registrations', (backend) => {
  let store: DocumentStore;
  let repository: OpportunityRepository;

  beforeEach(async () => {
    store = await backend.open();
    repository = new OpportunityRepository(store);
  });

  it('stores opportunities and lists open ones of the tenant only', async () => {
    await repository.insert(opportunity('o1'));
    await repository.insert(opportunity('o2', { status: 'withdrawn' }));
    await repository.insert(opportunity('o3', { tenantId: 'dortmund' }));
    expect((await repository.listOpen(TENANT)).map((item) => item._id)).toEqual(['o1']);
    expect(await repository.count(TENANT)).toBe(2);
    expect((await repository.findById(TENANT, 'o1'))?.contact.email).toBe('team@example.org');
  });

  it('holds one registration per opportunity and person (a second insert is a DuplicateKeyError)', async () => {
    await repository.insert(opportunity('o1'));
    const id = registrationIdFor(TENANT, 'o1', 'p-1');
    const registration = { _id: id, tenantId: TENANT, opportunityId: 'o1', profileId: 'p-1', status: 'registered' as const, registeredAt: now };
    await repository.insertRegistration(registration);
    await expect(repository.insertRegistration(registration)).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(repository.insertRegistration({ ...registration, _id: 'other-id' })).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await repository.countRegistered(TENANT, 'o1')).toBe(1);
    expect((await repository.takenPlaces(TENANT, ['o1', 'o2'])).get('o1')).toBe(1);
  });

  it('withdraws, keeps feedback and erases a person\'s registrations', async () => {
    await repository.insert(opportunity('o1'));
    const id = registrationIdFor(TENANT, 'o1', 'p-1');
    await repository.insertRegistration({ _id: id, tenantId: TENANT, opportunityId: 'o1', profileId: 'p-1', status: 'registered', registeredAt: now });
    const rated = await repository.updateRegistration(TENANT, id, { $set: { feedback: { rating: 4, at: now } } }, { profileId: 'p-1' });
    expect(rated?.feedback?.rating).toBe(4);
    expect(await repository.updateRegistration(TENANT, id, { $set: { status: 'withdrawn' } }, { profileId: 'someone-else' })).toBeNull();
    await expect(repository.updateRegistration(TENANT, id, { $set: { feedback: { rating: 9, at: now } } })).rejects.toBeInstanceOf(DocumentValidationError);
    await repository.updateRegistration(TENANT, id, { $set: { status: 'withdrawn', withdrawnAt: now } });
    expect(await repository.countRegistered(TENANT, 'o1')).toBe(0);
    expect(await repository.deleteRegistrationsOfProfile(TENANT, 'p-1')).toBe(1);
    expect(await repository.registrationsOfProfile(TENANT, 'p-1')).toEqual([]);
  });
});

describeEachBackend('staff notices', (backend) => {
  it('stores notices for the console and e-mails only when a mailer is configured', async () => {
    const store = await backend.open();
    const sent: Array<{ to: string; subject: string }> = [];
    const queued: StaffNoticeMail[] = [];
    const withMail = new StaffNoticeService(store, { send: async (mail) => void sent.push(mail) }, () => now, async (mail) => void queued.push(mail));
    const withoutMail = new StaffNoticeService(store, null, () => now);
    const mailed = await withMail.record(TENANT, { kind: 'registration', profileId: 'p-1', subject: 'Neue Anmeldung', emailTo: 'zentrum@example.org', emailText: 'Text' });
    await withoutMail.record(TENANT, { kind: 'brokeringRequest', profileId: 'p-2', subject: 'Kontaktanfrage', emailTo: 'zentrum@example.org' });
    expect(mailed.emailedTo).toBe('zentrum@example.org');
    // Recording only plans the e-mail; the job sends it, once however often it runs.
    expect(sent).toEqual([]);
    expect(queued).toHaveLength(1);
    await withMail.sendMail(queued[0]!);
    await withMail.sendMail(queued[0]!);
    expect(sent).toEqual([{ to: 'zentrum@example.org', subject: 'Neue Anmeldung', text: 'Text' }]);
    expect((await withMail.get(TENANT, mailed._id))?.emailedAt).toEqual(now);
    expect((await withMail.list(TENANT)).map((notice) => notice.subject).sort()).toEqual(['Kontaktanfrage', 'Neue Anmeldung']);
    expect(await withMail.markRead(TENANT, mailed._id)).toBe(true);
    expect((await withMail.list(TENANT, { unreadOnly: true })).map((notice) => notice.subject)).toEqual(['Kontaktanfrage']);
    expect(await withMail.deleteOfProfile(TENANT, 'p-1')).toBe(1);
  });

  it('keeps the notice when the mail server fails, and fails the mail job so that it is retried', async () => {
    const store = await backend.open();
    const queued: StaffNoticeMail[] = [];
    const notices = new StaffNoticeService(store, { send: async () => Promise.reject(new Error('connection refused')) }, () => now, async (mail) => void queued.push(mail));
    const notice = await notices.record(TENANT, { kind: 'registration', subject: 'Neue Anmeldung', emailTo: 'zentrum@example.org' });
    await expect(notices.sendMail(queued[0]!)).rejects.toThrow('connection refused');
    expect((await notices.get(TENANT, notice._id))?.emailedAt).toBeUndefined();
    expect(await notices.list(TENANT)).toHaveLength(1);
  });
});
