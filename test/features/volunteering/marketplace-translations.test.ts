import type { User } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/platform/config/config-types.js';
import { auditEventsCollection, type AuditEvent } from '../../../src/staff/audit/audit-log.js';
import { TEST_USER } from '../../support/telegram-updates.js';
import { APP_TEST_TENANT } from '../../support/test-app.js';
import { telegramTestApp, textsOf } from '../../support/chat-helpers.js';
import { allTexts } from '../../support/texts.js';
import { StaffClient } from '../../staff/staff-client.js';

const ADMIN = { email: 'admin@wuppertal.example', password: 'the first admin password' };
const texts = allTexts();
const de = texts.forLocale('de');
const en = texts.forLocale('en');
const ar = texts.forLocale('ar');
const tr = texts.forLocale('tr');

const PEOPLE: Record<'de' | 'en' | 'ar' | 'tr', { user: User; button: string }> = {
  de: { user: { ...TEST_USER, id: 7101, first_name: 'Jonas', language_code: 'de' }, button: 'Deutsch' },
  en: { user: { ...TEST_USER, id: 7102, first_name: 'Emma', language_code: 'en' }, button: 'English' },
  ar: { user: { ...TEST_USER, id: 7103, first_name: 'Rana', language_code: 'ar' }, button: 'العربية' },
  tr: { user: { ...TEST_USER, id: 7104, first_name: 'Ayşe', language_code: 'tr' }, button: 'Türkçe' },
};

const MOVE_EN = {
  title: 'Van wanted for a move',
  description: 'Our youth club is moving into new rooms. For one Saturday we are looking for a van with a driver.',
};

