import { describe, expect, it } from 'vitest';
import { PathwayAnswersRepository } from '../../../src/features/pathways/domain/pathway-repository.js';
import { profileIdFor } from '../../../src/foundation/profiles/profile-repository.js';
import { type TestApp, type WebChatVisit } from '../../support/test-app.js';
import { answer, buttonsOf, chatCursor, choose, DORTMUND_ENV, textOf, textsUntilButton, webChatSessions } from '../../support/chat-helpers.js';

describe('employment pathways in the web chat (Dortmund)', () => {
  const sessions = webChatSessions();
  let now = new Date('2026-03-02T09:00:00Z');

  async function open(language: 'Deutsch' | 'English'): Promise<{ app: TestApp; visit: WebChatVisit }> {
    now = new Date('2026-03-02T09:00:00Z');
    const app = await sessions.start({ env: DORTMUND_ENV, overrides: { clock: () => now } });
    const visit = await sessions.open(app);
    await choose(visit, language);
    await choose(visit, language === 'English' ? 'I agree' : 'Einverstanden');
    await choose(visit, language === 'English' ? 'Pathways into work' : 'Wege in Arbeit');
    return { app, visit };
  }

  /** The texts from the results' introduction on (the last question may still be among them). */
  function resultsOf(texts: string[], intro: string): string[] {
    expect(texts).toContain(intro);
    return texts.slice(texts.indexOf(intro));
  }

  const service = (app: TestApp) => app.app.features.pathways.service;
  const profileOf = (visit: WebChatVisit) => profileIdFor({ tenantId: 'dortmund', channel: 'webchat', accountId: visit.client.userId });

  it('gives a school leaver three apprenticeships with next steps, saves one, reminds later and marks it once withdrawn', async () => {
    const { app, visit } = await open('Deutsch');
    await visit.client.waitForBotReply((activity) => /bis zu sechs kurze Fragen/.test(textOf(activity)));
    await choose(visit, 'Ich komme (bald) von der Schule');
    await choose(visit, 'Handwerk & Bau');
    await choose(visit, 'Technik & Industrie');
    await choose(visit, 'Fertig');
    await answer(visit, 'Abitur', 'HSA');
    await choose(visit, 'Muttersprache');
    await choose(visit, 'Keine davon');
    const before = visit.client.activities.length;
    await answer(visit, 'Sofort', 'nächsten Sommer');
    const texts = resultsOf(await textsUntilButton(visit, before, 'Details zu 1'), 'Danke! Das sind die Wege, die am besten zu dir passen:');

    const cards = texts.filter((text) => /^\d\. /.test(text));
    expect(cards).toHaveLength(3);
    for (const card of cards) expect(card).toMatch(/→ Nächster Schritt: .{20,}/);
    expect(cards.join('\n')).toMatch(/Elektroniker\/in für Energie- und Gebäudetechnik/);
    expect(cards.join('\n')).toMatch(/Kfz-Mechatroniker/);
    expect(cards.join('\n')).toMatch(/✓ Passt, weil er für dich gedacht ist \(Schulabgänger\/in\), er zu deinem Interesse passt \(Handwerk & Bau, Technik & Industrie\)/);
    expect(await new PathwayAnswersRepository(app.app.store).find('dortmund', profileOf(visit))).toMatchObject({
      situation: 'school-leaver',
      fields: ['handwerk', 'technik'],
      degree: 'hauptschule',
      german: 'native',
      constraints: [],
      start: 'later',
    });

    // Details, save, remind.
    const titleOfFirst = cards[0]!.split('\n')[0]!.replace(/^1\. /, '');
    await visit.pressButton('Details zu 1');
    const details = await visit.client.waitForBotReply((activity) => textOf(activity).startsWith(titleOfFirst));
    expect(textOf(details)).toMatch(/Voraussetzungen: .*\nTeilzeit: |Nächster Schritt: /s);
    await choose(visit, 'Speichern');
    await visit.client.waitForBotReply((activity) => /^Gespeichert!/.test(textOf(activity)));
    await choose(visit, 'Erinnere mich');
    await visit.client.waitForBotReply((activity) => /ich erinnere dich am 9\. März 2026/.test(textOf(activity)));
    await choose(visit, 'Zurück');
    await choose(visit, 'Fertig');
    await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Wege in Arbeit'));

    // A week later the person comes back: the reminder waits in the conversation.
    visit.client.end();
    now = new Date(now.getTime() + 8 * 86_400_000);
    await app.app.scheduler.runDue();
    // A second run sends nothing more.
    await app.app.scheduler.runDue();
    const resumed = await app.resumeWebChat(visit);
    try {
      const chat = chatCursor(resumed);
      const reminder = await chat.waitText(/^Erinnerung: Du wolltest dir/);
      expect(textOf(reminder)).toContain(titleOfFirst);
      expect(buttonsOf(reminder)).toEqual(['Ansehen']);
      await chat.pressOn(reminder, 'Ansehen');
      await chat.waitFor((activity) => textOf(activity).startsWith(titleOfFirst));
      await chat.choose('Zurück');

      // Back in the journey: the answers are known and not asked again; the saved pathway is withdrawn meanwhile.
      const savedId = (await service(app).saved('dortmund', profileOf(visit)))[0]!.request.pathwayId;
      await service(app).withdraw('dortmund', savedId);
      await chat.choose('Wege in Arbeit');
      const known = await chat.waitText(/^Das weiß ich schon von dir/);
      expect(textOf(known)).toMatch(/Schulabschluss: Hauptschulabschluss/);
      await chat.choose('Meine Wege (1)');
      const mine = await chat.waitText(/^Deine gespeicherten Wege/);
      expect(textOf(mine)).toContain(`1. ${titleOfFirst} – wird nicht mehr angeboten`);
      expect(resumed.activities.filter((activity) => /^Erinnerung:/.test(textOf(activity)))).toHaveLength(1);

      // The withdrawn pathway is no longer among the results, and no question is asked again.
      await chat.choose('Zurück');
      await chat.choose('Passende Wege');
      const results = await chat.textsUntilButton('Details zu 1');
      expect(results.join('\n')).toMatch(/^1\. /m);
      expect(results.join('\n')).not.toContain(titleOfFirst);
      expect(results.join('\n')).not.toMatch(/Welchen Schulabschluss/);
    } finally {
      resumed.end();
    }
  });

  it('understands an experienced worker who types everything in English', async () => {
    const { visit } = await open('English');
    await answer(visit, 'I have work experience', 'I have worked in a warehouse for ten years');
    await answer(visit, 'Warehouse & logistics', 'warehouse and logistics');
    await answer(visit, 'Done', 'done');
    await answer(visit, 'Abitur', 'Hauptschule');
    await answer(visit, 'Native speaker', 'my German is B1');
    await answer(visit, 'No car / limited mobility', 'I have no car');
    await answer(visit, 'Done', 'done');
    const before = visit.client.activities.length;
    await answer(visit, 'Right away', 'right away');
    const texts = resultsOf(await textsUntilButton(visit, before, 'Details on 1'), 'Thank you! These pathways fit you best:');
    const cards = texts.filter((text) => /^\d\. /.test(text));
    expect(cards).toHaveLength(3);
    // The demo pathways come with English texts: the person reads them, not the German ones.
    expect(cards[0]).toMatch(/^1\. Warehouse helper \(order picking\)/);
    expect(cards[0]).toMatch(/✓ Fits because it is meant for you \(with work experience\), it matches your interest \(Warehouse & logistics\)/);
    expect(cards.join('\n')).toMatch(/Retraining as a warehouse logistics specialist/);
    for (const card of cards) expect(card).toMatch(/→ Next step: .{20,}/);
    const more = visit.client.activities.length;
    await visit.pressButton('More pathways');
    const next = await textsUntilButton(visit, more, 'Details on 4');
    expect(next).toContain('More pathways:');
    expect(next.filter((text) => /^[4-6]\. /.test(text))).toHaveLength(3);
  });

  it('asks again with the options when a typed answer is not understood, and takes a skip', async () => {
    const { visit } = await open('Deutsch');
    await answer(visit, 'Ich habe Berufserfahrung', 'Banane');
    const retry = await visit.client.waitForBotReply((activity) => /^Das habe ich nicht verstanden/.test(textOf(activity)));
    expect(buttonsOf(retry)).toContain('Überspringen');
    await visit.client.send('überspringen');
    await visit.client.waitForBotReply((activity) => /Welche Bereiche interessieren dich/.test(textOf(activity)));
  });
});
