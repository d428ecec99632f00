import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTelegramSubscribers } from '../../support/broadcast-fixtures.js';
import { APP_TEST_TENANT } from '../../support/test-app.js';
import { broadcastIdOf, composerForm, startConsoleApp, type ConsoleApp } from './console-fixtures.js';

/** The broadcast pages as HTML forms: who may see them, the composer's checks, counting, preview. */
describe('the broadcast console pages', () => {
  let app: ConsoleApp;
  beforeAll(async () => {
    app = await startConsoleApp();
    // Four subscribers: German, English, German, English.
    await seedTelegramSubscribers(app.harness.app.store, APP_TEST_TENANT, 4);
  });
  afterAll(() => app?.stop());

  it('shows "Ankündigungen" to editors and admins, and answers 403 to a counsellor on every broadcast page', async () => {
    const editor = await app.signIn('editor');
    const home = await editor.page('/console/');
    expect(home.html).toContain('href="/console/broadcasts">Ankündigungen</a>');
    const list = await editor.page('/console/broadcasts');
    expect(list.status).toBe(200);
    expect(list.html).toContain('Noch keine Ankündigungen.');
    expect(list.html).not.toContain('href="/console/broadcasts/settings"');
    expect((await editor.page('/console/broadcasts/settings')).status).toBe(403);

    const counsellor = await app.signIn('counsellor');
    expect((await counsellor.page('/console/')).html).not.toContain('/console/broadcasts');
    for (const path of ['/console/broadcasts', '/console/broadcasts/new', '/console/broadcasts/settings', '/console/broadcasts/my-chat', '/console/broadcasts/bc123', '/console/broadcasts/bc123/edit', '/console/broadcasts/bc123/progress']) {
      const page = await counsellor.page(path);
      expect(page.status, path).toBe(403);
      expect(page.html, path).toContain('Deine Rolle erlaubt das nicht.');
    }
    for (const path of ['/console/broadcasts', '/console/broadcasts/bc123', '/console/broadcasts/bc123/submit', '/console/broadcasts/bc123/cancel', '/console/broadcasts/settings', '/console/broadcasts/my-chat/unlink']) {
      const response = await counsellor.postForm(path, composerForm());
      expect(response.status, path).toBe(403);
      await response.body?.cancel();
    }
    expect(await app.harness.app.broadcasts.list(APP_TEST_TENANT)).toEqual([]);
  });

  it('offers topics, languages, interests, districts and upcoming workshops in German', async () => {
    const editor = await app.signIn('editor');
    const { html } = await editor.page('/console/broadcasts/new');
    expect(html).toContain('<option value="workshops">Workshops</option>');
    expect(html).toContain('Text auf Deutsch');
    expect(html).toContain('Text auf Englisch');
    expect(html).toContain('Standardsprache der Stadt (Deutsch)');
    expect(html).toContain('HTML oder andere Auszeichnungen werden nicht ausgewertet');
    expect(html).toMatch(/value="kids"[^>]*> Kinder &amp; Jugend/);
    expect(html).toMatch(/value="Elberfeld"[^>]*> Elberfeld/);
    expect(html).toMatch(/value="webchat"[^>]*> Web-Chat/);
    // The demo workshops of Wuppertal, for the button and the audience filter.
    expect(html).toMatch(/<select id="f-button.workshop" name="button.workshop"[\s\S]*?<option value="[\w-]+">[^<]+\(\d/);
    expect(html).toContain('name="audience.workshopId"');
    expect(html).toContain('type="date"');
  });

  it('shows what is wrong next to each field and keeps everything typed', async () => {
    const editor = await app.signIn('editor');
    await editor.page('/console/broadcasts/new');
    const response = await editor.postForm(
      '/console/broadcasts',
      composerForm({
        title: '  ',
        'texts.de': 'Hallo <b>Stadt</b> & Umgebung',
        'texts.en': '',
        'button.kind': 'url',
        'button.target': 'javascript:alert(1)',
        'audience.districtsOther': 'Ölberg, Wir treffen uns am 3. Mai um 18 Uhr',
        'audience.joinedAfter': '2025-05-01',
        'audience.joinedBefore': '2025-04-01',
        'audience.locales': ['en'],
      }),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Bitte 4 Feld(er) korrigieren');
    expect(html).toMatch(/id="f-title"[^>]*aria-invalid="true"[\s\S]*?Bitte ausfüllen\./);
    expect(html).toMatch(/id="f-button.target-error">Bitte eine Adresse mit https:\/\/ eingeben\./);
    expect(html).toMatch(/id="f-audience.districtsOther-error">Bitte Stadtteile mit Kommas getrennt angeben/);
    expect(html).toMatch(/id="f-audience.joinedBefore-error">„Dabei vor“ muss nach „Dabei seit“ liegen\./);
    // Kept as typed (and escaped: shown as text, never as markup).
    expect(html).toContain('Hallo &lt;b&gt;Stadt&lt;/b&gt; &amp; Umgebung</textarea>');
    expect(html).toContain('value="2025-05-01"');
    expect(html).toMatch(/value="en" id="[^"]+" checked/);
    expect(html).toMatch(/name="button.kind" value="url"[^>]*checked/);
    expect(await app.harness.app.broadcasts.list(APP_TEST_TENANT)).toEqual([]);
  });

  it('asks for the text in the city\'s language; the other languages are optional', async () => {
    const editor = await app.signIn('editor');
    await editor.page('/console/broadcasts/new');
    const response = await editor.postForm('/console/broadcasts', composerForm({ 'texts.de': ' ', 'texts.en': 'Only in English' }));
    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/id="f-texts.de-error">Bitte den Text in der Sprache der Stadt schreiben \(meist Deutsch\)\./);
  });

  it('counts the audience of the filter while composing, without saving anything', async () => {
    const editor = await app.signIn('editor');
    await editor.page('/console/broadcasts/new');
    const everyone = await editor.postForm('/console/broadcasts', composerForm({ intent: 'count', title: '' }));
    expect(everyone.status).toBe(200);
    const everyoneHtml = await everyone.text();
    expect(everyoneHtml).toContain('Zielgruppe jetzt: 4 Personen');
    expect(everyoneHtml).toContain('Telegram: 4, Web-Chat: 0');
    expect(everyoneHtml).toContain('Deutsch: 2, Englisch: 2');
    // The title is missing, but counting does not complain about it.
    expect(everyoneHtml).not.toContain('Bitte ausfüllen.');

    const english = await editor.postForm('/console/broadcasts', composerForm({ intent: 'count', 'audience.locales': 'en' }));
    expect(await english.text()).toContain('Zielgruppe jetzt: 2 Personen');

    const nobody = await editor.postForm('/console/broadcasts', composerForm({ intent: 'count', 'audience.channels': 'webchat' }));
    expect(await nobody.text()).toContain('Zielgruppe jetzt: niemand. Mit diesen Einstellungen würde nichts gesendet.');
    expect(await app.harness.app.broadcasts.list(APP_TEST_TENANT)).toEqual([]);
  });

  it('saves a draft once (a double submit leads to the same draft) and shows each language as people will see it', async () => {
    const editor = await app.signIn('editor');
    await editor.page('/console/broadcasts/new');
    const fields = composerForm({ title: 'Nur Deutsch', 'texts.de': 'Hallo <i>Wuppertal</i>!\n\nZweiter Absatz.', 'texts.en': '', 'button.kind': 'url', 'button.target': 'https://www.wuppertal.de/', 'button.labels.de': 'Mehr dazu' });
    const created = await editor.postForm('/console/broadcasts', fields);
    expect(created.status).toBe(303);
    const id = broadcastIdOf(created);
    expect(created.headers.get('location')).toBe(`/console/broadcasts/${id}?notice=created`);
    const again = await editor.postForm('/console/broadcasts', fields);
    expect(again.headers.get('location')).toBe(created.headers.get('location'));
    expect(await app.harness.app.broadcasts.list(APP_TEST_TENANT)).toHaveLength(1);

    const { html } = await editor.page(`/console/broadcasts/${id}?notice=created`);
    expect(html).toContain('Entwurf gespeichert.');
    expect(html).toContain('Hallo &lt;i&gt;Wuppertal&lt;/i&gt;!\n\nZweiter Absatz.');
    expect(html).toMatch(/Abbestellen: \/stop/);
    expect(html).toMatch(/Unsubscribe: \/stop/);
    // English has no text of its own: marked, and it shows the German text.
    expect(html).toMatch(/<h3 id="preview-en">Englisch<\/h3>\s*<p class="hint fallback">/);
    expect(html).not.toMatch(/<h3 id="preview-de">Deutsch<\/h3>\s*<p class="hint fallback">/);
    expect(html).toContain('<span class="button-preview">Mehr dazu</span>');
    expect(html).toContain('Erreicht jetzt 4 Personen');
    expect(html).toContain('Web-Link: https://www.wuppertal.de/');

    const audit = await app.harness.app.staffConsole.audit.list(APP_TEST_TENANT, { action: 'broadcast.created' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: { email: 'erika@wuppertal.example' }, target: { type: 'broadcast', id, label: 'Nur Deutsch' } });
    expect(audit[0]!.details).toBe('topic=workshops; languages=de; button=url; longText=split');
  });

  it('edits a draft and refuses to edit what was sent', async () => {
    const editor = await app.signIn('editor');
    const [draft] = await app.harness.app.broadcasts.list(APP_TEST_TENANT);
    const form = await editor.page(`/console/broadcasts/${draft!._id}/edit`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="Nur Deutsch"');
    expect(form.html).toContain('value="https://www.wuppertal.de/"');
    expect(form.html).toContain('Hallo &lt;i&gt;Wuppertal&lt;/i&gt;!');
    const saved = await editor.postForm(`/console/broadcasts/${draft!._id}`, composerForm({ title: 'Deutsch und Englisch', 'audience.interests': ['kids', 'culture'], 'audience.districts': 'Elberfeld', 'audience.districtsOther': 'ölberg', 'audience.joinedAfter': '2024-01-01' }));
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/console/broadcasts/${draft!._id}?notice=saved`);
    const stored = await app.harness.app.broadcasts.get(APP_TEST_TENANT, draft!._id);
    expect(stored).toMatchObject({ title: 'Deutsch und Englisch', texts: { de: 'Am Samstag startet die Werkstattreihe.', en: 'The workshop series starts on Saturday.' } });
    expect(stored!.button).toBeUndefined();
    expect(stored!.audience).toMatchObject({ interests: ['kids', 'culture'], districts: ['Elberfeld', 'Ölberg'] });
    // Midnight in Berlin (winter time: UTC+1).
    expect(stored!.audience.joinedAfter?.toISOString()).toBe('2023-12-31T23:00:00.000Z');
    const page = await editor.page(`/console/broadcasts/${draft!._id}`);
    expect(page.html).toContain('Kinder &amp; Jugend, Kultur');
    expect(page.html).toContain('Elberfeld, Ölberg');
    // The seeded subscribers are no volunteers: nobody matches, and the page says so.
    expect(page.html).toContain('Niemand erfüllt diese Bedingungen. Es würde nichts gesendet');
    expect((await app.harness.app.staffConsole.audit.list(APP_TEST_TENANT, { action: 'broadcast.updated' }))[0]?.target.id).toBe(draft!._id);

    const refused = await editor.postForm(`/console/broadcasts/${draft!._id}/submit`, { when: 'now' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Niemand erfüllt diese Bedingungen. Es wird nichts gesendet');
    expect((await app.harness.app.broadcasts.get(APP_TEST_TENANT, draft!._id))?.status).toBe('draft');

    await app.harness.app.broadcasts.cancel(APP_TEST_TENANT, draft!._id, { id: 'x', name: 'X' });
    const notEditable = await editor.page(`/console/broadcasts/${draft!._id}/edit`);
    expect(notEditable.status).toBe(409);
    expect(notEditable.html).toContain('Nur Entwürfe können bearbeitet werden.');
    const update = await editor.postForm(`/console/broadcasts/${draft!._id}`, composerForm());
    expect(update.status).toBe(409);
  });

  it('marks a text too long for one Telegram message, and refuses to send it when the editor chose so', async () => {
    const editor = await app.signIn('editor');
    await editor.page('/console/broadcasts/new');
    const paragraph = 'Lorem ipsum dolor sit amet. '.repeat(60).trim();
    const created = await editor.postForm('/console/broadcasts', composerForm({ title: 'Lang', 'texts.en': [paragraph, paragraph, paragraph].join('\n\n'), longText: 'refuse' }));
    const id = broadcastIdOf(created);
    const page = await editor.page(`/console/broadcasts/${id}`);
    expect(page.html).toMatch(/<h3 id="preview-en">Englisch<\/h3>\s*<p class="problem too-long">Zu lang für eine Telegram-Nachricht: So wird die Ankündigung nicht gesendet/);
    const refused = await editor.postForm(`/console/broadcasts/${id}/submit`, { when: 'now' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Der Text auf Englisch ist zu lang für eine Telegram-Nachricht.');

    await editor.page(`/console/broadcasts/${id}/edit`);
    const split = await editor.postForm(`/console/broadcasts/${id}`, composerForm({ title: 'Lang', 'texts.en': [paragraph, paragraph, paragraph].join('\n\n'), longText: 'split' }));
    expect(split.status).toBe(303);
    expect((await editor.page(`/console/broadcasts/${id}`)).html).toContain('wird an Absätzen in 2 Nachrichten geteilt');
  });

  it('refuses a deep link the bot does not know, with the reason at the field', async () => {
    const editor = await app.signIn('editor');
    await editor.page('/console/broadcasts/new');
    const response = await editor.postForm('/console/broadcasts', composerForm({ 'button.kind': 'deep-link', 'button.target': 'no-such-journey' }));
    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/id="f-button.target-error">Diesen Einstieg kennt der Bot nicht/);
  });

  it('answers 404 for a broadcast of another city or none, on the page and the progress route', async () => {
    const editor = await app.signIn('editor');
    const foreign = await app.harness.app.broadcasts.create('dortmund', { id: 'x', name: 'X' }, { title: 'Dortmund', topic: 'city', texts: { de: 'Hallo' }, audience: { channels: [], locales: [], interests: [], districts: [], topics: [] }, longText: 'split' });
    for (const id of [foreign._id, 'bc-none']) {
      const page = await editor.page(`/console/broadcasts/${id}`);
      expect(page.status).toBe(404);
      expect(page.html).toContain('Diese Ankündigung gibt es in dieser Stadt nicht.');
      const progress = await editor.fetch(`/console/broadcasts/${id}/progress`);
      expect(progress.status).toBe(404);
      expect(await progress.json()).toMatchObject({ error: { code: 'NotFound' } });
    }
  });
});
