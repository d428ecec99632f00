import ICAL from 'ical.js';
import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/platform/config/config-types.js';
import type { ApiCall } from '../../support/telegram-api.js';
import { TEST_USER } from '../../support/telegram-updates.js';
import { APP_TEST_TENANT, startTestApp, type TestApp, type WebChatVisit } from '../../support/test-app.js';
import { buttonsOf, choose, isBotText, keyboardButtonsOf, telegramTestApp, textsOf } from '../../support/chat-helpers.js';
import { allTexts } from '../../support/texts.js';
import { StaffClient } from '../../staff/staff-client.js';
import { consentInEnglish, werkstatt2, workshopsOf } from './journey-helpers.js';
import { DAY, HOUR } from './fixtures.js';

const texts = allTexts();
const en = texts.forLocale('en');
const tr = texts.forLocale('tr');
const ls = texts.forLocale('de-x-ls');

const ADMIN = { email: 'admin@wuppertal.example', password: 'the first admin password' };
const ENGLISH: User = { ...TEST_USER, id: 6161, first_name: 'Grace', language_code: 'en' };
const TURKISH: User = { ...TEST_USER, id: 6262, first_name: 'Emre', language_code: 'tr' };
const EASY: User = { ...TEST_USER, id: 6363, first_name: 'Lena', language_code: 'de' };

/** A workshop as staff type it into the console (German), in a series of its own. */
const GERMAN_FORM = {
  title: 'Reparaturcafé: Fahrräder gemeinsam flicken',
  description: 'Bring dein Fahrrad mit, wir zeigen dir, wie du Schlauch, Bremse und Licht selbst reparierst.',
  seriesTitle: 'Reparaturtage',
  seriesPart: '1',
  startsAt: '2026-12-10T18:00',
  endsAt: '2026-12-10T20:00',
  placeName: 'Zentrum für gute Taten',
  placeAddress: 'Friedrich-Engels-Allee 1, 42103 Wuppertal',
  capacity: '12',
  language: 'de',
  targetGroup: 'Alle mit einem Fahrrad',
  organiserName: 'KoSI-Lab',
};
const ENGLISH_FORM = {
  'tr.en.title': 'Repair café: fixing bikes together',
  'tr.en.description': 'Bring your bike and we will show you how to repair the tube, the brakes and the lights yourself.',
  'tr.en.seriesTitle': 'Repair days',
  'tr.en.targetGroup': 'Everyone with a bike',
};

/** The calendar file inside a Telegram sendDocument upload. */
function calendarIn(call: ApiCall | undefined): ICAL.Event {
  const raw = call?.raw ?? '';
  const text = raw.slice(raw.indexOf('BEGIN:VCALENDAR'), raw.indexOf('END:VCALENDAR') + 'END:VCALENDAR'.length);
  return new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
}

