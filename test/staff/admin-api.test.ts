import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { StaffClient } from './staff-client.js';
import { fakeTelegramApi, isolateNetwork } from '../support/telegram-api.js';
import { APP_TEST_TOKEN } from '../support/test-app.js';
import { expectMatchesOpenApi } from './openapi.js';

const ADMIN = { email: 'admin@wuppertal.example', password: 'the first admin password' };

describe('the admin API: sign-in, CSRF, roles, validation', () => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await startTestApp({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  });
  afterAll(() => harness?.stop());

  it('refuses everything without a session, and signs in the first admin from ADMIN_EMAIL/ADMIN_PASSWORD', async () => {
    const client = new StaffClient(harness.baseUrl);
    const anonymous = await client.api('GET', '/session');
    expect(anonymous.status).toBe(401);
    await expectMatchesOpenApi('get', '/session', anonymous);

    const wrong = await client.apiSignIn(ADMIN.email, 'not the password at all');
    expect(wrong.status).toBe(401);
    await expectMatchesOpenApi('post', '/session', wrong);

    const signedIn = await client.apiSignIn(ADMIN.email, ADMIN.password);
    expect(signedIn.status).toBe(201);
    await expectMatchesOpenApi('post', '/session', signedIn);
    const cookie = client.lastSetCookies.find((line) => line.startsWith('kosi_console='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // Plain http on loopback without PUBLIC_URL: not Secure (the browser would drop it).
    expect(cookie).not.toMatch(/Secure/i);

    const session = await client.api('GET', '/session');
    expect(session.status).toBe(200);
    const body = await expectMatchesOpenApi('get', '/session', session);
    expect(body).toMatchObject({ user: { email: ADMIN.email, role: 'admin' }, tenant: { id: 'wuppertal' } });
    expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash|failedLogins/);

    expect((await client.api('DELETE', '/session')).status).toBe(204);
    expect((await client.api('GET', '/session')).status).toBe(401);
  });

  it('needs the CSRF header on every state-changing request', async () => {
    const client = new StaffClient(harness.baseUrl);
    await client.apiSignIn(ADMIN.email, ADMIN.password);
    const newUser = { name: 'Eda Editor', email: 'eda@wuppertal.example', role: 'editor', password: 'eda has a long password' };
    const without = await client.api('POST', '/staff', newUser, '');
    expect(without.status).toBe(403);
    await expectMatchesOpenApi('post', '/staff', without);
    expect((await client.api('POST', '/staff', newUser, 'a-wrong-token-of-some-length-000000000000')).status).toBe(403);
    const created = await client.api('POST', '/staff', newUser);
    expect(created.status).toBe(201);
    await expectMatchesOpenApi('post', '/staff', created);
    // Reads need no token.
    const list = await client.api('GET', '/staff', undefined, '');
    expect(list.status).toBe(200);
    const { items } = (await expectMatchesOpenApi('get', '/staff', list)) as { items: Array<{ email: string }> };
    expect(items.map((user) => user.email)).toContain('eda@wuppertal.example');
  });

  it('answers invalid input with a message per field, and Mongo operators with 400', async () => {
    const client = new StaffClient(harness.baseUrl);
    await client.apiSignIn(ADMIN.email, ADMIN.password);
    const invalid = await client.api('POST', '/staff', { name: '', email: 'not-an-address', role: 'boss', password: 'short' });
    expect(invalid.status).toBe(422);
    const body = (await expectMatchesOpenApi('post', '/staff', invalid)) as { error: { fields: Record<string, string> } };
    expect(Object.keys(body.error.fields).sort()).toEqual(['email', 'name', 'password', 'role']);
    expect(body.error.fields['password']).toBe('Mindestens 12 Zeichen.');

    const operator = await client.api('POST', '/staff', { name: 'X', email: { $gt: '' }, role: 'editor', password: 'long enough password' });
    expect(operator.status).toBe(400);
    expect(await operator.json()).toMatchObject({ error: { message: expect.stringContaining('"$gt"') } });
    const operatorSignIn = await new StaffClient(harness.baseUrl).api('POST', '/session', { email: ADMIN.email, password: { $ne: 'x' } });
    expect(operatorSignIn.status).toBe(400);
    const notJson = await new StaffClient(harness.baseUrl).fetch('/api/admin/session', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a&password=b' });
    expect(notJson.status).toBe(415);
  });

  it('gives each role only its pages: an editor cannot manage staff, a counsellor cannot read the audit log', async () => {
    const admin = new StaffClient(harness.baseUrl);
    await admin.apiSignIn(ADMIN.email, ADMIN.password);
    await admin.api('POST', '/staff', { name: 'Carl', email: 'carl@wuppertal.example', role: 'counsellor', password: 'carl has a long password' });
    const editor = new StaffClient(harness.baseUrl);
    await admin.api('POST', '/staff', { name: 'Erik', email: 'erik@wuppertal.example', role: 'editor', password: 'erik has a long password' });
    expect((await editor.apiSignIn('erik@wuppertal.example', 'erik has a long password')).status).toBe(201);
    const forbidden = await editor.api('GET', '/staff');
    expect(forbidden.status).toBe(403);
    await expectMatchesOpenApi('get', '/staff', forbidden);
    expect((await editor.api('GET', '/dashboard')).status).toBe(200);
    const counsellor = new StaffClient(harness.baseUrl);
    await counsellor.apiSignIn('carl@wuppertal.example', 'carl has a long password');
    expect((await counsellor.api('GET', '/audit')).status).toBe(403);
  });

  it('writes every change to the audit log (who, what, when, which item)', async () => {
    const admin = new StaffClient(harness.baseUrl);
    await admin.apiSignIn(ADMIN.email, ADMIN.password);
    const created = (await (await admin.api('POST', '/staff', { name: 'Ina', email: 'ina@wuppertal.example', role: 'editor', password: 'ina has a long password' })).json()) as { id: string };
    const changed = await admin.api('PATCH', `/staff/${created.id}`, { role: 'counsellor' });
    expect(changed.status).toBe(200);
    await expectMatchesOpenApi('patch', '/staff/{id}', changed);
    const audit = await admin.api('GET', '/audit');
    const { items } = (await expectMatchesOpenApi('get', '/audit', audit)) as { items: Array<{ action: string; actor: { email: string }; target: { id: string }; at: string }> };
    const mine = items.filter((event) => event.target.id === created.id).map((event) => event.action);
    expect(mine).toEqual(['staff.updated', 'staff.created']);
    expect(items[0]!.actor.email).toBe(ADMIN.email);
  });

  it('locks an account after five wrong passwords, even against the right one, and answers like for an unknown address', async () => {
    const admin = new StaffClient(harness.baseUrl);
    await admin.apiSignIn(ADMIN.email, ADMIN.password);
    await admin.api('POST', '/staff', { name: 'Lou', email: 'lou@wuppertal.example', role: 'editor', password: 'lou has a long password' });
    const client = new StaffClient(harness.baseUrl);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) statuses.push((await client.apiSignIn('lou@wuppertal.example', `guess number ${attempt}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const locked = await client.apiSignIn('lou@wuppertal.example', 'lou has a long password');
    const unknown = await client.apiSignIn('nobody@wuppertal.example', 'lou has a long password');
    expect(locked.status).toBe(401);
    await expectMatchesOpenApi('post', '/session', locked);
    // No account enumeration: a locked account and an unknown address get the same answer.
    expect(unknown.status).toBe(locked.status);
    expect(await unknown.text()).toBe(await locked.text());
    // Admins see the failures and the lock-out in the audit log, without passwords or full addresses.
    const audit = (await (await admin.api('GET', '/audit?limit=50')).json()) as { items: Array<{ action: string; actor: { email: string }; target: { id: string; label?: string }; details?: string }> };
    const failed = audit.items.filter((event) => event.action === 'staff.sign-in-failed');
    expect(failed.length).toBeGreaterThanOrEqual(7);
    expect(audit.items.filter((event) => event.action === 'staff.locked')).toHaveLength(1);
    const text = JSON.stringify(audit.items.filter((event) => event.action === 'staff.sign-in-failed' || event.action === 'staff.locked'));
    expect(text).not.toContain('guess number');
    expect(text).not.toContain('lou has a long password');
    expect(text).not.toContain('lou@wuppertal.example');
    expect(failed.map((event) => event.target.label)).toEqual(expect.arrayContaining(['lo…@wuppertal.example', 'no…@wuppertal.example']));
  });

  it('changes the password and signs out the other sessions of that person', async () => {
    const admin = new StaffClient(harness.baseUrl);
    await admin.apiSignIn(ADMIN.email, ADMIN.password);
    await admin.api('POST', '/staff', { name: 'Pia', email: 'pia@wuppertal.example', role: 'editor', password: 'pia has a long password' });
    const laptop = new StaffClient(harness.baseUrl);
    const phone = new StaffClient(harness.baseUrl);
    await laptop.apiSignIn('pia@wuppertal.example', 'pia has a long password');
    await phone.apiSignIn('pia@wuppertal.example', 'pia has a long password');
    const wrong = await laptop.api('POST', '/password', { currentPassword: 'not it', newPassword: 'pia has a new long password' });
    expect(wrong.status).toBe(422);
    const changed = await laptop.api('POST', '/password', { currentPassword: 'pia has a long password', newPassword: 'pia has a new long password' });
    expect(changed.status).toBe(204);
    expect((await laptop.api('GET', '/session')).status).toBe(200);
    expect((await phone.api('GET', '/session')).status).toBe(401);
    expect((await new StaffClient(harness.baseUrl).apiSignIn('pia@wuppertal.example', 'pia has a new long password')).status).toBe(201);
  });

  it('ends the session of an account an admin disables', async () => {
    const admin = new StaffClient(harness.baseUrl);
    await admin.apiSignIn(ADMIN.email, ADMIN.password);
    const { id } = (await (await admin.api('POST', '/staff', { name: 'Max', email: 'max@wuppertal.example', role: 'editor', password: 'max has a long password' })).json()) as { id: string };
    const max = new StaffClient(harness.baseUrl);
    await max.apiSignIn('max@wuppertal.example', 'max has a long password');
    await admin.api('PATCH', `/staff/${id}`, { active: false });
    expect((await max.api('GET', '/dashboard')).status).toBe(401);
    expect((await new StaffClient(harness.baseUrl).apiSignIn('max@wuppertal.example', 'max has a long password')).status).toBe(401);
  });

  it('keeps sessions across a restart of the service (they live in the store)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kosi-staff-restart-'));
    const first = await startTestApp({ dataDir, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    const client = new StaffClient(first.baseUrl);
    await client.apiSignIn(ADMIN.email, ADMIN.password);
    await first.stop();
    const second = await startTestApp({ dataDir, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    try {
      const again = new StaffClient(second.baseUrl);
      for (const [key, value] of client.cookies) again.cookies.set(key, value);
      expect((await again.api('GET', '/session')).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});

describe('the admin API with two cities', () => {
  let harness: TestApp;
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kosi-tenants-'));
    const file = join(dir, 'tenants.json');
    await writeFile(file, JSON.stringify({ tenants: [{ id: 'wuppertal', name: 'Wuppertal' }, { id: 'dortmund', name: 'Dortmund' }] }));
    harness = await startTestApp({ env: { TENANTS_FILE: file, ADMIN_EMAIL: 'root@kosi.example', ADMIN_PASSWORD: 'the super admin password' } });
  });
  afterAll(() => harness?.stop());

  it('makes the first account a super-admin, and refuses another city\'s ids to a city admin', async () => {
    const root = new StaffClient(harness.baseUrl);
    const signedIn = await root.apiSignIn('root@kosi.example', 'the super admin password', 'wuppertal');
    expect(signedIn.status).toBe(201);
    expect(await signedIn.json()).toMatchObject({ user: { role: 'super-admin' } });
    const wuppertalEditor = (await (await root.api('POST', '/staff', { name: 'W', email: 'w@wuppertal.example', role: 'editor', password: 'wuppertal editor password' })).json()) as { id: string };
    expect((await root.api('POST', '/staff', { name: 'WA', email: 'admin@wuppertal.example', role: 'admin', password: 'wuppertal admin password' })).status).toBe(201);

    const dortmundRoot = new StaffClient(harness.baseUrl);
    await dortmundRoot.apiSignIn('root@kosi.example', 'the super admin password', 'dortmund');
    expect((await dortmundRoot.api('POST', '/staff', { name: 'DA', email: 'admin@dortmund.example', role: 'admin', password: 'dortmund admin password' })).status).toBe(201);

    const dortmundAdmin = new StaffClient(harness.baseUrl);
    expect((await dortmundAdmin.apiSignIn('admin@dortmund.example', 'dortmund admin password', 'dortmund')).status).toBe(201);
    const { items } = (await (await dortmundAdmin.api('GET', '/staff')).json()) as { items: Array<{ email: string }> };
    expect(items.map((user) => user.email)).toEqual(['admin@dortmund.example']);
    const foreign = await dortmundAdmin.api('PATCH', `/staff/${wuppertalEditor.id}`, { active: false });
    expect(foreign.status).toBe(404);
    await expectMatchesOpenApi('patch', '/staff/{id}', foreign);
    // A Dortmund account does not open Wuppertal.
    expect((await new StaffClient(harness.baseUrl).apiSignIn('admin@dortmund.example', 'dortmund admin password', 'wuppertal')).status).toBe(401);
  });

  it('lets the super-admin switch cities in the console, and writes the switch to the new city\'s audit log', async () => {
    const root = new StaffClient(harness.baseUrl);
    await root.consoleSignIn('root@kosi.example', 'the super admin password', 'wuppertal');
    const switched = await root.postForm('/console/tenant', { tenant: 'dortmund' });
    expect(switched.headers.get('location')).toBe('/console/?notice=tenant');
    const dashboard = await root.page('/console/?notice=tenant');
    expect(dashboard.html).toContain('Stadt gewechselt.');
    const audit = await root.page('/console/audit');
    expect(audit.html).toMatch(/<td>staff\.tenant-switched<\/td><td>tenant: dortmund<\/td><td>from=wuppertal<\/td>/);
    const unknown = await root.postForm('/console/tenant', { tenant: 'atlantis' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Diese Stadt ist nicht eingerichtet.');
  });
});

describe('sign-in limits and cookies behind HTTPS', () => {
  it('creates no admin from a too short ADMIN_PASSWORD, says so in the log, and never logs the password', async () => {
    const harness = await startTestApp({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: 'tooShort1' } });
    try {
      expect(harness.logs.some((line) => line.includes('ADMIN_PASSWORD is not usable'))).toBe(true);
      expect(harness.logs.join('\n')).not.toContain('tooShort1');
      expect((await new StaffClient(harness.baseUrl).apiSignIn(ADMIN.email, 'tooShort1')).status).toBe(401);
    } finally {
      await harness.stop();
    }
  });

  it('rate-limits sign-in attempts per address', async () => {
    const harness = await startTestApp({ overrides: { staff: { loginAttemptsPerWindow: 3 } } });
    try {
      const client = new StaffClient(harness.baseUrl);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 4; attempt++) statuses.push((await client.apiSignIn(`nobody${attempt}@x.example`, 'whatever password')).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await harness.stop();
    }
  });

  it('marks the session cookie Secure when PUBLIC_URL is https (behind the proxy that terminates TLS)', async () => {
    isolateNetwork();
    const telegram = fakeTelegramApi({ token: APP_TEST_TOKEN });
    const harness = await startTestApp({ telegram: true, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    try {
      const client = new StaffClient(harness.baseUrl, { 'x-forwarded-proto': 'https' });
      expect((await client.apiSignIn(ADMIN.email, ADMIN.password)).status).toBe(201);
      const cookie = client.lastSetCookies.find((line) => line.startsWith('kosi_console='))!;
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/HttpOnly/i);
    } finally {
      await harness.stop();
      telegram.close();
    }
  });
});
