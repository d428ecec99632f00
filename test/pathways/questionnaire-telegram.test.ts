import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PathwayAnswersRepository } from '../../src/domain/pathways/pathway-repository.js';
import { profileIdFor } from '../../src/domain/profiles/profile-repository.js';
import { fakeTelegramApi, isolateNetwork, type FakeTelegramApi } from '../support/telegram-api.js';
import { TEST_USER } from '../support/telegram-updates.js';
import { APP_TEST_TOKEN, startTestApp, type TestApp } from '../support/test-app.js';
import { DORTMUND_ENV, telegramChat } from './chat-helpers.js';

describe('employment pathways on Telegram (Dortmund)', () => {
  let telegram: FakeTelegramApi;
  let harness: TestApp;
  let chat: ReturnType<typeof telegramChat>;

  beforeEach(async () => {
    isolateNetwork();
    telegram = fakeTelegramApi({ token: APP_TEST_TOKEN });
    harness = await startTestApp({ telegram: true, env: DORTMUND_ENV });
    telegram.clear();
    chat = telegramChat(harness, telegram, 'dortmund');
  });

  afterEach(async () => {
    await harness.stop();
    telegram.close();
  });

  const cardsIn = (texts: string[]) => texts.filter((text) => /^\d\. /.test(text));

  it('gives an experienced worker who types free text three sensible pathways with next steps', async () => {
    await chat.say('/start');
    await chat.press('Deutsch');
    await chat.press('Einverstanden');
    const intro = await chat.press('Wege in Arbeit');
    expect(chat.texts(intro).join('\n')).toMatch(/bis zu sechs kurze Fragen/);
    expect(chat.lastKeyboard()).toEqual(['Ich komme (bald) von der Schule', 'Ich habe Berufserfahrung', 'Wiedereinstieg nach einer Pause', 'Ich will mich beruflich neu orientieren', 'Überspringen']);

    await chat.say('Ich habe 10 Jahre im Lager gearbeitet');
    const fields = await chat.say('Lager und Versand');
    expect(chat.texts(fields)).toEqual(['Notiert: Lager & Logistik. Noch ein Bereich? Sonst tippe auf „Fertig“.']);
    await chat.say('fertig');
    await chat.say('Mittlere Reife');
    await chat.say('B1');
    await chat.say('Ich habe kein Auto');
    await chat.press('Fertig');
    const results = await chat.say('sofort');
    const texts = chat.texts(results);
    expect(texts).toContain('Danke! Das sind die Wege, die am besten zu dir passen:');
    const cards = cardsIn(texts);
    expect(cards).toHaveLength(3);
    expect(cards[0]).toMatch(/^1\. Helfer\/in im Lager \(Kommissionierung\)\n/);
    expect(cards.join('\n')).toMatch(/Umschulung Fachkraft für Lagerlogistik/);
    for (const card of cards) expect(card).toMatch(/→ Nächster Schritt: .{20,}/);
    expect(chat.lastKeyboard()).toEqual(['Details zu 1', 'Details zu 2', 'Details zu 3', 'Mehr Wege', 'Beratung anfragen', 'Fertig']);

    const profileId = profileIdFor({ tenantId: 'dortmund', channel: 'telegram', accountId: String(TEST_USER.id) });
    expect(await new PathwayAnswersRepository(harness.app.store).find('dortmund', profileId)).toMatchObject({
      situation: 'experienced',
      fields: ['logistik'],
      degree: 'realschule',
      german: 'B1',
      constraints: ['mobility'],
      start: 'now',
    });

    const details = await chat.press('Details zu 2');
    expect(chat.texts(details)[0]).toMatch(/\nNächster Schritt: /);
    const saved = await chat.press('Speichern');
    expect(chat.texts(saved)[0]).toMatch(/^Gespeichert!/);
  });

  it('gives a school leaver in English three pathways, with what is missing and how to catch it up', async () => {
    await chat.say('/start');
    await chat.press('English');
    await chat.press('I agree');
    await chat.press('Pathways into work');
    await chat.press('I am leaving school');
    await chat.press('Crafts & construction');
    await chat.press('Done');
    await chat.press('No degree');
    await chat.press('Native speaker');
    await chat.press('None of these');
    const results = await chat.press('Later');
    const cards = cardsIn(chat.texts(results));
    expect(cards).toHaveLength(3);
    expect(cards.join('\n')).toMatch(/Werkstattjahr Handwerk/);
    expect(cards.join('\n')).toMatch(/! What is missing: Hauptschulabschluss needed – you can get it alongside: /);
    for (const card of cards) expect(card).toMatch(/→ Next step: .{20,}/);
  });

  it('skips every question and still shows pathways', async () => {
    await chat.say('/start');
    await chat.press('Deutsch');
    await chat.press('Einverstanden');
    await chat.press('Wege in Arbeit');
    for (let question = 0; question < 5; question++) await chat.press('Überspringen');
    const results = await chat.press('Überspringen');
    expect(cardsIn(chat.texts(results))).toHaveLength(3);
  });
});