describe('Marktplatz listings in the person\'s language', () => {
  const running = telegramTestApp({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, overrides: { staff: { loginAttemptsPerWindow: 1000 } } });
  const market = () => running.harness.app.features.volunteering.marketplace;
  const auditOf = async (id: string): Promise<AuditEvent[]> => (await running.harness.app.store.collection<AuditEvent>(auditEventsCollection).find({ tenantId: APP_TEST_TENANT }, { limit: 1000 })).filter((event) => event.target.id === id);

  async function startChat(who: keyof typeof PEOPLE): Promise<void> {
    const { user, button } = PEOPLE[who];
    await running.chat.say('/start', user);
    await running.chat.press(button, user);
    await running.chat.press(texts.forLocale(who)('start:consentYes'), user);
  }
  /** The listing's details as the person gets them through its link. */
  const openListing = async (who: keyof typeof PEOPLE, id: string): Promise<string> => textsOf(await running.chat.say(`/start market-${id}`, PEOPLE[who].user)).join('\n');
  const signedIn = async (how: 'console' | 'api'): Promise<StaffClient> => {
    // PUBLIC_URL is https (for the Telegram webhook): the console's cookies are secure, as behind a proxy.
    const staff = new StaffClient(running.harness.baseUrl, { 'x-forwarded-proto': 'https' });
    if (how === 'console') expect((await staff.consoleSignIn(ADMIN.email, ADMIN.password)).status).toBe(303);
    else expect((await staff.apiSignIn(ADMIN.email, ADMIN.password)).status).toBe(201);
    return staff;
  };

  it('staff translate an approved listing on the review page; English speakers browse it in English, Arabic speakers get the German original with the note', async () => {
    const move = (await market().browse(APP_TEST_TENANT, 'transport')).find((listing) => listing.title === 'Transporter für einen Umzug gesucht')!;
    const staff = await signedIn('console');
    const queue = await staff.page('/console/marketplace');
    expect(queue.html).toContain('Im Marktplatz zu sehen: 5');
    expect(queue.html).toContain(`href="/console/marketplace/${move._id}"`);

    const form = await staff.page(`/console/marketplace/${move._id}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('Eintrag übersetzen');
    expect(form.html).toContain('name="tr.en.title"');
    expect(form.html).toContain('name="tr.ar.description"');
    // The original is German: no German "translation" to fill in.
    expect(form.html).not.toContain('name="tr.de.title"');

    const tooLong = await staff.postForm(`/console/marketplace/${move._id}/translations`, { language: 'de', 'tr.en.title': 'x'.repeat(121), 'tr.en.description': MOVE_EN.description });
    expect(tooLong.status).toBe(422);
    const refused = await tooLong.text();
    expect(refused).toContain('<p class="field-error" id="f-tr.en.title-error">Der Text ist zu lang.</p>');
    // What was typed stays in the form.
    expect(refused).toContain(MOVE_EN.description);

    const saved = await staff.postForm(`/console/marketplace/${move._id}/translations`, { language: 'de', 'tr.en.title': MOVE_EN.title, 'tr.en.description': MOVE_EN.description });
    expect(saved.status).toBe(303);
    const after = await staff.page(saved.headers.get('location')!);
    expect(after.html).toContain('Übersetzungen gespeichert.');
    expect(after.html).toContain(`value="${MOVE_EN.title}"`);
    expect((await staff.page('/console/marketplace')).html).toMatch(/Transporter für einen Umzug gesucht<\/a><\/td><td>[^<]*<\/td><td>Deutsch<\/td><td>Englisch<\/td>/);
    // The audit log names the listing by id and the languages, never the texts (they quote the poster).
    const events = await auditOf(move._id);
    expect(events.map((event) => event.action)).toEqual(['listing.translated']);
    expect(events[0]!.details).toBe('language=de, translations=en');
    expect(JSON.stringify(events)).not.toMatch(/Transporter|Van wanted/);

    await startChat('en');
    await running.chat.press(en('marketplace:menu'), PEOPLE.en.user);
    const category = await running.chat.press(`${en('marketplace:categories.transport')} (1)`, PEOPLE.en.user);
    expect(textsOf(category).join('\n')).toContain(`1. ${en('marketplace:kinds.need')}: ${MOVE_EN.title} – Jugendtreff Ölberg (Elberfeld)`);
    const details = textsOf(await running.chat.press(/^1\. /, PEOPLE.en.user)).join('\n');
    expect(details).toContain(`${en('marketplace:kinds.need')}: ${MOVE_EN.title}`);
    expect(details).toContain(MOVE_EN.description);
    expect(details).not.toContain(en('common:onlyInGerman'));
    expect(details).not.toContain(move.description);

    await startChat('ar');
    const arabic = await openListing('ar', move._id);
    expect(arabic).toContain(move.title);
    expect(arabic).toContain(move.description);
    expect(arabic).toContain(ar('common:onlyInGerman'));
  });

  it('shows a listing posted in Turkish as written, with an honest note, until staff translate it through the admin API', async () => {
    await startChat('tr');
    const poster = PEOPLE.tr.user;
    await running.chat.press(tr('marketplace:menu'), poster);
    await running.chat.press(tr('marketplace:postButton'), poster);
    await running.chat.press(tr('marketplace:post.offer'), poster);
    await running.chat.press(tr('marketplace:posterTypes.company'), poster);
    await running.chat.say('Yıldız Marangoz', poster);
    await running.chat.say('Dernekler için küçük onarımlar', poster);
    await running.chat.say('Ayda bir kez dernek odalarındaki mobilyaları ve kapıları ücretsiz onarıyoruz.', poster);
    await running.chat.press(tr('marketplace:categories.craft'), poster);
    await running.chat.say('cronenberg', poster);
    await running.chat.press(tr('marketplace:audiences.everyone'), poster);
    await running.chat.press(tr('marketplace:post.send'), poster);

    const api = await signedIn('api');
    const pending = (await (await api.api('GET', '/marketplace/pending')).json()) as { items: Array<{ id: string; title: string; language: Locale }> };
    const listing = pending.items.find((item) => item.title === 'Dernekler için küçük onarımlar')!;
    // The poster chatted in Turkish: the listing is recorded as Turkish.
    expect(listing.language).toBe('tr');
    expect((await api.api('POST', `/marketplace/listings/${listing.id}/approve`)).status).toBe(200);

    await startChat('de');
    const german = await openListing('de', listing.id);
    expect(german).toContain('Dernekler için küçük onarımlar');
    expect(german).toContain(de('marketplace:onlyInOriginal'));
    // Not "only in German": it is not German.
    expect(german).not.toContain(de('common:onlyInGerman'));
    const turkish = await openListing('tr', listing.id);
    expect(turkish).toContain('Ayda bir kez dernek odalarındaki mobilyaları');
    expect(turkish).not.toContain(tr('marketplace:onlyInOriginal'));

    const tooLong = await api.api('PUT', `/marketplace/listings/${listing.id}/translations`, { translations: { de: { title: 'x'.repeat(121) } } });
    expect(tooLong.status).toBe(422);
    expect(((await tooLong.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ 'tr.de.title': 'Der Text ist zu lang.' });
    expect((await api.api('PUT', '/marketplace/listings/m-unknown/translations', { translations: {} })).status).toBe(404);

    const translated = await api.api('PUT', `/marketplace/listings/${listing.id}/translations`, {
      translations: { de: { title: 'Kleine Reparaturen für Vereine', description: 'Einmal im Monat reparieren wir kostenlos Möbel und Türen in Vereinsräumen.' }, tr: { title: 'ignored: the original language' } },
    });
    expect(translated.status).toBe(200);
    expect(await translated.json()).toMatchObject({ id: listing.id, language: 'tr', translations: { de: { title: 'Kleine Reparaturen für Vereine' } } });
    expect((await market().findListing(APP_TEST_TENANT, listing.id))!.translations).toEqual({ de: { title: 'Kleine Reparaturen für Vereine', description: 'Einmal im Monat reparieren wir kostenlos Möbel und Türen in Vereinsräumen.' } });

    const germanNow = await openListing('de', listing.id);
    expect(germanNow).toContain('Angebot: Kleine Reparaturen für Vereine');
    expect(germanNow).toContain('Einmal im Monat reparieren wir kostenlos Möbel und Türen in Vereinsräumen.');
    expect(germanNow).not.toContain(de('marketplace:onlyInOriginal'));
    // An English speaker has neither language: the Turkish original, with the note in English.
    await startChat('en');
    const english = await openListing('en', listing.id);
    expect(english).toContain('Dernekler için küçük onarımlar');
    expect(english).toContain(en('marketplace:onlyInOriginal'));
    expect((await auditOf(listing.id)).map((event) => event.action).sort()).toEqual(['listing.approved', 'listing.translated']);
  });
});
