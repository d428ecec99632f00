import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffNoticeService } from '../../src/staff/notices/staff-notices.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectMatchesOpenApi } from './openapi.js';
import { StaffClient } from './staff-client.js';
import { DEED_INPUT } from './fixtures.js';

const ADMIN = { email: 'admin@wuppertal.example', password: 'the first admin password' };
const COUNSELLOR = { name: 'Carla Beratung', email: 'carla@wuppertal.example', role: 'counsellor', password: 'a long counsellor password' };
const EDITOR = { name: 'Erik Redaktion', email: 'erik@wuppertal.example', role: 'editor', password: 'a long editor password' };


interface NoticeJson {
  id: string;
  kind: string;
  subject: string;
  read: boolean;
  readAt?: string;
  link?: string;
  emailedTo?: string;
  opportunityId?: string;
}

describe('staff notices in the console ("Hinweise") and the admin API', () => {
  let harness: TestApp;
  let admin: StaffClient;
  let page: StaffClient;
  // Summer time: 10:15 UTC is 12:15 in Berlin.
  let now = new Date('2026-07-01T10:15:00Z');
  let deedId: string;
  let registrationNotice: NoticeJson;

  beforeAll(async () => {
    harness = await startTestApp({
      env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DEMO_CONTENT: 'none' },
      overrides: { clock: () => now, staff: { loginAttemptsPerWindow: 1000 } },
    });
    admin = new StaffClient(harness.baseUrl);
    expect((await admin.apiSignIn(ADMIN.email, ADMIN.password)).status).toBe(201);
    for (const account of [COUNSELLOR, EDITOR]) expect((await admin.api('POST', '/staff', account)).status).toBe(201);
    deedId = ((await (await admin.api('POST', '/content/deeds', DEED_INPUT)).json()) as { id: string }).id;
    page = new StaffClient(harness.baseUrl);
    await page.consoleSignIn(ADMIN.email, ADMIN.password);
  });
  afterAll(() => harness?.stop());

  it('shows a new deed registration as a notice in the API, with a link to the registrations', async () => {
    const volunteering = harness.app.features.volunteering;
    expect((await volunteering.opportunities.register('wuppertal', deedId, 'p-volunteer-1')).status).toBe('registered');

    const response = await admin.api('GET', '/notices');
    const body = (await expectMatchesOpenApi('get', '/notices', response)) as { items: NoticeJson[]; unread: number };
    registrationNotice = body.items.find((item) => item.kind === 'registration' && item.opportunityId === deedId)!;
    expect(registrationNotice).toMatchObject({ subject: 'Neue Anmeldung: Vorlesen in der Kita', read: false, link: `/console/deeds/${deedId}/registrations` });
    expect(body.unread).toBe(1);
    expect(JSON.stringify(body)).not.toContain('p-volunteer-1');

    const filtered = (await expectMatchesOpenApi('get', '/notices', await admin.api('GET', '/notices?unread=true&kind=registration'))) as { items: NoticeJson[] };
    expect(filtered.items.map((item) => item.id)).toEqual([registrationNotice.id]);
    const none = (await (await admin.api('GET', '/notices?kind=handoff')).json()) as { items: NoticeJson[] };
    expect(none.items).toEqual([]);
    const unknownKind = await admin.api('GET', '/notices?kind=everything');
    expect(unknownKind.status).toBe(400);
    await expectMatchesOpenApi('get', '/notices', unknownKind);
  });

  it('lists it on the page "Hinweise" in Berlin time, with an unread badge and a dashboard card', async () => {
    const notices = await page.page('/console/notices');
    expect(notices.status).toBe(200);
    expect(notices.html).toContain('<h1>Hinweise</h1>');
    expect(notices.html).toContain('<td>Neue Anmeldung</td>');
    expect(notices.html).toContain(`<a href="/console/deeds/${deedId}/registrations">Neue Anmeldung: Vorlesen in der Kita</a>`);
    expect(notices.html).toContain('01.07.2026, 12:15');
    expect(notices.html).toContain(`action="/console/notices/${registrationNotice.id}/read"`);
    // The navigation shows how many are unread.
    expect(notices.html).toMatch(/<a href="\/console\/notices" aria-current="page">Hinweise <span class="badge">1<span class="visually-hidden"> ungelesen<\/span><\/span><\/a>/);
    // The link leads to the deed's registrations.
    const registrations = await page.page(`/console/deeds/${deedId}/registrations`);
    expect(registrations.status).toBe(200);

    const dashboard = await page.page('/console/');
    expect(dashboard.html).toContain('Neue Hinweise: 1');
    expect(dashboard.html).toContain(`Neue Anmeldung: <a href="/console/deeds/${deedId}/registrations">Neue Anmeldung: Vorlesen in der Kita</a>`);
  });

  it('shows whom the notice was e-mailed to, newest first, and markup in a subject as text', async () => {
    now = new Date('2026-07-01T11:00:00Z');
    const mailed = new StaffNoticeService(harness.app.store, { send: async () => undefined }, () => now, async () => undefined);
    await mailed.record('wuppertal', { kind: 'listingSubmitted', listingId: 'l-1', subject: 'Neues Angebot: <script>alert(1)</script>', emailTo: 'marktplatz@wuppertal.example' });
    const notices = await page.page('/console/notices');
    expect(notices.html).toContain('<td>marktplatz@wuppertal.example</td>');
    expect(notices.html).not.toContain('<script>alert(1)</script>');
    expect(notices.html).toContain('Neues Angebot: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(notices.html.indexOf('Neues Angebot')).toBeLessThan(notices.html.indexOf('Neue Anmeldung: Vorlesen'));
    expect(notices.html).toContain('<a href="/console/marketplace">Neues Angebot');
    expect(notices.html).toContain('<span class="badge">2<');
  });

  it('keeps the notices link on a form re-shown after an error; the count is left to the next page load', async () => {
    await page.page('/console/deeds/new');
    const response = await page.postForm('/console/deeds', { title: '' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('<a href="/console/notices">Hinweise</a>');
    expect(html).not.toContain('class="badge"');
    expect((await page.page('/console/deeds')).html).toContain('<span class="badge">2<');
  });

  it('marks a notice as read with the form (CSRF, audited) and filters unread ones', async () => {
    await page.page('/console/notices?unread=true');
    const forged = await page.postForm(`/console/notices/${registrationNotice.id}/read`, { _csrf: 'forged' });
    expect(forged.status).toBe(403);
    const marked = await page.postForm(`/console/notices/${registrationNotice.id}/read`, { unread: 'true' });
    expect(marked.status).toBe(303);
    expect(marked.headers.get('location')).toBe('/console/notices?notice=noticeRead&unread=true');
    const unreadOnly = await page.page('/console/notices?notice=noticeRead&unread=true');
    expect(unreadOnly.html).toContain('Als gelesen markiert.');
    expect(unreadOnly.html).not.toContain('Neue Anmeldung: Vorlesen');
    expect(unreadOnly.html).toContain('Neues Angebot');
    expect(unreadOnly.html).toMatch(/id="f-unread" name="unread" value="true" checked/);
    const all = await page.page('/console/notices');
    expect(all.html).toMatch(/Neue Anmeldung: Vorlesen in der Kita<\/a><\/td>\s*<td>–<\/td>\s*<td>gelesen<\/td>/);
    expect(all.html).toContain('<span class="badge">1<');

    const audit = (await expectMatchesOpenApi('get', '/audit', await admin.api('GET', '/audit?action=notice.read'))) as { items: Array<{ action: string; actor: { email: string }; target: { id: string; label?: string } }> };
    expect(audit.items).toHaveLength(1);
    // By id only: a notice's subject may quote what a citizen wrote.
    expect(audit.items[0]).toMatchObject({ action: 'notice.read', actor: { email: ADMIN.email }, target: { type: 'notice', id: registrationNotice.id }, details: 'kind=registration' });
    expect(audit.items[0]!.target.label).toBeUndefined();
  });

  it('marks a notice as read through the API', async () => {
    const listed = (await (await admin.api('GET', '/notices?unread=true')).json()) as { items: NoticeJson[] };
    const listing = listed.items.find((item) => item.kind === 'listingSubmitted')!;
    const response = await admin.api('POST', `/notices/${listing.id}/read`);
    const body = (await expectMatchesOpenApi('post', '/notices/{id}/read', response)) as NoticeJson;
    expect(body).toMatchObject({ id: listing.id, read: true, emailedTo: 'marktplatz@wuppertal.example' });
    expect(body.readAt).toBe(now.toISOString());
    const after = (await (await admin.api('GET', '/notices?unread=true')).json()) as { items: NoticeJson[]; unread: number };
    expect(after).toMatchObject({ items: [], unread: 0 });
    expect((await admin.api('POST', `/notices/${listing.id}/read`, undefined, 'wrong-token')).status).toBe(403);
  });

  it('shows a counsellor only the handoff notices, with a link to the inbox thread', async () => {
    now = new Date('2026-07-01T11:30:00Z');
    await harness.app.notices.record('wuppertal', { kind: 'handoff', profileId: 'p-asker', requestId: 'h-123', subject: 'Gesprächswunsch: Arbeit & Beruf' });
    const counsellor = new StaffClient(harness.baseUrl);
    expect((await counsellor.apiSignIn(COUNSELLOR.email, COUNSELLOR.password)).status).toBe(201);
    const body = (await expectMatchesOpenApi('get', '/notices', await counsellor.api('GET', '/notices'))) as { items: NoticeJson[]; unread: number };
    expect(body.items.map((item) => item.kind)).toEqual(['handoff']);
    expect(body.items[0]).toMatchObject({ subject: 'Gesprächswunsch: Arbeit & Beruf', link: '/console/handoffs/h-123' });
    expect(body.unread).toBe(1);
    const forbidden = await counsellor.api('GET', '/notices?kind=registration');
    expect(forbidden.status).toBe(403);
    await expectMatchesOpenApi('get', '/notices', forbidden);
    const notTheirs = await counsellor.api('POST', `/notices/${registrationNotice.id}/read`);
    expect(notTheirs.status).toBe(404);
    await expectMatchesOpenApi('post', '/notices/{id}/read', notTheirs);

    const console = new StaffClient(harness.baseUrl);
    await console.consoleSignIn(COUNSELLOR.email, COUNSELLOR.password);
    const html = (await console.page('/console/notices')).html;
    expect(html).toContain('<a href="/console/handoffs/h-123">Gesprächswunsch: Arbeit &amp; Beruf</a>');
    expect(html).not.toContain('Neue Anmeldung');
    expect(html).not.toContain('Neues Angebot');
    expect(html).not.toContain('<option value="registration"');
    expect(html).toContain('<span class="badge">1<');
    const dashboard = (await console.page('/console/')).html;
    expect(dashboard).toContain('Neue Hinweise: 1');
    expect(dashboard).not.toContain('Neue Anmeldung');

    // An editor sees every kind, but no link into the inbox (editors do not answer handoffs).
    const editor = new StaffClient(harness.baseUrl);
    await editor.apiSignIn(EDITOR.email, EDITOR.password);
    const editorView = (await (await editor.api('GET', '/notices')).json()) as { items: NoticeJson[] };
    expect(editorView.items.map((item) => item.kind)).toEqual(['handoff', 'listingSubmitted', 'registration']);
    expect(editorView.items[0]!.link).toBeUndefined();
  });

  it("refuses another city's notice (404) and never lists it", async () => {
    const foreign = await harness.app.notices.record('dortmund', { kind: 'registration', opportunityId: 'o-dortmund', subject: 'Neue Anmeldung: Dortmunder Tafel' });
    const api = await admin.api('POST', `/notices/${foreign._id}/read`);
    expect(api.status).toBe(404);
    await expectMatchesOpenApi('post', '/notices/{id}/read', api);
    await page.page('/console/notices');
    const form = await page.postForm(`/console/notices/${foreign._id}/read`, {});
    expect(form.status).toBe(404);
    expect(await form.text()).toContain('Diesen Hinweis gibt es in dieser Stadt nicht.');
    const listed = (await (await admin.api('GET', '/notices')).json()) as { items: NoticeJson[] };
    expect(listed.items.map((item) => item.subject)).not.toContain('Neue Anmeldung: Dortmunder Tafel');
    expect((await harness.app.notices.list('dortmund'))[0]!.readAt).toBeUndefined();
  });
});