describe('translated workshops on Telegram', () => {
  let now = new Date('2026-11-22T09:00:00Z');
  beforeEach(() => {
    now = new Date('2026-11-22T09:00:00Z');
  });
  const running = telegramTestApp({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, overrides: { clock: () => now, staff: { loginAttemptsPerWindow: 1000, secureCookies: false } } });

  async function runJobsAt(time: Date): Promise<ApiCall[]> {
    now = time;
    const before = running.telegram.calls.length;
    await running.harness.app.scheduler.runDue();
    return running.telegram.calls.slice(before);
  }

  /** Opens a workshop's poster link as a new person: language, consent, then the workshop's details. */
  async function fromPoster(workshopId: string, user: User, language: string, locale: Locale): Promise<string> {
    await running.chat.say(`/start workshop-${workshopId}`, user);
    await running.chat.press(language, user);
    return textsOf(await running.chat.press(texts.forLocale(locale)('start:consentYes'), user)).join('\n');
  }

  it('staff translate a workshop in the console; each person reads it in their language, with a note where a text is only in German', async () => {
    const console = new StaffClient(running.harness.baseUrl);
    await console.consoleSignIn(ADMIN.email, ADMIN.password);
    const empty = await console.page('/console/workshops/new');
    for (const name of ['tr.en.title', 'tr.en.description', 'tr.en.seriesTitle', 'tr.en.targetGroup', 'tr.de-x-ls.title', 'tr.ar.targetGroup']) expect(empty.html).toContain(`name="${name}"`);
    const created = await console.postForm('/console/workshops', { ...GERMAN_FORM, ...ENGLISH_FORM, 'tr.de-x-ls.title': 'Fahrräder reparieren' });
    expect(created.status).toBe(303);
    const id = /^\/console\/workshops\/([^?]+)\?notice=created$/.exec(created.headers.get('location') ?? '')![1]!;
    // The edit form shows what staff wrote in each language again.
    const edit = await console.page(`/console/workshops/${id}`);
    expect(edit.html).toMatch(/name="tr\.en\.title"[^>]*value="Repair café: fixing bikes together"/);
    expect(edit.html).toMatch(/name="tr\.de-x-ls\.title"[^>]*value="Fahrräder reparieren"/);

    const english = await fromPoster(id, ENGLISH, 'English', 'en');
    expect(english).toContain('Repair café: fixing bikes together\n\n');
    expect(english).toContain('Bring your bike and we will show you how to repair the tube, the brakes and the lights yourself.');
    expect(english).toContain('For: Everyone with a bike');
    expect(english).not.toContain(en('common:onlyInGerman'));
    const registered = textsOf(await running.chat.press(en('workshops:register'), ENGLISH));
    expect(registered[0]).toMatch(/^You are registered for "Repair café: fixing bikes together"/);
    await running.chat.say('/start', ENGLISH);
    const list = await running.chat.press(en('workshops:menuEntry'), ENGLISH);
    expect(keyboardButtonsOf(list)).toEqual(expect.arrayContaining([expect.stringMatching(/ Repair café: fixing bikes together$/), 'Only Repair days', 'Only Workshop series']));

    // Turkish: nobody translated it, so the German text with the note in Turkish.
    const turkish = await fromPoster(id, TURKISH, 'Türkçe', 'tr');
    expect(turkish).toContain('Reparaturcafé: Fahrräder gemeinsam flicken\n\n');
    expect(turkish).toContain(`${GERMAN_FORM.description}\n\n${tr('common:onlyInGerman')}`);
    expect(turkish).toContain('Kimler için: Alle mit einem Fahrrad');

    // Leichte Sprache: the title was translated, the description was not: the note says so.
    const easy = await fromPoster(id, EASY, 'Leichte Sprache', 'de-x-ls');
    expect(easy).toContain('Fahrräder reparieren\n\n');
    expect(easy).toContain(`${GERMAN_FORM.description}\n\n${ls('common:onlyInGerman')}`);

    // Staff save the form without the translations: they are gone, English readers get German and the note.
    const saved = await console.postForm(`/console/workshops/${id}`, GERMAN_FORM);
    expect(saved.status).toBe(303);
    expect((await workshopsOf(running.harness.app).service.get(APP_TEST_TENANT, id))!.translations).toBeUndefined();
    const again = textsOf(await running.chat.say(`/start workshop-${id}`, ENGLISH)).join('\n');
    expect(again).toContain('Reparaturcafé: Fahrräder gemeinsam flicken\n\n');
    expect(again).toContain(en('common:onlyInGerman'));
  });

  it('a person in Leichte Sprache reads the demo Werkstattreihe in easy German: list, series, details, calendar, "my workshops", reminder and follow-up', async () => {
    const { chat } = running;
    await chat.say('/start', EASY);
    await chat.press('Leichte Sprache', EASY);
    await chat.press(ls('start:consentYes'), EASY);
    const list = await chat.press(ls('workshops:menuEntry'), EASY);
    expect(keyboardButtonsOf(list)).toContain('Nur Werkstatt·reihe');
    const series = await chat.press('Nur Werkstatt·reihe', EASY);
    expect(textsOf(series)).toEqual([ls('workshops:listIntroSeries', { series: 'Werkstatt·reihe' })]);
    expect(keyboardButtonsOf(series).slice(0, 4).map((title) => title.replace(/^\S+ /, ''))).toEqual([
      'Werkstatt 1: Wir lernen uns kennen',
      'Werkstatt 2: Einen Plan machen',
      'Werkstatt 3: Das Angebot aufbauen',
      'Werkstatt 4: So bleibt das Angebot',
    ]);

    const details = textsOf(await chat.press(/ Werkstatt 2: Einen Plan machen$/, EASY)).join('\n');
    expect(details).toMatch(/^Werkstatt 2: Einen Plan machen\n\n/);
    expect(details).toContain('Wir machen aus den Ideen einen Plan.\nWir schauen uns die Ideen aus Teil 1 noch einmal genau an.');
    expect(details).toContain('Für: Menschen, die helfen wollen. Vereine, Firmen und die Stadt·verwaltung aus Wuppertal.');
    expect(details).not.toContain(ls('common:onlyInGerman'));

    const registered = textsOf(await chat.press(ls('workshops:register'), EASY));
    expect(registered[0]).toMatch(/^Du bist angemeldet für „Werkstatt 2: Einen Plan machen“\./);
    const calendar = calendarIn((await chat.press(ls('workshops:addToCalendar'), EASY)).find((call) => call.method === 'sendDocument'));
    expect(calendar.summary).toBe('Werkstatt 2: Einen Plan machen');
    expect(calendar.description).toMatch(/^Wir machen aus den Ideen einen Plan\.\n/);

    await chat.say('/start', EASY);
    await chat.press(ls('workshops:menuEntry'), EASY);
    const mine = await chat.press(ls('workshops:myWorkshops'), EASY);
    expect(keyboardButtonsOf(mine)[0]).toMatch(/ Werkstatt 2: Einen Plan machen$/);

    const workshop = await werkstatt2(running.harness.app, APP_TEST_TENANT);
    const reminder = textsOf(await runJobsAt(new Date(workshop.startsAt.getTime() - DAY)));
    expect(reminder).toEqual([expect.stringMatching(/^Erinnerung: Morgen ist „Werkstatt 2: Einen Plan machen“\./)]);
    const followUp = textsOf(await runJobsAt(new Date(workshop.endsAt.getTime() + 2 * HOUR)));
    expect(followUp.join('\n')).toContain('Du warst bei „Werkstatt 2: Einen Plan machen“ dabei.');
    expect(followUp.join('\n')).toContain('Es geht weiter mit „Werkstatt 3: Das Angebot aufbauen“.');
  });
});

