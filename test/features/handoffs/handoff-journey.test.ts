import { paragraphsOf } from '../../support/telegram-api.js';
import { describe, expect, it } from 'vitest';
import { HandoffRepository } from '../../../src/features/handoffs/domain/handoff-repository.js';
import { profileIdFor } from '../../../src/foundation/profiles/profile-repository.js';
import { telegramCommands } from '../../../src/bot/telegram-commands.js';
import { parseCommand } from '../../../src/bot/commands.js';
import { TEST_CHAT_ID, TEST_USER } from '../../support/telegram-updates.js';
import { type TestApp, type WebChatVisit } from '../../support/test-app.js';
import { buttonsOf, choose, DORTMUND_ENV, telegramTestApp, textOf, webChatSessions } from '../../support/chat-helpers.js';
import { allTexts } from '../../support/texts.js';

const staff = { id: 'staff-7', name: 'Frau Yilmaz' };
const handoffsOf = (app: TestApp) => app.app.features.handoffs.service;

describe('talking to a person in the web chat', () => {
  const sessions = webChatSessions();

  async function open(env: Record<string, string> = {}, language: 'Deutsch' | 'English' = 'Deutsch'): Promise<{ app: TestApp; visit: WebChatVisit }> {
    const app = await sessions.start({ env });
    const visit = await sessions.open(app);
    await choose(visit, language);
    await choose(visit, language === 'English' ? 'I agree' : 'Einverstanden');
    return { app, visit };
  }

  it('asks for counselling from the results, shares the answers with consent, gets a staff reply and answers it', async () => {
    const { app, visit } = await open(DORTMUND_ENV);
    await choose(visit, 'Wege in Arbeit');
    await choose(visit, 'Ich komme (bald) von der Schule');
    for (let question = 0; question < 5; question++) await choose(visit, 'Überspringen');
    await choose(visit, 'Beratung anfragen');
    await choose(visit, 'Überspringen');
    const consent = await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Ja, weitergeben'));
    expect(textOf(consent)).toMatch(/deine Antworten aus den Fragen zu „Wege in Arbeit“: Lage: Schulabgänger\/in/);
    expect(buttonsOf(consent)).toEqual(['Ja, weitergeben', 'Nein, nur das Thema']);
    await visit.pressButton('Ja, weitergeben');
    const confirmation = await visit.client.waitForBotReply((activity) => /^Danke! Deine Anfrage/.test(textOf(activity)));
    expect(textOf(confirmation)).toMatch(/„Arbeit & Ausbildung“.*innerhalb von 2 Werktagen.*hier in diesem Chat/s);

    const profileId = profileIdFor({ tenantId: 'dortmund', channel: 'webchat', accountId: visit.client.userId });
    const [request] = await handoffsOf(app).listOpen('dortmund');
    expect(request).toMatchObject({
      profileId,
      topic: 'pathways',
      channel: 'webchat',
      language: 'de',
      status: 'open',
      consentToShare: true,
      sharedAnswers: { questionnaire: { situation: 'school-leaver' } },
      messages: [],
    });
    expect(await new HandoffRepository(app.app.store).findById('dortmund', request!._id)).not.toBeNull();

    // Staff answer from the console; the person reads it in the same chat and replies.
    const { delivery } = await handoffsOf(app).reply('dortmund', request!._id, staff, 'Hallo! Ich bin Frau Yilmaz von der Jugendberufsagentur. Wann kann ich dich anrufen?');
    expect(delivery).toBe('sent');
    const staffMessage = await visit.client.waitForBotReply((activity) => /^Nachricht von Frau Yilmaz \(Dortmund\)/.test(textOf(activity)));
    expect(textOf(staffMessage)).toContain('Wann kann ich dich anrufen?');
    expect(buttonsOf(staffMessage)).toEqual(['Antworten']);
    await visit.pressButton('Antworten');
    await visit.client.waitForBotReply((activity) => /^Was möchtest du antworten/.test(textOf(activity)));
    await visit.client.send('Morgen ab 10 Uhr, gern auf dem Handy.');
    await visit.client.waitForBotReply((activity) => /^Danke, deine Antwort ist bei uns angekommen/.test(textOf(activity)));
    const thread = await handoffsOf(app).get('dortmund', request!._id);
    expect(thread?.status).toBe('claimed');
    expect(thread?.claimedBy).toBe('staff-7');
    expect(thread?.messages.map((message) => [message.from, message.text])).toEqual([
      ['staff', 'Hallo! Ich bin Frau Yilmaz von der Jugendberufsagentur. Wann kann ich dich anrufen?'],
      ['person', 'Morgen ab 10 Uhr, gern auf dem Handy.'],
    ]);

    // "Meine Anfragen" shows it.
    await choose(visit, 'Mit einem Menschen sprechen');
    await choose(visit, 'Meine Anfragen');
    const mine = await visit.client.waitForBotReply((activity) => /^Deine Anfragen:/.test(textOf(activity)));
    expect(textOf(mine)).toMatch(/1\. Arbeit & Ausbildung vom .* – in Bearbeitung\n {3}Zuletzt du: „Morgen ab 10 Uhr, gern auf dem Handy\.“/);
  });

  it('reaches a person with /human from the middle of a question, and shares nothing without consent', async () => {
    const { app, visit } = await open({}, 'English');
    await choose(visit, 'Pathways into work');
    await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('I have work experience'));
    await visit.client.send('/human');
    const topics = await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Something else'));
    expect(textOf(topics)).toMatch(/counsellor of Wuppertal/);
    await visit.client.send('I have debts and need advice on what to do');
    const consent = await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('No, topic only'));
    expect(textOf(consent)).toContain('your message: “I have debts and need advice on what to do”');
    await visit.pressButton('No, topic only');
    const confirmation = await visit.client.waitForBotReply((activity) => /^All right, I only pass on the topic/.test(textOf(activity)));
    expect(textOf(confirmation)).toMatch(/“Something else”, nothing else\. We usually reply within 2 working days/);
    await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Talk to a person'));

    const [request] = await handoffsOf(app).listOpen('wuppertal');
    expect(request).toMatchObject({ topic: 'other', consentToShare: false, messages: [], channel: 'webchat', language: 'en' });
    expect(request?.topicText).toBeUndefined();
    expect(JSON.stringify(request)).not.toContain('debts');
  });
});

