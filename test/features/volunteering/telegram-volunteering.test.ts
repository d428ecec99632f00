import { describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/foundation/profiles/profile-repository.js';
import type { VolunteeringFeature } from '../../../src/features/volunteering/index.js';
import type { ApiCall } from '../../support/telegram-api.js';
import { callbackUpdate, stickerUpdate, TEST_USER } from '../../support/telegram-updates.js';
import { APP_TEST_TENANT } from '../../support/test-app.js';
import { keyboardButtonsOf as buttonsOf, telegramTestApp, textsOf, type ButtonTitle } from '../../support/chat-helpers.js';

const account = { tenantId: APP_TEST_TENANT, channel: 'telegram' as const, accountId: String(TEST_USER.id) };

describe('a volunteer on Telegram', () => {
  const running = telegramTestApp();

  const feature = (): VolunteeringFeature => running.harness.app.features.volunteering;
  const send = (update: unknown): Promise<ApiCall[]> => running.chat.send(update);
  const type = (text: string): Promise<ApiCall[]> => running.chat.say(text);
  /** Presses the button whose title is `title` (or matches it) on the newest keyboard. */
  const press = (title: ButtonTitle): Promise<ApiCall[]> => running.chat.press(title);

  async function consent(): Promise<void> {
    await type('/start');
    await press('Deutsch');
    await press('Einverstanden');
  }

  async function profileId(): Promise<string> {
    return (await new ProfileRepository(running.harness.app.store).findByAccount(account))!._id;
  }

  it('goes from /start to a registered good deed in under ten messages', async () => {
    const menu = await (async () => {
      await type('/start');
      await press('Deutsch');
      return press('Einverstanden');
    })();
    expect(buttonsOf(menu)).toEqual(expect.arrayContaining(['Was kann ich Gutes tun?', 'Mein Engagement', 'Marktplatz']));
    const list = await press('Was kann ich Gutes tun?');
    expect(textsOf(list).join('\n')).toMatch(/Diese guten Taten stehen gerade an:\n\n1\. /);
    const details = await press(/^1\. /);
    expect(textsOf(details).join('\n')).toMatch(/Noch \d+ Pl(atz|ätze) frei/);
    const registered = await press('Ich mache mit');
    // Without SMTP the registration waits in the staff console, and that is what the person reads.
    expect(textsOf(registered).join('\n')).toMatch(/Super, du bist dabei: „.+“! Deine Anmeldung liegt jetzt beim Team, das die guten Taten betreut/);
    expect(textsOf(registered).join('\n')).not.toMatch(/weiß Bescheid|meldet sich bei dir/);
    expect(running.chat.sentByPerson).toBeLessThan(10);
    // Nobody can answer without a way to reach the person: asked once, briefly.
    expect(textsOf(registered).join('\n')).toMatch(/Wie bist du erreichbar\?/);
    const later = await press('Lieber nicht');
    expect(textsOf(later).join('\n')).toMatch(/Du kannst dich auch selbst melden: .+/);

    const registrations = await feature().opportunities.registrationsOf(APP_TEST_TENANT, await profileId());
    expect(registrations.map((entry) => entry.registration.status)).toEqual(['registered']);
    const notices = await feature().notices.list(APP_TEST_TENANT);
    expect(notices.map((notice) => notice.kind)).toEqual(['registration']);
    expect(notices[0]!.subject).toMatch(/^Neue Anmeldung: /);
  });

  it('runs the full onboarding, then shows matches with reasons and registers', async () => {
    await consent();
    const intro = await press('Mein Engagement');
    expect(textsOf(intro).join('\n')).toMatch(/ein paar kurze Fragen/);
    expect(textsOf(intro).join('\n')).toMatch(/Wie darf ich dich nennen/);
    const district = await type('Ayşe');
    expect(textsOf(district).join('\n')).toMatch(/In welchem Stadtteil von Wuppertal/);
    expect(buttonsOf(district)).toEqual(expect.arrayContaining(['Elberfeld', 'Barmen', 'Vohwinkel', 'Keine Angabe']));
    const interests = await type('elberfeld');
    expect(textsOf(interests).join('\n')).toMatch(/Wofür möchtest du dich einsetzen/);
    const toggled = await press('Umwelt');
    expect(buttonsOf(toggled)).toContain('✓ Umwelt');
    expect(textsOf(toggled).join('\n')).toMatch(/Ausgewählt: Umwelt/);
    await press('Kinder & Jugend');
    const skills = await press('Fertig');
    expect(textsOf(skills).join('\n')).toMatch(/Was kannst du gut/);
    const availability = await type('Gartenarbeit, Englisch');
    expect(buttonsOf(availability)).toEqual(['Wochentags', 'Abends', 'Wochenende', 'Fertig']);
    await press('Wochenende');
    const hours = await press('Fertig');
    expect(buttonsOf(hours)).toContain('bis 5 Std.');
    const contact = await press('bis 5 Std.');
    expect(buttonsOf(contact)).toEqual(['Hier im Chat', 'Per E-Mail', 'Per Telefon']);
    const summary = await press('Hier im Chat');
    const summaryText = textsOf(summary).join('\n');
    expect(summaryText).toMatch(/• Name: Ayşe/);
    expect(summaryText).toMatch(/• Wohnort: Elberfeld \(Wuppertal\)/);
    expect(summaryText).toMatch(/• Interessen: Kinder & Jugend, Umwelt/);
    expect(summaryText).toMatch(/• Fähigkeiten: Gartenarbeit, Englisch/);
    expect(summaryText).toMatch(/• Zeit: Wochenende/);
    expect(buttonsOf(summary)).toEqual(['Passt so', 'Antwort ändern']);

    const matches = await press('Passt so');
    const listText = textsOf(matches).join('\n');
    expect(listText).toMatch(/Dein Ehrenamt-Profil ist gespeichert/);
    expect(listText).toMatch(/Diese guten Taten passen gut zu dir:/);
    // The clean-up on the Nordbahntrasse fits best: environment, Elberfeld, weekends.
    expect(listText).toMatch(/1\. Müllsammelaktion an der Nordbahntrasse\n.*\n\s+passt zu: Umwelt, Elberfeld, Wochenende/);
    await press(/^1\. /);
    const registered = await press('Ich mache mit');
    expect(textsOf(registered).join('\n')).toMatch(/Super, du bist dabei: „Müllsammelaktion an der Nordbahntrasse“/);
    expect(textsOf(registered).join('\n')).toMatch(/Ein paar Tage danach frage ich dich kurz, wie es war/);
    expect(buttonsOf(registered)).toEqual(['Per E-Mail', 'Per Telefon', 'Lieber nicht']);

    const volunteer = await feature().volunteers.find(APP_TEST_TENANT, await profileId());
    expect(volunteer).toMatchObject({ status: 'complete', firstName: 'Ayşe', district: 'Elberfeld', interests: ['kids', 'environment'], slots: ['weekends'], hoursPerMonth: 5, contact: 'chat' });
  });

  it('registers once when "Ich mache mit" is pressed twice', async () => {
    await consent();
    await press('Was kann ich Gutes tun?');
    await press(/^1\. /);
    const keyboard = running.chat.lastInlineKeyboard();
    const join = keyboard.find((button) => button.text === 'Ich mache mit')!.callback_data!;
    const first = await send(callbackUpdate(join));
    const second = await send(callbackUpdate(join));
    expect(textsOf(first).join('\n')).toMatch(/du bist dabei/);
    expect(textsOf(second)).toEqual([]);
    const registrations = await feature().opportunities.registrationsOf(APP_TEST_TENANT, await profileId());
    expect(registrations).toHaveLength(1);
    expect(await feature().notices.list(APP_TEST_TENANT)).toHaveLength(1);
  });

  it('re-asks politely after a sticker or an overly long answer in the onboarding', async () => {
    await consent();
    await press('Mein Engagement');
    const sticker = await send(stickerUpdate());
    expect(textsOf(sticker)[0]).toMatch(/^Das kann ich leider noch nicht lesen/);
    expect(textsOf(sticker).join('\n')).toMatch(/Wie darf ich dich nennen/);
    const long = await type('Ich heiße eigentlich ganz anders und möchte das hier lieber ausführlich erklären');
    expect(textsOf(long)[0]).toMatch(/Bitte schreib nur deinen Vornamen/);
    const skipped = await press('Überspringen');
    expect(textsOf(skipped).join('\n')).toMatch(/In welchem Stadtteil/);
    const nonsense = await type('12345');
    expect(textsOf(nonsense)[0]).toMatch(/Diesen Ort kenne ich leider nicht/);
    expect(buttonsOf(nonsense)).toContain('Elberfeld');
    // A sentence is no district: asked again; "keine Ahnung" means "Keine Angabe".
    const sentence = await type('das weiß ich gerade wirklich nicht');
    expect(textsOf(sentence)[0]).toMatch(/Diesen Ort kenne ich leider nicht/);
    const garbage = await type('keine Ahnung');
    expect(textsOf(garbage).join('\n')).toMatch(/Wofür möchtest du dich einsetzen/);
    const notAList = await type('keine Ahnung 🤷');
    expect(textsOf(notAList)[0]).toMatch(/Das habe ich leider nicht verstanden/);
    const typedList = await type('Umwelt und Sport');
    expect(textsOf(typedList).join('\n')).toMatch(/Was kannst du gut/);
    const volunteer = await feature().volunteers.find(APP_TEST_TENANT, await profileId());
    expect(volunteer).toMatchObject({ status: 'draft', interests: ['environment', 'sport'] });
    expect(volunteer?.district).toBeUndefined();
    expect(volunteer?.answered).toContain('district');
  });

  it('continues an unfinished onboarding days later, or starts over on request', async () => {
    await consent();
    await press('Mein Engagement');
    await type('Ayşe');
    await press('Barmen');
    // Gone for days; comes back through the menu.
    await type('/menu');
    const resume = await press('Mein Engagement');
    expect(textsOf(resume).join('\n')).toMatch(/Du hattest schon angefangen/);
    const continued = await press('Weitermachen');
    expect(textsOf(continued).join('\n')).toMatch(/Wofür möchtest du dich einsetzen/);
    await type('/menu');
    await press('Mein Engagement');
    const restarted = await press('Neu beginnen');
    expect(textsOf(restarted).join('\n')).toMatch(/Wie darf ich dich nennen/);
    const volunteer = await feature().volunteers.find(APP_TEST_TENANT, await profileId());
    expect(volunteer?.answered).toEqual([]);
    expect(volunteer?.firstName).toBeUndefined();
  });

  it('changes one answer from "Mein Profil" without redoing the rest', async () => {
    await consent();
    const pid = await profileId();
    const volunteers = feature().volunteers;
    const now = new Date();
    await volunteers.saveAnswer(APP_TEST_TENANT, pid, 'name', { firstName: 'Ayşe' }, now);
    await volunteers.saveAnswer(APP_TEST_TENANT, pid, 'district', { city: 'Wuppertal', district: 'Barmen' }, now);
    for (const field of ['interests', 'skills', 'availability', 'hours', 'contact'] as const) await volunteers.saveAnswer(APP_TEST_TENANT, pid, field, {}, now);
    await volunteers.saveAnswer(APP_TEST_TENANT, pid, 'interests', { interests: ['sport'] }, now);
    await volunteers.complete(APP_TEST_TENANT, pid, now);

    await press('Mein Profil');
    const summary = await press('Ehrenamt-Profil');
    expect(textsOf(summary).join('\n')).toMatch(/• Wohnort: Barmen \(Wuppertal\)/);
    expect(buttonsOf(summary)).toEqual(['Name', 'Wohnort', 'Interessen', 'Fähigkeiten', 'Zeiten', 'Stunden', 'Kontakt', 'Zurück']);
    await press('Wohnort');
    const changed = await type('Ronsdorf');
    expect(textsOf(changed).join('\n')).toMatch(/Gespeichert\.[\s\S]*• Wohnort: Ronsdorf \(Wuppertal\)[\s\S]*• Interessen: Sport/);
    const back = await press('Zurück');
    expect(buttonsOf(back)).toContain('Daten exportieren');
    expect(await volunteers.find(APP_TEST_TENANT, pid)).toMatchObject({ status: 'complete', firstName: 'Ayşe', district: 'Ronsdorf', interests: ['sport'] });
  });

  it('asks for the city first when the tenant serves two cities, and offers that city\'s districts', async () => {
    await running.restart({ env: { DEMO_CONTENT: 'wuppertal,dortmund' } });
    await consent();
    await press('Mein Engagement');
    const city = await press('Überspringen');
    expect(textsOf(city).join('\n')).toMatch(/In welcher Stadt möchtest du dich engagieren/);
    expect(buttonsOf(city)).toEqual(['Wuppertal', 'Dortmund', 'Andere Stadt']);
    const districts = await press('Dortmund');
    expect(buttonsOf(districts)).toEqual(expect.arrayContaining(['Hörde', 'Eving', 'Keine Angabe']));
    await type('hoerde');
    expect(await feature().volunteers.find(APP_TEST_TENANT, await profileId())).toMatchObject({ city: 'Dortmund', district: 'Hörde' });
  });

  it('answers a deep link to an unknown deed kindly and shows the suggestions', async () => {
    await consent();
    const answer = await type('/start deed-doesnotexist');
    const text = textsOf(answer).join('\n');
    expect(text).toMatch(/Diese gute Tat finde ich leider nicht \(mehr\)/);
    expect(text).toMatch(/1\. /);
    const more = await press('Mehr Vorschläge');
    expect(textsOf(more).join('\n')).toMatch(/^Weitere Vorschläge:\n\n4\. /m);
  });

  it('says so and shows the next match when the deed filled up while the person looked at it', async () => {
    await consent();
    await press('Was kann ich Gutes tun?');
    const details = await press(/^1\. /);
    const title = textsOf(details).find((text) => /Noch \d+ Pl/.test(text))!.split('\n')[0]!;
    const deed = (await feature().opportunities.listWithRegistrations(APP_TEST_TENANT)).find((entry) => entry.opportunity.title === title)!.opportunity;
    for (let index = 0; index < deed.places; index++) await feature().opportunities.register(APP_TEST_TENANT, deed._id, `p-other-${index}`);
    const full = await press('Ich mache mit');
    const text = textsOf(full).join('\n');
    expect(text).toContain(`„${title}“ ist leider gerade voll geworden.`);
    expect(text).toMatch(/Hier ist der nächste passende Vorschlag:/);
    expect(buttonsOf(full)).toContain('Ich mache mit');
    expect((await feature().opportunities.registrationsOf(APP_TEST_TENANT, await profileId()))).toHaveLength(0);
  });

  it('withdraws from "Meine Anmeldungen"', async () => {
    await consent();
    await press('Was kann ich Gutes tun?');
    await press(/^1\. /);
    await press('Ich mache mit');
    await press('Lieber nicht');
    await press('Was kann ich Gutes tun?');
    const mine = await press('Meine Anmeldungen');
    expect(textsOf(mine).join('\n')).toMatch(/Hier bist du angemeldet:\n\n• /);
    const withdrawn = await press(/^Abmelden: /);
    expect(textsOf(withdrawn).join('\n')).toMatch(/Du bist von „.+“ abgemeldet/);
    expect(textsOf(withdrawn).join('\n')).toMatch(/Du bist gerade für keine gute Tat angemeldet/);
    const registrations = await feature().opportunities.registrationsOf(APP_TEST_TENANT, await profileId());
    expect(registrations.map((entry) => entry.registration.status)).toEqual(['withdrawn']);
    expect((await feature().notices.list(APP_TEST_TENANT)).map((notice) => notice.kind).sort()).toEqual(['registration', 'withdrawal']);
  });

  it('exports and deletes the volunteer profile and registrations with "delete me"', async () => {
    await consent();
    await press('Was kann ich Gutes tun?');
    await press(/^1\. /);
    await press('Ich mache mit');
    await press('Lieber nicht');
    const pid = await profileId();
    const [{ opportunity: deed }] = await feature().opportunities.registrationsOf(APP_TEST_TENANT, pid);
    await feature().volunteers.saveAnswer(APP_TEST_TENANT, pid, 'name', { firstName: 'Ayşe' }, new Date());
    await press('Mein Profil');
    const exported = await press('Daten exportieren');
    const document = exported.find((call) => call.method === 'sendDocument');
    expect(document?.raw).toContain('"volunteerProfile"');
    expect(document?.raw).toContain('"opportunityRegistrations"');
    await press('Mich löschen');
    await press('Ja, alles löschen');
    expect(await feature().volunteers.find(APP_TEST_TENANT, pid)).toBeNull();
    expect(await feature().opportunities.registrationsOf(APP_TEST_TENANT, pid)).toEqual([]);
    expect((await feature().notices.list(APP_TEST_TENANT)).filter((notice) => notice.profileId === pid)).toEqual([]);
    // The organisation still learns that the place is free again, without who it was.
    const left = (await feature().notices.list(APP_TEST_TENANT)).filter((notice) => notice.kind === 'withdrawal');
    expect(left.map((notice) => notice.subject)).toEqual([`Eine Anmeldung für „${deed!.title}“ wurde zurückgezogen (die Person hat ihre Daten gelöscht)`]);
    expect(JSON.stringify(left)).not.toContain('Ayşe');
  });

  it('re-asks politely when an e-mail address is longer than can be stored', async () => {
    await consent();
    const pid = await profileId();
    const volunteers = feature().volunteers;
    for (const field of ['name', 'district', 'interests', 'skills', 'availability', 'hours'] as const) await volunteers.saveAnswer(APP_TEST_TENANT, pid, field, {}, new Date());
    await press('Mein Engagement');
    await press('Weitermachen');
    await press('Per E-Mail');
    const long = await type(`${'a'.repeat(60)}@${'b'.repeat(70)}.de`);
    expect(textsOf(long)[0]).toMatch(/Das sieht nicht wie eine E-Mail-Adresse aus \(höchstens 120 Zeichen\)/);
    const summary = await type('ayse@example.org');
    expect(textsOf(summary).join('\n')).toMatch(/• Kontakt: per E-Mail: ayse@example\.org/);
  });

  it('ends the onboarding begun from the deeds list in that list, without a second list on top', async () => {
    await consent();
    await press('Was kann ich Gutes tun?');
    await press('Profil anlegen');
    await press('Überspringen');
    await press('Keine Angabe');
    await press('Umwelt');
    await press('Fertig');
    await press('Überspringen');
    await press('Wochenende');
    await press('Fertig');
    await press('Weiß ich noch nicht');
    await press('Hier im Chat');
    const matches = await press('Passt so');
    expect(textsOf(matches).join('\n')).toMatch(/Diese guten Taten passen gut zu dir:/);
    const back = await press('Zurück');
    // One step back leaves the good deeds (the main menu), not into an older copy of the list.
    expect(textsOf(back).join('\n')).not.toMatch(/Diese guten Taten/);
    expect(buttonsOf(back)).toContain('Was kann ich Gutes tun?');
  });

  it('offers "Mit einem Menschen sprechen" in the good-deeds list, which opens the handoff', async () => {
    await consent();
    const list = await press('Was kann ich Gutes tun?');
    expect(buttonsOf(list)).toContain('Mit einem Menschen sprechen');
    const handoff = await press('Mit einem Menschen sprechen');
    expect(textsOf(handoff).join('\n')).toMatch(/Gern verbinde ich dich mit einer Beraterin oder einem Berater/);
  });

  it('pages "Meine Anmeldungen" so that every registration can be withdrawn', async () => {
    await consent();
    const pid = await profileId();
    const open = (await feature().opportunities.matchesFor(APP_TEST_TENANT, pid)).slice(0, 8);
    for (const match of open) await feature().opportunities.register(APP_TEST_TENANT, match.opportunity._id, pid);
    await press('Was kann ich Gutes tun?');
    const mine = await press('Meine Anmeldungen');
    expect(buttonsOf(mine).filter((title) => title.startsWith('Abmelden: '))).toHaveLength(6);
    const more = await press('Weitere Anmeldungen');
    expect(buttonsOf(more).filter((title) => title.startsWith('Abmelden: '))).toHaveLength(2);
    await press(/^Abmelden: /);
    const registrations = await feature().opportunities.registrationsOf(APP_TEST_TENANT, pid);
    expect(registrations.filter((entry) => entry.registration.status === 'registered')).toHaveLength(7);
  });

  it('moves the follow-up when staff change the date, and asks nothing before the deed took place', async () => {
    const DAY_MS = 86_400_000;
    // The clock starts weeks back, so that moving it ahead stays behind the real time (runDue's scan).
    let now = new Date(Date.now() - 40 * DAY_MS);
    await running.restart({ overrides: { clock: () => now, scheduler: { mode: 'manual' } } });
    await consent();
    const pid = await profileId();
    const deed = await feature().opportunities.create(APP_TEST_TENANT, {
      title: 'Frühjahrsputz im Park',
      organisation: 'Bürgerverein',
      description: 'Laub harken und Beete säubern.',
      district: 'Barmen',
      online: false,
      startsAt: new Date(now.getTime() + 3 * DAY_MS),
      timeNeeded: '3 Stunden',
      slots: ['weekends'],
      interests: ['environment'],
      skills: [],
      places: 5,
      contact: { name: 'Team' },
    });
    const registered = await feature().opportunities.register(APP_TEST_TENANT, deed._id, pid);
    if (registered.status !== 'registered') throw new Error('not registered');
    // Rain: the organisation moves it ten days later.
    await feature().opportunities.update(APP_TEST_TENANT, deed._id, { startsAt: new Date(now.getTime() + 13 * DAY_MS) });
    running.telegram.clear();
    now = new Date(now.getTime() + 6 * DAY_MS);
    await running.harness.app.scheduler.runDue();
    // Even a job that runs too early asks nothing.
    await feature().followUp({ tenantId: APP_TEST_TENANT, profileId: pid, registrationId: registered.registration._id });
    expect(textsOf(running.telegram.calls).filter((text) => /Wie war es/.test(text))).toEqual([]);
    now = new Date(now.getTime() + 10 * DAY_MS);
    await running.harness.app.scheduler.runDue();
    expect(textsOf(running.telegram.calls).filter((text) => /Wie war es/.test(text))).toHaveLength(1);
  });
});
