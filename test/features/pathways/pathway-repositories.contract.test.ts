import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentValidationError, type DocumentStore } from '../../../src/platform/store/document-store.js';
import { PathwayAnswersRepository, PathwayRepository, PathwayRequestRepository } from '../../../src/features/pathways/domain/pathway-repository.js';
import { PathwayService } from '../../../src/features/pathways/domain/pathway-service.js';
import { pathwayAnswersDataSource, savedPathwaysDataSource } from '../../../src/features/pathways/domain/pathway-data-sources.js';
import { dortmundPathways } from '../../../src/features/pathways/demo/pathways-dortmund.js';
import { describeEachBackend } from '../../support/store-backends.js';
import { NOW, pathway } from './pathway-fixtures.js';

const subject = (profileId: string) => ({ tenantId: 'dortmund', profileId, accounts: [], conversationIds: [] });

describeEachBackend('the pathway repositories', (backend) => {
  let store: DocumentStore;
  let pathways: PathwayRepository;
  let requests: PathwayRequestRepository;
  let answers: PathwayAnswersRepository;
  let now: Date;
  let service: PathwayService;

  beforeEach(async () => {
    store = await backend.open();
    pathways = new PathwayRepository(store);
    requests = new PathwayRequestRepository(store);
    answers = new PathwayAnswersRepository(store);
    now = NOW;
    service = new PathwayService(pathways, requests, answers, () => now);
  });
  afterEach(() => store.close());

  describe('catalogue', () => {
    it('stores every Dortmund demo pathway as the schema wants it and reads it back', async () => {
      for (const { id, input } of dortmundPathways(NOW)) await service.create('dortmund', input, id);
      const all = await service.list('dortmund');
      expect(all.length).toBeGreaterThanOrEqual(15);
      expect(new Set(all.map((entry) => entry.provider)).size).toBeGreaterThanOrEqual(10);
      const electro = await service.get('dortmund', 'do-azubi-elektro');
      expect(electro).toMatchObject({ kind: 'ausbildung', status: 'active', requirements: { minDegree: 'hauptschule' }, location: { district: 'Eving', online: false } });
      expect(electro?.startsAt).toBeInstanceOf(Date);
      expect(await service.list('wuppertal')).toEqual([]);
    });

    it('refuses a pathway without title or with an unknown kind, naming the fields', async () => {
      const bad = { ...pathway('x'), title: '', kind: 'zauberei' } as unknown as Parameters<PathwayRepository['insert']>[0];
      const error = await pathways.insert(bad).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DocumentValidationError);
      expect((error as DocumentValidationError).fields).toEqual(expect.arrayContaining(['title', 'kind']));
    });

    it('searches, updates and withdraws; withdrawn pathways are not offered and not ranked', async () => {
      const { _id, tenantId, status, createdAt, updatedAt, ...input } = pathway('p1', { title: 'Lagerhelfer Hafen', fields: ['logistik'] });
      void _id; void tenantId; void status; void createdAt; void updatedAt;
      await service.create('dortmund', input, 'p1');
      await service.create('dortmund', { ...input, title: 'Küchenhilfe Hörde', fields: ['gastronomie'] }, 'p2');
      expect((await service.list('dortmund', { search: 'hafen' })).map((entry) => entry._id)).toEqual(['p1']);
      now = new Date(NOW.getTime() + 1000);
      const updated = await service.update('dortmund', 'p1', { pay: '15 € pro Stunde', startsAt: undefined });
      expect(updated).toMatchObject({ pay: '15 € pro Stunde' });
      expect(updated?.updatedAt.getTime()).toBe(now.getTime());
      expect(await service.update('dortmund', 'nope', { pay: 'x' })).toBeNull();

      await service.withdraw('dortmund', 'p1');
      expect(await service.getOffered('dortmund', 'p1')).toBeNull();
      expect((await service.rank('dortmund', { fields: ['logistik'] })).map((entry) => entry.pathway._id)).toEqual(['p2']);
      expect((await service.list('dortmund', { status: 'withdrawn' })).map((entry) => entry._id)).toEqual(['p1']);
      await service.reactivate('dortmund', 'p1');
      expect(await service.getOffered('dortmund', 'p1')).not.toBeNull();
    });
  });

  describe('"Meine Wege"', () => {
    beforeEach(async () => {
      await pathways.insert(pathway('p1'));
      await pathways.insert(pathway('p2'));
    });

    it('saves a pathway once per person, counts saves per pathway and marks withdrawn ones', async () => {
      expect((await service.save('dortmund', 'ann', 'p1')).created).toBe(true);
      expect((await service.save('dortmund', 'ann', 'p1')).created).toBe(false);
      await service.save('dortmund', 'ann', 'p2');
      await service.save('dortmund', 'bob', 'p1');
      expect(await service.savedCounts('dortmund')).toEqual({ p1: 2, p2: 1 });
      expect((await service.listRequests('dortmund', 'p1')).map((request) => request.profileId).sort()).toEqual(['ann', 'bob']);

      await service.withdraw('dortmund', 'p2');
      const saved = await service.saved('dortmund', 'ann');
      expect(saved.map((entry) => [entry.request.pathwayId, entry.offered]).sort()).toEqual([['p1', true], ['p2', false]]);
      expect(await service.unsave('dortmund', 'ann', 'p1')).toBe(true);
      expect((await service.saved('dortmund', 'ann')).map((entry) => entry.request.pathwayId)).toEqual(['p2']);
    });

    it('plans a reminder that is due once, and not for a withdrawn pathway', async () => {
      const remindAt = await service.planReminder('dortmund', 'ann', 'p1');
      expect(remindAt.getTime()).toBe(NOW.getTime() + 7 * 86_400_000);
      expect((await service.saved('dortmund', 'ann'))[0]?.request.remindAt?.getTime()).toBe(remindAt.getTime());
      now = remindAt;
      expect((await service.reminderDue('dortmund', 'ann', 'p1'))?._id).toBe('p1');
      // As the reminder job does: sent once, however often the job runs.
      const sent: string[] = [];
      const send = async (pathway: { _id: string }): Promise<void> => {
        sent.push(pathway._id);
      };
      expect(await service.sendReminderOnce('dortmund', 'ann', 'p1', send)).toBe(true);
      expect(await service.sendReminderOnce('dortmund', 'ann', 'p1', send)).toBe(false);
      expect(sent).toEqual(['p1']);
      expect(await service.reminderDue('dortmund', 'ann', 'p1')).toBeNull();

      await service.planReminder('dortmund', 'ann', 'p2');
      await service.withdraw('dortmund', 'p2');
      expect(await service.reminderDue('dortmund', 'ann', 'p2')).toBeNull();
      expect(await service.reminderDue('dortmund', 'nobody', 'p1')).toBeNull();
    });

    it('exports and erases the saved pathways of one person only', async () => {
      await service.save('dortmund', 'ann', 'p1');
      await service.save('dortmund', 'bob', 'p2');
      const source = savedPathwaysDataSource(requests, pathways);
      expect(await source.export(subject('ann'))).toEqual([expect.objectContaining({ pathwayId: 'p1', title: 'Weg p1' })]);
      await source.erase(subject('ann'));
      expect(await source.export(subject('ann'))).toBeNull();
      expect(await service.savedCounts('dortmund')).toEqual({ p2: 1 });
    });
  });

  describe('questionnaire answers', () => {
    it('stores answers and skipped questions per person, replaces them, and knows what is unanswered', async () => {
      await service.saveAnswers('dortmund', 'ann', { situation: 'school-leaver', fields: ['handwerk', 'it'], degree: 'realschule' }, ['german']);
      const stored = await service.getAnswers('dortmund', 'ann');
      expect(stored).toMatchObject({ situation: 'school-leaver', fields: ['handwerk', 'it'], degree: 'realschule', skipped: ['german'] });
      expect(service.unanswered(stored, ['situation', 'fields', 'degree', 'german', 'constraints', 'start'])).toEqual(['constraints', 'start']);

      await service.saveAnswers('dortmund', 'ann', { situation: 'experienced', constraints: [] }, []);
      const changed = await service.getAnswers('dortmund', 'ann');
      expect(changed).toMatchObject({ situation: 'experienced', constraints: [], skipped: [] });
      expect(changed?.degree).toBeUndefined();
      expect(changed?.fields).toBeUndefined();
      expect(await service.getAnswers('dortmund', 'bob')).toBeNull();
    });

    it('refuses an unknown degree', async () => {
      await expect(service.saveAnswers('dortmund', 'ann', { degree: 'doktor' as never }, [])).rejects.toBeInstanceOf(DocumentValidationError);
    });

    it('exports and erases the answers', async () => {
      await service.saveAnswers('dortmund', 'ann', { german: 'B1' }, ['start']);
      const source = pathwayAnswersDataSource(answers);
      expect(await source.export(subject('ann'))).toMatchObject({ german: 'B1', skipped: ['start'] });
      await source.erase(subject('ann'));
      expect(await source.export(subject('ann'))).toBeNull();
      expect(await source.export({ ...subject('x'), profileId: null })).toBeNull();
    });
  });
});
