import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { StaffClient } from './staff-client.js';

const ADMIN = { email: 'admin@wuppertal.example', password: 'the first admin password' };

describe('the console pages (HTML forms)', () => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await startTestApp({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, overrides: { staff: { loginAttemptsPerWindow: 1000 } } });
  });
  afterAll(() => harness?.stop());

  it('sends a visitor to the sign-in page and back to where they wanted to go', async () => {
    const client = new StaffClient(harness.baseUrl);
    const first = await client.fetch('/console/audit');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/console/login?next=%2Fconsole%2Faudit');
    const login = await client.page('/console/login?next=%2Fconsole%2Faudit');
    expect(login.html).toContain('<label for="f-email">E-Mail-Adresse');
    expect(login.html).toContain('href="#main"');
    const hiddenTenant = /name="tenant" value="([^"]+)"/.exec(login.html)![1]!;
    const signedIn = await client.postForm('/console/login', { email: ADMIN.email, password: ADMIN.password, tenant: hiddenTenant, next: '/console/audit' });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/console/audit');
    const audit = await client.page('/console/audit');
    expect(audit.status).toBe(200);
    expect(audit.html).toContain('staff.signed-in');
  });

  it('never redirects to another site after sign-in', async () => {
    const client = new StaffClient(harness.baseUrl);
    await client.page('/console/login');
    const response = await client.postForm('/console/login', { email: ADMIN.email, password: ADMIN.password, tenant: 'wuppertal', next: '//evil.example/' });
    expect(response.headers.get('location')).toBe('/console/');
  });

  it('says what went wrong on a failed sign-in and keeps the address typed', async () => {
    const client = new StaffClient(harness.baseUrl);
    await client.page('/console/login');
    const response = await client.postForm('/console/login', { email: ADMIN.email, password: 'wrong password here', tenant: 'wuppertal' });
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('E-Mail-Adresse oder Passwort stimmt nicht');
    expect(html).toContain(`value="${ADMIN.email}"`);
    expect(html).not.toContain('wrong password here');
  });

  it('refuses a sign-in form without its token (login CSRF)', async () => {
    const client = new StaffClient(harness.baseUrl);
    const response = await client.postForm('/console/login', { email: ADMIN.email, password: ADMIN.password, tenant: 'wuppertal', _csrf: 'forged' });
    expect(response.status).toBe(403);
    expect(client.cookies.has('kosi_console')).toBe(false);
  });

  it('shows field messages next to the fields and keeps what was typed', async () => {
    const client = new StaffClient(harness.baseUrl);
    await client.consoleSignIn(ADMIN.email, ADMIN.password);
    await client.page('/console/staff');
    const response = await client.postForm('/console/staff', { name: 'Nora Neu', email: 'nora(at)example', role: 'editor', password: 'short' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/id="f-email"[^>]*value="nora\(at\)example"|value="nora\(at\)example"[^>]*id="f-email"/);
    expect(html).toContain('value="Nora Neu"');
    expect(html).toContain('<p class="field-error" id="f-email-error">Bitte eine gültige E-Mail-Adresse eingeben.</p>');
    expect(html).toContain('<p class="field-error" id="f-password-error">Mindestens 12 Zeichen.</p>');
    expect(html).toContain('aria-describedby="f-password-hint f-password-error"');
    // The password is never sent back.
    expect(html).not.toContain('value="short"');
  });

  it('shows HTML typed into a field as text, never as markup', async () => {
    const client = new StaffClient(harness.baseUrl);
    await client.consoleSignIn(ADMIN.email, ADMIN.password);
    await client.page('/console/staff');
    const created = await client.postForm('/console/staff', { name: '<script>alert("x")</script><img src=x onerror=alert(1)>', email: 'xss@wuppertal.example', role: 'editor', password: 'a long enough password' });
    expect(created.status).toBe(303);
    const page = await client.page('/console/staff');
    expect(page.html).not.toContain('<script>alert');
    expect(page.html).not.toContain('<img src=x');
    expect(page.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('refuses form fields named like Mongo operators', async () => {
    const client = new StaffClient(harness.baseUrl);
    await client.consoleSignIn(ADMIN.email, ADMIN.password);
    await client.page('/console/staff');
    const response = await client.postForm('/console/staff', { name: 'X', email: 'x@y.example', role: 'editor', password: 'a long enough password', $where: '1' });
    expect(response.status).toBe(400);
  });

  it('refuses a console form without the session\'s CSRF token', async () => {
    const client = new StaffClient(harness.baseUrl);
    await client.consoleSignIn(ADMIN.email, ADMIN.password);
    const response = await client.postForm('/console/staff', { _csrf: 'not-the-token', name: 'X', email: 'x@y.example', role: 'editor', password: 'a long enough password' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Keine Berechtigung');
  });

  it('changes the password through the form and signs out', async () => {
    const client = new StaffClient(harness.baseUrl);
    const admin = new StaffClient(harness.baseUrl);
    await admin.consoleSignIn(ADMIN.email, ADMIN.password);
    await admin.page('/console/staff');
    await admin.postForm('/console/staff', { name: 'Tom', email: 'tom@wuppertal.example', role: 'counsellor', password: 'tom has a long password' });
    await client.consoleSignIn('tom@wuppertal.example', 'tom has a long password');
    await client.page('/console/password');
    const short = await client.postForm('/console/password', { currentPassword: 'tom has a long password', newPassword: 'short' });
    expect(short.status).toBe(422);
    await client.page('/console/password');
    const changed = await client.postForm('/console/password', { currentPassword: 'tom has a long password', newPassword: 'tom has a newer password' });
    expect(changed.status).toBe(303);
    // A counsellor sees no staff or audit pages.
    expect((await client.page('/console/staff')).status).toBe(403);
    const dashboard = await client.page('/console/');
    expect(dashboard.html).not.toContain('href="/console/staff"');
    const out = await client.postForm('/console/logout', {});
    expect(out.status).toBe(303);
    expect((await client.fetch('/console/')).status).toBe(303);
  });

  it('shows the dashboard with people by channel and the weekly chart data', async () => {
    const visit = await harness.openWebChat();
    await visit.client.waitForBotReply((activity) => activity.type === 'message' && (activity.suggestedActions?.actions ?? []).length > 0);
    await visit.pressButton('Deutsch');
    await visit.client.waitForBotReply((activity) => activity.type === 'message' && (activity.suggestedActions?.actions ?? []).some((action) => action.title === 'Einverstanden'));
    await visit.pressButton('Einverstanden');
    await visit.client.waitForBotReply((activity) => activity.type === 'message' && /Was möchtest du tun/.test(activity.text ?? ''));
    visit.client.end();

    const client = new StaffClient(harness.baseUrl);
    await client.consoleSignIn(ADMIN.email, ADMIN.password);
    const page = await client.page('/console/');
    expect(page.html).toContain('Personen: 1');
    // Channel, language and status in words, not as raw keys.
    expect(page.html).toMatch(/<th scope="row">Web-Chat<\/th><td>1<\/td>/);
    expect(page.html).toMatch(/<th scope="row">Deutsch<\/th><td>1<\/td>/);
    expect(page.html).toMatch(/<th scope="row">aktiv<\/th><td>1<\/td>/);
    expect(page.html).toContain('data-chart="[{&quot;week&quot;');
    const api = new StaffClient(harness.baseUrl);
    await api.apiSignIn(ADMIN.email, ADMIN.password);
    const dashboard = (await (await api.api('GET', '/dashboard')).json()) as { people: { total: number; perWeek: Array<{ count: number }> } };
    expect(dashboard.people.total).toBe(1);
    expect(dashboard.people.perWeek.at(-1)!.count).toBe(1);
  });
});
