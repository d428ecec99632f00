import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectMatchesOpenApi } from './openapi.js';
import { StaffClient } from './staff-client.js';

const ADMIN = { email: 'admin@wuppertal.example', password: 'the first admin password' };
const MINUTE = 60_000;

describe('changing the own password: a bound on wrong current passwords', () => {
  let harness: TestApp;
  let admin: StaffClient;
  let now = new Date('2026-05-04T08:00:00Z');

  beforeAll(async () => {
    harness = await startTestApp({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, overrides: { clock: () => now, staff: { loginAttemptsPerWindow: 1000 } } });
    admin = new StaffClient(harness.baseUrl);
    expect((await admin.apiSignIn(ADMIN.email, ADMIN.password)).status).toBe(201);
  });
  afterAll(() => harness?.stop());

  it('ends the session after five wrong current passwords and refuses the change for 15 minutes, even with the right one', async () => {
    const pia = { name: 'Pia', email: 'pia@wuppertal.example', role: 'editor', password: 'pia has a long password' };
    expect((await admin.api('POST', '/staff', pia)).status).toBe(201);
    const session = new StaffClient(harness.baseUrl);
    await session.apiSignIn(pia.email, pia.password);
    const change = (current: string, client = session) => client.api('POST', '/password', { currentPassword: current, newPassword: 'pia has a brand new password' });

    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) statuses.push((await change(`guess ${attempt}`)).status);
    expect(statuses).toEqual([422, 422, 422, 422]);
    const fifth = await change('guess 4');
    expect(fifth.status).toBe(429);
    await expectMatchesOpenApi('post', '/password', fifth);
    // The session that guessed is over.
    expect((await session.api('GET', '/session')).status).toBe(401);

    // Signed in again, the sixth attempt is refused although the current password is right.
    const again = new StaffClient(harness.baseUrl);
    expect((await again.apiSignIn(pia.email, pia.password)).status).toBe(201);
    const sixth = await change(pia.password, again);
    expect(sixth.status).toBe(429);
    await expectMatchesOpenApi('post', '/password', sixth);
    expect((await new StaffClient(harness.baseUrl).apiSignIn(pia.email, pia.password)).status).toBe(201);

    const audit = (await (await admin.api('GET', '/audit?limit=200')).json()) as { items: Array<{ action: string; actor: { email: string }; details?: string }> };
    const mine = audit.items.filter((event) => event.actor.email === pia.email && event.action.startsWith('staff.password-change'));
    expect(mine.filter((event) => event.action === 'staff.password-change-failed')).toHaveLength(6);
    expect(mine.filter((event) => event.action === 'staff.password-change-locked')).toHaveLength(1);
    expect(JSON.stringify(mine)).not.toMatch(/guess \d|pia has/);

    // Fifteen minutes later the right password changes it.
    now = new Date(now.getTime() + 16 * MINUTE);
    expect((await change(pia.password, again)).status).toBe(204);
  });

  it('ends the session and refuses the change when five wrong current passwords arrive at once', async () => {
    const kim = { name: 'Kim', email: 'kim@wuppertal.example', role: 'editor', password: 'kim has a long password' };
    expect((await admin.api('POST', '/staff', kim)).status).toBe(201);
    const session = new StaffClient(harness.baseUrl);
    await session.apiSignIn(kim.email, kim.password);
    const change = (current: string, client = session) => client.api('POST', '/password', { currentPassword: current, newPassword: 'kim has a brand new password' });
    // Each request loads the account before any has failed: only counting in the store sees five in a row.
    const statuses = await Promise.all(Array.from({ length: 5 }, (_, attempt) => change(`parallel guess ${attempt}`).then((response) => response.status)));
    expect(statuses.sort()).toEqual([422, 422, 422, 422, 429]);
    expect((await session.api('GET', '/session')).status).toBe(401);
    const again = new StaffClient(harness.baseUrl);
    expect((await again.apiSignIn(kim.email, kim.password)).status).toBe(201);
    expect((await change(kim.password, again)).status).toBe(429);
    const audit = (await (await admin.api('GET', '/audit?action=staff.password-change-locked&limit=100')).json()) as { items: Array<{ actor: { email: string } }> };
    expect(audit.items.filter((event) => event.actor.email === kim.email)).toHaveLength(1);
  });

  it('applies the same bound to the console form, in German', async () => {
    const ute = { name: 'Ute', email: 'ute@wuppertal.example', role: 'editor', password: 'ute has a long password' };
    expect((await admin.api('POST', '/staff', ute)).status).toBe(201);
    const page = new StaffClient(harness.baseUrl);
    await page.consoleSignIn(ute.email, ute.password);
    await page.page('/console/password');
    for (let attempt = 0; attempt < 4; attempt++) {
      const wrong = await page.postForm('/console/password', { currentPassword: `guess ${attempt}`, newPassword: 'ute has a brand new password' });
      expect(wrong.status).toBe(422);
      expect(await wrong.text()).toContain('Das aktuelle Passwort stimmt nicht.');
    }
    const fifth = await page.postForm('/console/password', { currentPassword: 'guess 4', newPassword: 'ute has a brand new password' });
    expect(fifth.status).toBe(429);
    expect(await fifth.text()).toContain('Zu viele falsche Passwörter');
    const next = await page.fetch('/console/password');
    expect(next.status).toBe(303);
    expect(next.headers.get('location')).toMatch(/^\/console\/login/);
  });
});
