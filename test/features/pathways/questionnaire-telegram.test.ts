import { paragraphsOf } from '../../support/telegram-api.js';
import { describe, expect, it } from 'vitest';
import { PathwayAnswersRepository } from '../../../src/features/pathways/domain/pathway-repository.js';
import { profileIdFor } from '../../../src/foundation/profiles/profile-repository.js';
import { TEST_USER } from '../../support/telegram-updates.js';
import { DORTMUND_ENV, telegramTestApp } from '../../support/chat-helpers.js';

describe('employment pathways on Telegram (Dortmund)', () => {
  const running = telegramTestApp({ env: DORTMUND_ENV });

  const cardsIn = (texts: string[]) => texts.filter((text) => /^\d\. /.test(text));

  it('gives an experienced worker who types free text three sensible pathways with next steps', async () => {
    await running.chat.say('/start');
    await running.chat.press('Deutsch');
    await running.chat.press('Einverstanden');
    const intro = await running.chat.press('Wege in Arbeit');
    expect(running.chat.texts(intro).join('\n')).toMatch(/bis zu sechs kurze Fragen/);
    expect(running.chat.lastKeyboard()).toEqual(['Ich komme (bald) von der Schule', 'Ich habe Berufserfahrung', 'Wiedereinstieg nach einer Pause', 'Ich will mich beruflich neu orientieren', 'Überspringen']);

    await running.chat.say('Ich habe 10 Jahre im Lager gearbeitet');
    const fields = await running.chat.say('Lager und Versand');
    expect(running.chat.texts(fields)).toEqual(['Notiert: Lager & Logistik. Noch ein Bereich? Sonst tippe auf „Fertig“.']);
    await running.chat.say('fertig');
    await running.chat.say('Mittlere Reife');
    await running.chat.say('B1');
    await running.chat.say('Ich habe kein Auto');
    await running.chat.press('Fertig');
    const results = await running.chat.say('sofort');
    const texts = paragraphsOf(results);
    expect(texts).toContain('Danke! Das sind die Wege, die am besten zu dir passen:');
    const cards = cardsIn(texts);
    expect(cards).toHaveLength(3);
    expect(cards[0]).toMatch(/^1\. Helfer\/in im Lager \(Kommissionierung\)\n/);
    expect(cards.join('\n')).toMatch(/Umschulung Fachkraft für Lagerlogistik/);
    for (const card of cards) expect(card).toMatch(/→ Nächster Schritt: .{20,}/);
    expect(running.chat.lastKeyboard()).toEqual(['Details zu 1', 'Details zu 2', 'Details zu 3', 'Mehr Wege', 'Beratung anfragen', 'Fertig']);

    const profileId = profileIdFor({ tenantId: 'dortmund', channel: 'telegram', accountId: String(TEST_USER.id) });
    expect(await new PathwayAnswersRepository(running.harness.app.store).find('dortmund', profileId)).toMatchObject({
      situation: 'experienced',
      fields: ['logistik'],
      degree: 'realschule',
      german: 'B1',
      constraints: ['mobility'],
      start: 'now',
    });

    const details = await running.chat.press('Details zu 2');
    expect(running.chat.texts(details)[0]).toMatch(/\nNächster Schritt: /);
    const saved = await running.chat.press('Speichern');
    expect(running.chat.texts(saved)[0]).toMatch(/^Gespeichert!/);
  });

  it('gives a school leaver in English three pathways, with what is missing and how to catch it up', async () => {
    await running.chat.say('/start');
    await running.chat.press('English');
    await running.chat.press('I agree');
    await running.chat.press('Pathways into work');
    await running.chat.press('I am leaving school');
    await running.chat.press('Crafts & construction');
    await running.chat.press('Done');
    await running.chat.press('No degree');
    await running.chat.press('Native speaker');
    await running.chat.press('None of these');
    const results = await running.chat.press('Later');
    const cards = cardsIn(paragraphsOf(results));
    expect(cards).toHaveLength(3);
    expect(cards.join('\n')).toMatch(/Workshop year in the trades/);
    // Where to catch up the degree is the pathway's own text, in English too.
    expect(cards.join('\n')).toMatch(/! What is missing: Hauptschulabschluss needed – you can get it alongside: Hauptschulabschluss (at the same time|after year 10)/);
    for (const card of cards) expect(card).toMatch(/→ Next step: .{20,}/);
  });

  it('skips every question and still shows pathways', async () => {
    await running.chat.say('/start');
    await running.chat.press('Deutsch');
    await running.chat.press('Einverstanden');
    await running.chat.press('Wege in Arbeit');
    for (let question = 0; question < 5; question++) await running.chat.press('Überspringen');
    const results = await running.chat.press('Überspringen');
    expect(cardsIn(paragraphsOf(results))).toHaveLength(3);
  });
});