describe('talking to a person on Telegram', () => {
  const running = telegramTestApp({ env: DORTMUND_ENV });

  it('offers the menu entry and /human, stores the request, delivers the staff reply and takes the answer', async () => {
    await running.chat.say('/start');
    await running.chat.press('Deutsch');
    await running.chat.press('Einverstanden');
    expect(running.chat.lastKeyboard()).toContain('Mit einem Menschen sprechen');
    const topics = await running.chat.say('/human');
    expect(running.chat.texts(topics)[0]).toMatch(/Worum geht es\?/);
    expect(running.chat.lastKeyboard()).toEqual(['Arbeit & Ausbildung', 'Ehrenamt', 'Werkstattreihe', 'Meine Daten', 'Etwas anderes', 'Abbrechen']);
    await running.chat.press('Ehrenamt');
    await running.chat.say('Ich möchte mich im Quartier in Hörde engagieren.');
    const created = await running.chat.press('Ja, weitergeben');
    expect(running.chat.texts(created)[0]).toMatch(/^Danke! Deine Anfrage zum Thema „Ehrenamt“ ist bei uns angekommen\. In der Regel antworten wir innerhalb von 2 Werktagen/);

    const [request] = await handoffsOf(running.harness).listOpen('dortmund');
    expect(request).toMatchObject({
      profileId: profileIdFor({ tenantId: 'dortmund', channel: 'telegram', accountId: String(TEST_USER.id) }),
      topic: 'volunteering',
      channel: 'telegram',
      consentToShare: true,
      messages: [{ from: 'person', text: 'Ich möchte mich im Quartier in Hörde engagieren.' }],
    });

    // Staff are told (in the console, and by e-mail with SMTP), without the person's words.
    const [notice] = await running.harness.app.notices.list('dortmund', { kind: 'handoff' });
    expect(notice).toMatchObject({ kind: 'handoff', requestId: request!._id, profileId: request!.profileId });
    expect(notice!.subject).toMatch(/Ehrenamt/);
    expect(notice!.subject).not.toContain('Hörde');

    await handoffsOf(running.harness).claim('dortmund', request!._id, 'staff-7');
    const before = running.telegram.calls.length;
    const { delivery } = await handoffsOf(running.harness).reply('dortmund', request!._id, staff, 'Super! Das Quartiersbüro Hörde sucht Lesepaten. Passt Dienstag?');
    expect(delivery).toBe('sent');
    const sent = running.telegram.calls.slice(before).find((call) => call.method === 'sendMessage');
    expect(sent?.body.chat_id).toBe(TEST_CHAT_ID);
    expect(String(sent?.body.text)).toMatch(/^Nachricht von Frau Yilmaz \(Dortmund\) zu deiner Anfrage „Ehrenamt“:\nSuper! Das Quartiersbüro Hörde/);
    expect(running.chat.keyboardOf(sent!)).toEqual(['Antworten']);

    const prompt = await running.chat.press('Antworten');
    expect(running.chat.texts(prompt)[0]).toMatch(/^Was möchtest du antworten/);
    const answered = await running.chat.say('Dienstag passt!');
    expect(running.chat.texts(answered)[0]).toMatch(/^Danke, deine Antwort ist bei uns angekommen/);
    const thread = await handoffsOf(running.harness).get('dortmund', request!._id);
    expect(thread?.messages.map((message) => message.from)).toEqual(['person', 'staff', 'person']);
    expect(thread?.messages.at(-1)?.text).toBe('Dienstag passt!');
  });
});

