import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentStore } from '../../../src/platform/store/document-store.js';
import { HandoffRepository } from '../../../src/features/handoffs/domain/handoff-repository.js';
import { HANDOFF_MESSAGES_MAX, HANDOFF_OPEN_MAX, HANDOFF_PERSON_TEXT_MAX, HandoffError, HandoffService, type NewHandoff } from '../../../src/features/handoffs/domain/handoff-service.js';
import type { HandoffRequest } from '../../../src/features/handoffs/domain/handoff.js';
import { profileIdFor } from '../../../src/foundation/profiles/profile-repository.js';
import { describeEachBackend } from '../../support/store-backends.js';
import { startTestApp, type TestApp, type WebChatVisit } from '../../support/test-app.js';
import { buttonsOf, choose, textOf } from '../../support/chat-helpers.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const input = (fields: Partial<NewHandoff> = {}): NewHandoff => ({
  tenantId: 'dortmund',
  profileId: 'ann',
  topic: 'other',
  message: 'Eine Frage.',
  consentToShare: true,
  channel: 'telegram',
  language: 'de',
  ...fields,
});

describeEachBackend('limits of handoff requests', (backend) => {
  let store: DocumentStore;
  let service: HandoffService;
  let created: HandoffRequest[];

  beforeEach(async () => {
    store = await backend.open();
    created = [];
    service = new HandoffService(new HandoffRepository(store), () => T0, async () => 'sent', (request) => void created.push(request));
  });
  afterEach(() => store.close());

  it('lets one person have only a few waiting requests, and tells who is waiting for staff', async () => {
    for (let n = 0; n < HANDOFF_OPEN_MAX; n++) await service.create(input());
    await expect(service.create(input())).rejects.toMatchObject({ code: 'too-many-open' });
    expect(await service.create(input({ profileId: 'bob' }))).toMatchObject({ profileId: 'bob' });
    expect(created).toHaveLength(HANDOFF_OPEN_MAX + 1);
    // Once staff close one, a new one may be made.
    await service.close('dortmund', created[0]!._id, 'staff-1');
    expect(await service.openForProfile('dortmund', 'ann')).toHaveLength(HANDOFF_OPEN_MAX - 1);
    await service.create(input());
  });

  it('refuses a person’s message that is too long or comes into a full thread', async () => {
    const request = await service.create(input());
    await expect(service.addPersonMessage('dortmund', 'ann', request._id, 'x'.repeat(HANDOFF_PERSON_TEXT_MAX + 1))).rejects.toBeInstanceOf(HandoffError);
    for (let n = 1; n < HANDOFF_MESSAGES_MAX; n++) await service.addPersonMessage('dortmund', 'ann', request._id, `Nachricht ${n}`);
    await expect(service.addPersonMessage('dortmund', 'ann', request._id, 'Noch eine')).rejects.toMatchObject({ code: 'thread-full' });
    expect((await service.get('dortmund', request._id))?.messages).toHaveLength(HANDOFF_MESSAGES_MAX);
  });

  it('creates the request even when alerting staff fails', async () => {
    const failing = new HandoffService(new HandoffRepository(store), () => T0, async () => 'sent', () => Promise.reject(new Error('smtp down')));
    expect(await failing.create(input())).toMatchObject({ status: 'open' });
  });
});

describe('a second concern while a request is waiting (web chat)', () => {
  let app: TestApp;
  let visit: WebChatVisit;
  beforeEach(async () => {
    app = await startTestApp();
    visit = await app.openWebChat();
    await choose(visit, 'Deutsch');
    await choose(visit, 'Einverstanden');
  });
  afterEach(async () => {
    visit.client.end();
    await app.stop();
  });

  it('offers to add it to the waiting request, or to start a new topic', async () => {
    const service = app.app.features.handoffs.service;
    const profileId = profileIdFor({ tenantId: 'wuppertal', channel: 'webchat', accountId: visit.client.userId });
    await visit.client.send('/human');
    await choose(visit, 'Ehrenamt');
    await visit.client.waitForBotReply((activity) => /in ein, zwei Sätzen/.test(textOf(activity)));
    await visit.client.send('Ich möchte Lesepate werden.');
    await choose(visit, 'Ja, weitergeben');
    await visit.client.waitForBotReply((activity) => /^Danke! Deine Anfrage/.test(textOf(activity)));

    await visit.client.send('/human');
    await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Etwas anderes'));
    await visit.client.send('Gilt das auch für Schulen in Elberfeld?');
    const offer = await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Zur Anfrage dazuschreiben'));
    expect(textOf(offer)).toMatch(/^Du hast schon eine Anfrage zum Thema „Ehrenamt“ vom 2?\d\. \w+ 20\d\d \(wartet auf eine Antwort\)/);
    expect(buttonsOf(offer)).toEqual(['Zur Anfrage dazuschreiben', 'Neues Thema', 'Abbrechen']);
    await visit.pressButton('Zur Anfrage dazuschreiben');
    await visit.client.waitForBotReply((activity) => /^Danke, ich habe es zu deiner Anfrage „Ehrenamt“ dazugeschrieben/.test(textOf(activity)));
    const [only, ...none] = await service.listForProfile('wuppertal', profileId);
    expect(none).toEqual([]);
    expect(only?.messages.map((message) => message.text)).toEqual(['Ich möchte Lesepate werden.', 'Gilt das auch für Schulen in Elberfeld?']);

    await visit.client.send('/human');
    await choose(visit, 'Meine Daten');
    await choose(visit, 'Überspringen');
    await choose(visit, 'Neues Thema');
    await choose(visit, 'Nein, nur das Thema');
    await visit.client.waitForBotReply((activity) => /^In Ordnung, ich gebe nur das Thema „Meine Daten“ weiter/.test(textOf(activity)));
    expect((await service.listForProfile('wuppertal', profileId)).map((request) => request.topic)).toEqual(['privacy', 'volunteering']);
  });
});
