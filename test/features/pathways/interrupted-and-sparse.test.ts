import { describe, expect, it } from 'vitest';
import { PathwayAnswersRepository } from '../../../src/features/pathways/domain/pathway-repository.js';
import { profileIdFor } from '../../../src/foundation/profiles/profile-repository.js';
import { type TestApp, type WebChatVisit } from '../../support/test-app.js';
import { answer, buttonsOf, choose, textOf, webChatSessions } from '../../support/chat-helpers.js';

describe('the pathways journey in the web chat, when the person leaves early or a pathway is sparse', () => {
  const sessions = webChatSessions();

  async function open(): Promise<{ app: TestApp; visit: WebChatVisit }> {
    const app = await sessions.start();
    const visit = await sessions.open(app);
    await choose(visit, 'Deutsch');
    await choose(visit, 'Einverstanden');
    return { app, visit };
  }

  it('keeps the answers given so far when the person asks for a person in the middle of the questions', async () => {
    const { app, visit } = await open();
    await choose(visit, 'Wege in Arbeit');
    await choose(visit, 'Ich habe Berufserfahrung');
    await choose(visit, 'Lager & Logistik');
    await choose(visit, 'Fertig');
    await answer(visit, 'Abitur', 'Mittlere Reife');
    await visit.client.waitForBotReply((activity) => /Wie gut sprichst du Deutsch/.test(textOf(activity)));
    await visit.client.send('/human');

    // The counsellor may see what was answered before the person left the questions.
    await choose(visit, 'Arbeit & Ausbildung');
    await choose(visit, 'Überspringen');
    const consent = await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Ja, weitergeben'));
    expect(textOf(consent)).toMatch(/Lage: .*Berufserfahrung; Interessen: Lager & Logistik; Schulabschluss: Realschulabschluss \/ MSA/);
    await visit.pressButton('Nein, nur das Thema');

    const profileId = profileIdFor({ tenantId: 'wuppertal', channel: 'webchat', accountId: visit.client.userId });
    expect(await new PathwayAnswersRepository(app.app.store).find('wuppertal', profileId)).toMatchObject({ situation: 'experienced', fields: ['logistik'], degree: 'realschule' });

    // Back in the journey, only the questions not answered yet are asked.
    await choose(visit, 'Wege in Arbeit');
    await choose(visit, 'Passende Wege');
    const next = await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Überspringen'));
    expect(textOf(next)).toMatch(/Wie gut sprichst du Deutsch/);
  });

  it('shows a pathway that staff saved without requirements and without a contact', async () => {
    const { app, visit } = await open();
    const service = app.app.features.pathways.service;
    const created = await service.create('wuppertal', {
      title: 'Helfer/in in der Stadtgärtnerei',
      provider: 'Stadt Wuppertal',
      kind: 'helferjob',
      summary: 'Pflanzen, gießen, Wege pflegen.',
      fields: [],
      situations: [],
      requirements: {},
      duration: 'unbefristet',
      pay: '14 € pro Stunde',
      partTimePossible: true,
      childcareFriendly: false,
      location: { online: false },
      nextStep: 'Einfach vorbeikommen, Montag 9 Uhr.',
      contact: {},
    });
    expect((await service.get('wuppertal', created._id))?.contact).toEqual({});

    await choose(visit, 'Wege in Arbeit');
    await choose(visit, 'Ich habe Berufserfahrung');
    for (let question = 0; question < 5; question++) await choose(visit, 'Überspringen');
    await choose(visit, 'Details zu 1');
    const details = await visit.client.waitForBotReply((activity) => textOf(activity).startsWith('Helfer/in in der Stadtgärtnerei'));
    expect(textOf(details)).toContain('Einfach vorbeikommen, Montag 9 Uhr.');
    expect(textOf(details)).not.toMatch(/Kontakt/);
    expect(buttonsOf(await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Speichern')))).toContain('Erinnere mich');
  });
});
