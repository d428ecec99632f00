import { describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/foundation/profiles/profile-repository.js';
import type { ApiCall } from '../../support/telegram-api.js';
import { TEST_USER } from '../../support/telegram-updates.js';
import { APP_TEST_TENANT } from '../../support/test-app.js';
import { keyboardButtonsOf as buttonsOf, telegramTestApp, textsOf, type ButtonTitle } from '../../support/chat-helpers.js';

const account = { tenantId: APP_TEST_TENANT, channel: 'telegram' as const, accountId: String(TEST_USER.id) };

describe('the Marktplatz on Telegram', () => {
  const running = telegramTestApp();

  const market = () => running.harness.app.features.volunteering.marketplace;
  const notices = () => running.harness.app.features.volunteering.notices;
  const profileId = async () => (await new ProfileRepository(running.harness.app.store).findByAccount(account))!._id;

  const type = (text: string) => running.chat.say(text);
  const press = (title: ButtonTitle): Promise<ApiCall[]> => running.chat.press(title);
  async function consent(): Promise<void> {
    await type('/start');
    await press('Deutsch');
    await press('Einverstanden');
  }

  it('browses a category and asks staff to broker a contact without passing on data', async () => {
    await consent();
    const overview = await press('Marktplatz');
    expect(textsOf(overview).join('\n')).toMatch(/Marktplatz für gute Geschäfte/);
    expect(buttonsOf(overview)).toEqual(expect.arrayContaining(['Transport & Logistik (1)', 'Eigenes einstellen', 'Zurück']));
    const category = await press('Transport & Logistik (1)');
    expect(textsOf(category).join('\n')).toMatch(/1\. Gesuch: Transporter für einen Umzug gesucht – Jugendtreff Ölberg \(Elberfeld\)/);
    const details = await press(/^1\. /);
    expect(textsOf(details).join('\n')).toMatch(/Kontakt anfragen dürfen: alle/);
    await press('Kontakt anfragen');
    const share = await type('Wir haben einen Sprinter und könnten am Samstag helfen.');
    expect(textsOf(share).join('\n')).toMatch(/Darf das Zentrum für gute Taten deinen Vornamen und deine Nachricht/);
    // A sentence is no consent: the question comes again.
    const vague = await type('ja vielleicht, mal sehen');
    expect(textsOf(vague)[0]).toMatch(/Bitte antworte mit „Ja, weitergeben“ oder „Nein, nur das Zentrum“/);
    const sent = await press('Nein, nur das Zentrum');
    expect(textsOf(sent).join('\n')).toMatch(/Es meldet sich bei dir, bevor es etwas weitergibt/);

    const [entry] = await market().listBrokeringRequests(APP_TEST_TENANT);
    expect(entry!.listing?.title).toBe('Transporter für einen Umzug gesucht');
    expect(entry!.request).toMatchObject({ profileId: await profileId(), shareWithOwner: false, message: 'Wir haben einen Sprinter und könnten am Samstag helfen.', status: 'open' });
    expect(entry!.request.consentAt).toBeUndefined();
    expect(entry!.request.firstName).toBeUndefined();
    expect((await notices().list(APP_TEST_TENANT)).map((notice) => notice.kind)).toEqual(['brokeringRequest']);
  });

  it('records the consent to share when the asker gives it', async () => {
    await consent();
    const listing = (await market().browse(APP_TEST_TENANT, 'rooms'))[0]!;
    await type(`/start market-${listing._id}`);
    await press('Kontakt anfragen');
    await press('Überspringen');
    await press('Ja, weitergeben');
    const again = await type(`/start market-${listing._id}`);
    expect(textsOf(again).join('\n')).toMatch(/Saal für Workshops und Treffen/);
    await press('Kontakt anfragen');
    await press('Überspringen');
    const second = await press('Ja, weitergeben');
    expect(textsOf(second).join('\n')).toMatch(/hast du schon angefragt/);
    const requests = await market().listBrokeringRequests(APP_TEST_TENANT);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.request.shareWithOwner).toBe(true);
    expect(requests[0]!.request.consentAt).toBeInstanceOf(Date);
  });

  it('posts an own listing that stays hidden until staff approve it, and tells the poster', async () => {
    await consent();
    await press('Marktplatz');
    const intro = await press('Eigenes einstellen');
    expect(textsOf(intro).join('\n')).toMatch(/prüft es, bevor es im Marktplatz erscheint/);
    await press('Ich biete etwas an');
    await press('Für ein Unternehmen');
    await type('Tischlerei Brandt');
    const tooLong = await type('x'.repeat(150));
    expect(textsOf(tooLong)[0]).toMatch(/höchstens 100 Zeichen/);
    await type('Kleine Reparaturen für Vereine');
    await type('Wir reparieren einmal im Monat kostenlos Möbel und Türen in Vereinsräumen.');
    await press('Handwerk & Reparatur');
    await type('cronenberg');
    await press('nur Vereine und Organisationen');
    const summary = running.telegram.calls.slice(-4);
    expect(textsOf(summary).join('\n')).toMatch(/Angebot: Kleine Reparaturen für Vereine\nvon Tischlerei Brandt[\s\S]*Stadtteil: Cronenberg/);
    const submitted = await press('Absenden');
    expect(textsOf(submitted).join('\n')).toMatch(/Dein Eintrag ist beim Team zur Prüfung/);

    const [pending] = await market().listPending(APP_TEST_TENANT);
    expect(pending).toMatchObject({ title: 'Kleine Reparaturen für Vereine', status: 'pending', ownerProfileId: await profileId(), district: 'Cronenberg', category: 'craft' });
    expect((await market().browse(APP_TEST_TENANT, 'craft')).map((listing) => listing.title)).not.toContain('Kleine Reparaturen für Vereine');
    expect(await market().findVisible(APP_TEST_TENANT, pending!._id)).toBeNull();
    const hidden = await type(`/start market-${pending!._id}`);
    expect(textsOf(hidden).join('\n')).toMatch(/Diesen Eintrag finde ich leider nicht/);

    running.telegram.clear();
    await market().approve(APP_TEST_TENANT, pending!._id);
    expect(textsOf(running.telegram.calls).join('\n')).toMatch(/Dein Eintrag „Kleine Reparaturen für Vereine“ ist jetzt im Marktplatz zu sehen/);
    expect((await market().browse(APP_TEST_TENANT, 'craft')).map((listing) => listing.title)).toContain('Kleine Reparaturen für Vereine');
  });

  it('tells the poster the reason when staff reject a listing', async () => {
    await consent();
    const listing = await market().submit(APP_TEST_TENANT, await profileId(), {
      kind: 'need',
      posterType: 'volunteer',
      title: 'Suche Nachhilfe',
      description: 'Privat gesucht',
      category: 'education',
      contactAudience: 'everyone',
    });
    running.telegram.clear();
    const rejected = await market().reject(APP_TEST_TENANT, listing._id, 'Private Nachhilfe vermitteln wir über die Lernbrücke.');
    expect(rejected?.status).toBe('rejected');
    expect(textsOf(running.telegram.calls).join('\n')).toContain('Dein Eintrag „Suche Nachhilfe“ wurde leider nicht freigegeben. Begründung des Teams: Private Nachhilfe vermitteln wir über die Lernbrücke.');
    expect(await market().findVisible(APP_TEST_TENANT, listing._id)).toBeNull();
    expect((await notices().list(APP_TEST_TENANT)).map((notice) => notice.kind)).toEqual(['listingSubmitted']);
  });

  it('exports and erases the person\'s listings and brokering requests', async () => {
    await consent();
    const pid = await profileId();
    const listing = (await market().browse(APP_TEST_TENANT, 'rooms'))[0]!;
    await market().requestContact(APP_TEST_TENANT, listing._id, pid, { shareWithOwner: false });
    await market().submit(APP_TEST_TENANT, pid, { kind: 'offer', posterType: 'volunteer', title: 'Biete Fahrdienst', description: 'Samstags', category: 'transport', contactAudience: 'everyone' });
    await press('Mein Profil');
    const exported = await press('Daten exportieren');
    const document = exported.find((call) => call.method === 'sendDocument')!;
    expect(document.raw).toContain('"brokeringRequests"');
    expect(document.raw).toContain('Biete Fahrdienst');
    await press('Mich löschen');
    await press('Ja, alles löschen');
    expect(await market().listPending(APP_TEST_TENANT)).toEqual([]);
    expect(await market().listBrokeringRequests(APP_TEST_TENANT)).toEqual([]);
  });

  it('asks as whom the person asks when a listing admits only some, and refuses others clearly', async () => {
    await consent();
    const listing = await market().createApproved(APP_TEST_TENANT, {
      kind: 'offer',
      posterType: 'company',
      title: 'Kostenlose Steuerberatung für Vereine',
      description: 'Einmal im Quartal beraten wir Vereine kostenlos.',
      category: 'advice',
      contactAudience: 'organisations',
    });
    await type(`/start market-${listing._id}`);
    const asked = await press('Kontakt anfragen');
    expect(textsOf(asked).join('\n')).toMatch(/Fragst du als Privatperson, für eine Organisation oder für ein Unternehmen\?/);
    const refused = await press('Als Privatperson');
    expect(textsOf(refused).join('\n')).toMatch(/Kontakt anfragen dürfen bei diesem Eintrag leider nur Vereine und Organisationen/);
    expect(await market().listBrokeringRequests(APP_TEST_TENANT)).toEqual([]);

    await type(`/start market-${listing._id}`);
    await press('Kontakt anfragen');
    await press('Für eine Organisation');
    await press('Überspringen');
    await press('Nein, nur das Zentrum');
    const [entry] = await market().listBrokeringRequests(APP_TEST_TENANT);
    expect(entry!.request).toMatchObject({ askerType: 'organisation', status: 'open' });
  });

  it('takes a new request after staff marked the earlier one done', async () => {
    await consent();
    const listing = (await market().browse(APP_TEST_TENANT, 'rooms'))[0]!;
    await type(`/start market-${listing._id}`);
    await press('Kontakt anfragen');
    await press('Überspringen');
    await press('Nein, nur das Zentrum');
    const [first] = await market().listBrokeringRequests(APP_TEST_TENANT);
    await market().markRequestDone(APP_TEST_TENANT, first!.request._id);
    await type(`/start market-${listing._id}`);
    await press('Kontakt anfragen');
    await press('Überspringen');
    const again = await press('Nein, nur das Zentrum');
    expect(textsOf(again).join('\n')).not.toMatch(/hast du schon angefragt/);
    expect((await market().listBrokeringRequests(APP_TEST_TENANT, 'open')).map((entry) => entry.request._id)).toEqual([first!.request._id]);
  });

  it('pages a category with many listings, and offers to talk to a person', async () => {
    await consent();
    for (let index = 1; index <= 8; index++) {
      await market().createApproved(APP_TEST_TENANT, { kind: 'offer', posterType: 'volunteer', title: `Fahrdienst ${index}`, description: 'Samstags', category: 'transport', contactAudience: 'everyone' });
    }
    const overview = await press('Marktplatz');
    expect(buttonsOf(overview)).toContain('Mit einem Menschen sprechen');
    const first = await press('Transport & Logistik (9)');
    expect(buttonsOf(first).filter((title) => /^\d+\. /.test(title))).toHaveLength(6);
    const more = await press('Weitere Einträge');
    expect(textsOf(more).join('\n')).toMatch(/Transport & Logistik – weitere Einträge:\n\n7\. /);
    expect(buttonsOf(more).filter((title) => /^\d+\. /.test(title)).map((title) => title.split('.')[0])).toEqual(['7', '8', '9']);
    const details = await press(/^9\. /);
    expect(textsOf(details).join('\n')).toMatch(/Kontakt anfragen dürfen: alle/);
    await press('Zurück');
    await press('Zurück');
    const human = await press('Mit einem Menschen sprechen');
    expect(textsOf(human).join('\n')).toMatch(/Gern verbinde ich dich mit einer Beraterin oder einem Berater/);
  });
});