describe('the /human command', () => {
  const running = telegramTestApp({ env: DORTMUND_ENV });

  it('brings someone new through language and consent straight to the topic question', async () => {
    await running.chat.say('/human');
    expect(running.chat.lastKeyboard()).toEqual(['Deutsch', 'Leichte Sprache', 'English', 'Türkçe', 'Українська', 'العربية', 'Русский', 'Polski']);
    await running.chat.press('English');
    const topics = await running.chat.press('I agree');
    expect(running.chat.texts(topics).join('\n')).toMatch(/What is it about\?/);
    expect(running.chat.lastKeyboard()).toContain('Work & training');
  });

  it('opened by the pathways link alone (/start human-pathways), asks about work and ends in the main menu', async () => {
    await running.chat.say('/start');
    await running.chat.press('Deutsch');
    await running.chat.press('Einverstanden');
    const asked = await running.chat.say('/start human-pathways');
    expect(paragraphsOf(asked).at(-1)).toMatch(/^Magst du in ein, zwei Sätzen schreiben, worum es geht\?/);
    await running.chat.say('Ich suche eine Ausbildung im Handwerk.');
    const done = await running.chat.press('Ja, weitergeben');
    expect(paragraphsOf(done)).toEqual([expect.stringMatching(/^Danke! Deine Anfrage zum Thema „Arbeit & Ausbildung“ ist bei uns angekommen/), 'Was möchtest du tun?']);
    expect(running.chat.lastKeyboard()).toContain('Mit einem Menschen sprechen');
    expect((await handoffsOf(running.harness).listOpen('dortmund'))[0]).toMatchObject({ topic: 'pathways' });
  });

  it('is understood and listed in Telegram’s command menu in both languages, without /open', () => {
    expect(parseCommand('/human')).toEqual({ name: 'human', argument: undefined });
    const menus = telegramCommands(allTexts('de'));
    expect(menus['de']).toContainEqual({ command: 'human', description: 'Mit einem Menschen sprechen' });
    expect(menus['en']).toContainEqual({ command: 'human', description: 'Talk to a person' });
    expect(menus['de']!.map((entry) => entry.command)).not.toContain('open');
  });
});
