import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentValidationError, type DocumentStore } from '../../../src/platform/store/document-store.js';
import { HandoffRepository } from '../../../src/features/handoffs/domain/handoff-repository.js';
import { HandoffError, HandoffService, type NewHandoff } from '../../../src/features/handoffs/domain/handoff-service.js';
import type { HandoffMessage, HandoffRequest } from '../../../src/features/handoffs/domain/handoff.js';
import { handoffDataSource } from '../../../src/features/handoffs/domain/handoff-data-source.js';
import { describeEachBackend } from '../../support/store-backends.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const staff = { id: 'staff-1', name: 'Frau Yilmaz' };

const request = (fields: Partial<NewHandoff> = {}): NewHandoff => ({
  tenantId: 'dortmund',
  profileId: 'ann',
  topic: 'pathways',
  message: 'Ich suche eine Ausbildung im Handwerk.',
  consentToShare: true,
  sharedAnswers: { questionnaire: { situation: 'school-leaver', fields: ['handwerk'], degree: 'hauptschule' }, savedPathways: [{ id: 'p1', title: 'Elektro', offered: true }] },
  channel: 'webchat',
  language: 'de',
  ...fields,
});

describeEachBackend('handoff requests', (backend) => {
  let store: DocumentStore;
  let repository: HandoffRepository;
  let service: HandoffService;
  let now: Date;
  let delivered: Array<{ request: HandoffRequest; message: HandoffMessage }>;
  let reachable: boolean;

  beforeEach(async () => {
    store = await backend.open();
    repository = new HandoffRepository(store);
    now = T0;
    delivered = [];
    reachable = true;
    service = new HandoffService(repository, () => now, async (req, message) => {
      delivered.push({ request: req, message });
      return reachable ? 'sent' : 'unreachable';
    });
  });
  afterEach(() => store.close());

  const later = (minutes: number): Date => (now = new Date(T0.getTime() + minutes * 60_000));

  it('stores a request with its topic, message, shared answers, channel and language, visible to staff', async () => {
    const created = await service.create(request());
    const found = await repository.findById('dortmund', created._id);
    expect(found).toMatchObject({
      topic: 'pathways',
      status: 'open',
      consentToShare: true,
      channel: 'webchat',
      language: 'de',
      messages: [{ from: 'person', text: 'Ich suche eine Ausbildung im Handwerk.' }],
      sharedAnswers: { questionnaire: { situation: 'school-leaver', fields: ['handwerk'] }, savedPathways: [{ id: 'p1', offered: true }] },
    });
    expect((await service.listOpen('dortmund')).map((entry) => entry._id)).toEqual([created._id]);
    expect(await service.listOpen('wuppertal')).toEqual([]);
  });

  it('keeps only the topic when the person did not agree to sharing', async () => {
    const created = await service.create(request({ consentToShare: false, topic: 'other', topicText: 'Mietschulden' }));
    expect(created.messages).toEqual([]);
    expect(created.sharedAnswers).toBeUndefined();
    expect(created.topicText).toBeUndefined();
    expect(created.topic).toBe('other');
  });

  it('lists open requests oldest first, lets one staff member claim, refuses another, and closes', async () => {
    const first = await service.create(request());
    later(5);
    const second = await service.create(request({ profileId: 'bob', topic: 'volunteering' }));
    expect((await service.listOpen('dortmund')).map((entry) => entry._id)).toEqual([first._id, second._id]);

    const claimed = await service.claim('dortmund', first._id, 'staff-1');
    expect(claimed).toMatchObject({ status: 'claimed', claimedBy: 'staff-1' });
    expect((await service.claim('dortmund', first._id, 'staff-1')).claimedBy).toBe('staff-1');
    await expect(service.claim('dortmund', first._id, 'staff-2')).rejects.toMatchObject({ code: 'claimed-by-other' });
    await expect(service.claim('dortmund', 'ho-missing', 'staff-1')).rejects.toBeInstanceOf(HandoffError);
    expect((await service.listOpen('dortmund', { includeClaimed: false })).map((entry) => entry._id)).toEqual([second._id]);

    const closed = await service.close('dortmund', first._id, 'staff-1');
    expect(closed.status).toBe('closed');
    expect((await service.listOpen('dortmund')).map((entry) => entry._id)).toEqual([second._id]);
    expect((await service.list('dortmund', ['closed'])).map((entry) => entry._id)).toEqual([first._id]);
  });

  it('appends a staff reply to the thread, delivers it, and takes the person’s answer back into the thread', async () => {
    const created = await service.create(request());
    later(60);
    const { request: replied, delivery } = await service.reply('dortmund', created._id, staff, '  Hallo! Wann passt dir ein Anruf?  ');
    expect(delivery).toBe('sent');
    expect(replied.status).toBe('claimed');
    expect(replied.claimedBy).toBe('staff-1');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.message).toMatchObject({ from: 'staff', text: 'Hallo! Wann passt dir ein Anruf?', staffName: 'Frau Yilmaz' });

    later(90);
    const answered = await service.addPersonMessage('dortmund', 'ann', created._id, 'Morgen ab 10 Uhr.');
    expect(answered.messages.map((message) => [message.from, message.text])).toEqual([
      ['person', 'Ich suche eine Ausbildung im Handwerk.'],
      ['staff', 'Hallo! Wann passt dir ein Anruf?'],
      ['person', 'Morgen ab 10 Uhr.'],
    ]);
    await expect(service.addPersonMessage('dortmund', 'bob', created._id, 'fremd')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('reopens a closed request when the person answers, and says when the person is unreachable', async () => {
    const created = await service.create(request());
    await service.claim('dortmund', created._id, 'staff-1');
    await service.close('dortmund', created._id, 'staff-1');
    const reopened = await service.addPersonMessage('dortmund', 'ann', created._id, 'Noch eine Frage.');
    expect(reopened.status).toBe('claimed');
    expect(reopened.closedAt).toBeUndefined();
    reachable = false;
    expect((await service.reply('dortmund', created._id, staff, 'Gern!')).delivery).toBe('unreachable');
  });

  it('refuses empty and endless texts before storing anything', async () => {
    const created = await service.create(request());
    await expect(service.reply('dortmund', created._id, staff, '   ')).rejects.toMatchObject({ code: 'empty-text' });
    await expect(service.reply('dortmund', created._id, staff, 'x'.repeat(5000))).rejects.toMatchObject({ code: 'text-too-long' });
    await expect(service.reply('dortmund', 'ho-missing', staff, 'Hallo')).rejects.toMatchObject({ code: 'not-found' });
    expect((await service.get('dortmund', created._id))?.messages).toHaveLength(1);
    expect(delivered).toEqual([]);
  });

  it('validates the stored document through its schema', async () => {
    await expect(service.create(request({ topic: 'astrology' as never }))).rejects.toBeInstanceOf(DocumentValidationError);
  });

  describe('export and erasure', () => {
    it('exports the threads of one person and erases only theirs', async () => {
      await service.create(request());
      await service.create(request({ profileId: 'bob' }));
      const source = handoffDataSource(repository);
      const subject = { tenantId: 'dortmund', profileId: 'ann', accounts: [], conversationIds: [] };
      expect(await source.export(subject)).toEqual([expect.objectContaining({ topic: 'pathways', messages: [expect.objectContaining({ text: 'Ich suche eine Ausbildung im Handwerk.' })] })]);
      await source.erase(subject);
      expect(await source.export(subject)).toBeNull();
      expect(await service.listOpen('dortmund')).toHaveLength(1);
    });
  });
});