describe('translated workshops in the web chat', () => {
  let now: Date;
  let harness: TestApp;
  const visits: WebChatVisit[] = [];

  beforeEach(async () => {
    now = new Date('2026-11-22T09:00:00Z');
    harness = await startTestApp({ overrides: { clock: () => now } });
  });
  afterEach(async () => {
    for (const visit of visits.splice(0)) visit.client.end();
    await harness.stop();
  });

  async function open(start: string): Promise<WebChatVisit> {
    const visit = await harness.openWebChat({ start });
    visits.push(visit);
    return visit;
  }

  it('sends the calendar file and the notices staff cause in English; the public calendar address stays in the city\'s language', async () => {
    const service = workshopsOf(harness.app).service;
    const workshop = await werkstatt2(harness.app, APP_TEST_TENANT);
    const visit = await open(`workshop-${workshop._id}`);
    await consentInEnglish(visit);
    await choose(visit, 'Register');
    await visit.client.waitForBotReply(isBotText(/^You are registered for "Workshop 2: Developing concepts"/));

    await choose(visit, 'Add to calendar');
    const file = await visit.client.waitForBotReply((activity) => activity.type === 'message' && (activity.attachments?.length ?? 0) > 0);
    const attachment = (file.type === 'message' ? file.attachments?.[0] : undefined) as { contentUrl?: string } | undefined;
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(await (await fetch(new URL(attachment!.contentUrl!, harness.baseUrl))).text())).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Workshop 2: Developing concepts');
    expect(event.description).toMatch(/^Ideas become concepts: we sharpen the projects from part 1/);
    const published = await (await fetch(`${harness.baseUrl}/calendar/${APP_TEST_TENANT}/workshop-${workshop._id}.ics`)).text();
    expect(new ICAL.Event(new ICAL.Component(ICAL.parse(published)).getFirstSubcomponent('vevent')!).summary).toBe('Werkstatt 2: Konzeptentwicklung');

    const startsAt = new Date(workshop.startsAt.getTime() + 2 * DAY);
    await service.update(APP_TEST_TENANT, workshop._id, { startsAt, endsAt: new Date(startsAt.getTime() + 2.5 * HOUR) });
    await harness.app.scheduler.runDue();
    await visit.client.waitForBotReply(isBotText(/^Change for "Workshop 2: Developing concepts": the workshop now takes place:/));
    await service.cancelWorkshop(APP_TEST_TENANT, workshop._id);
    await harness.app.scheduler.runDue();
    await visit.client.waitForBotReply(isBotText(/^Unfortunately "Workshop 2: Developing concepts" \(.*\) has been cancelled/));

    await visit.client.send('/menu');
    await choose(visit, 'Workshops');
    await choose(visit, 'My workshops');
    const mine = await visit.client.waitForBotReply(isBotText(/^These are your workshops:/));
    expect(buttonsOf(mine)[0]).toMatch(/ Workshop 2: Developing concepts \(cancelled\)$/);
  });

  it('shows a Turkish speaker the German text of a demo workshop, with the note in Turkish', async () => {
    const sprechstunde = (await workshopsOf(harness.app).service.listUpcoming(APP_TEST_TENANT)).find((workshop) => workshop.title.startsWith('Ehrenamt-Sprechstunde'))!;
    const visit = await open(`workshop-${sprechstunde._id}`);
    await choose(visit, 'Türkçe');
    await choose(visit, tr('start:consentYes'));
    const details = await visit.client.waitForBotReply(isBotText(/^Ehrenamt-Sprechstunde: Welche gute Tat passt zu mir\?\n\n/));
    const text = details.type === 'message' ? (details.text ?? '') : '';
    expect(text).toContain(`${sprechstunde.description}\n\n${tr('common:onlyInGerman')}`);
    expect(text).toContain('Kimler için: Alle, die sich engagieren möchten');
  });
});

describe('the demo workshops in a city with both demo sets', () => {
  let harness: TestApp;
  afterEach(() => harness?.stop());

  it('come with English and Leichte Sprache for every translated text, the series named after its city in every language', async () => {
    harness = await startTestApp({ env: { TENANT_ID: 'kosi', TENANT_NAME: 'KoSI-Lab' } });
    const workshops = await workshopsOf(harness.app).service.listAll('kosi');
    expect(workshops).toHaveLength(13);
    for (const workshop of workshops) {
      for (const locale of ['en', 'de-x-ls'] as const) {
        const own = workshop.translations?.[locale] ?? {};
        for (const field of ['title', 'description', 'targetGroup'] as const) {
          expect(own[field], `${workshop.title}: ${field} in ${locale}`).toBeTruthy();
          expect(own[field], `${workshop.title}: ${field} in ${locale} is translated`).not.toBe(workshop[field]);
        }
        if (workshop.series) expect(own['seriesTitle']).toMatch(workshop.series.title.endsWith('Dortmund') ? / Dortmund$/ : / Wuppertal$/);
      }
      expect(workshop.translations?.['de-x-ls']?.['description']).not.toBe(workshop.translations?.en?.['description']);
    }
  });
});
