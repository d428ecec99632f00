import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectMatchesOpenApi } from './openapi.js';
import { StaffClient } from './staff-client.js';

const ADMIN = { email: 'admin@wuppertal.example', password: 'the first admin password' };
const MINUTE = 60_000;

/** The service sits behind one proxy here (TRUST_PROXY=1): the client address is the X-Forwarded-For. */
function clientAt(baseUrl: string, address: string): StaffClient {
  return new StaffClient(baseUrl, { 'x-forwarded-for': address, 'x-forwarded-proto': 'https' });
}

interface AuditItem {
  action: string;
  actor: { id: string; email: string };
  target: { id: string; label?: string };
  details?: string;
}

describe('sign-in lock-out per account and address, and unlocking by an admin', () => {
  let harness: TestApp;
  let admin: StaffClient;
  let now = new Date('2026-05-04T08:00:00Z');
  let addressCounter = 0;
  /** A fresh address from the documentation ranges for each simulated stranger. */
  const freshAddress = (): string => `203.0.113.${++addressCounter}`;

  const createStaff = async (name: string): Promise<{ id: string; email: string; password: string }> => {
    const account = { name, email: `${name.toLowerCase()}@wuppertal.example`, role: 'editor', password: `${name} has a long password` };
    const created = await admin.api('POST', '/staff', account);
    expect(created.status).toBe(201);
    return { id: ((await created.json()) as { id: string }).id, email: account.email, password: account.password };
  };

  beforeAll(async () => {
    harness = await startTestApp({
      env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, TRUST_PROXY: '1' },
      // The per-address limit of the host (20 per 15 minutes) is tested in admin-api.test.ts.
      overrides: { clock: () => now, staff: { loginAttemptsPerWindow: 1000 } },
    });
    admin = clientAt(harness.baseUrl, '192.0.2.1');
    expect((await admin.apiSignIn(ADMIN.email, ADMIN.password)).status).toBe(201);
  });
  afterAll(() => harness?.stop());

  it('lets the staff member in from their own address while a stranger\'s failures keep the stranger\'s address locked', async () => {
    const lou = await createStaff('Lou');
    const stranger = clientAt(harness.baseUrl, '203.0.113.66');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) statuses.push((await stranger.apiSignIn(lou.email, `guess number ${attempt}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    // The stranger's address is locked: even the right password does not open the account from there,
    // and the answer is the one an unknown address gets.
    const lockedThere = await stranger.apiSignIn(lou.email, lou.password);
    const unknown = await stranger.apiSignIn('nobody@wuppertal.example', lou.password);
    expect(lockedThere.status).toBe(401);
    expect(await lockedThere.text()).toBe(await unknown.text());

    const office = clientAt(harness.baseUrl, '198.51.100.7');
    const signedIn = await office.apiSignIn(lou.email, lou.password);
    expect(signedIn.status).toBe(201);
    await expectMatchesOpenApi('post', '/session', signedIn);

    const audit = (await (await admin.api('GET', '/audit?limit=100')).json()) as { items: AuditItem[] };
    const locked = audit.items.filter((event) => event.action === 'staff.locked');
    expect(locked).toHaveLength(1);
    // The audit log names neither the address nor the full e-mail of a failed attempt.
    expect(JSON.stringify(audit.items.filter((event) => event.action.startsWith('staff.sign-in') || event.action === 'staff.locked'))).not.toMatch(/203\.0\.113|lou@wuppertal/);
  });

  it('slows down guessing spread over many addresses, without stopping the staff member at an address they used before', async () => {
    const mia = await createStaff('Mia');
    const home = clientAt(harness.baseUrl, '198.51.100.20');
    expect((await home.apiSignIn(mia.email, mia.password)).status).toBe(201);
    // Twenty strangers, one guess each: no address reaches its own limit of five.
    for (let attempt = 0; attempt < 20; attempt++) expect((await clientAt(harness.baseUrl, freshAddress()).apiSignIn(mia.email, `spread guess ${attempt}`)).status).toBe(401);
    // Now an address that never signed in to this account gets one password check per 30 seconds:
    // the first one is checked, the next one right after it is refused unchecked.
    expect((await clientAt(harness.baseUrl, freshAddress()).apiSignIn(mia.email, 'one more guess')).status).toBe(401);
    const refused = await clientAt(harness.baseUrl, freshAddress()).apiSignIn(mia.email, mia.password);
    expect(refused.status).toBe(401);
    // The address Mia signed in from before is not slowed down.
    expect((await clientAt(harness.baseUrl, '198.51.100.20').apiSignIn(mia.email, mia.password)).status).toBe(201);
    // Half a minute later a new address gets its check again.
    now = new Date(now.getTime() + 31_000);
    expect((await clientAt(harness.baseUrl, freshAddress()).apiSignIn(mia.email, mia.password)).status).toBe(201);
    // After 15 minutes without failures the account is back to normal.
    now = new Date(now.getTime() + 16 * MINUTE);
    expect((await clientAt(harness.baseUrl, freshAddress()).apiSignIn(mia.email, 'a guess after the pause')).status).toBe(401);
    expect((await clientAt(harness.baseUrl, freshAddress()).apiSignIn(mia.email, mia.password)).status).toBe(201);
  });

  it('locks the stranger\'s address when its five wrong passwords arrive at once, and audits the lock once', async () => {
    const pat = await createStaff('Pat');
    const stranger = clientAt(harness.baseUrl, '203.0.113.77');
    // All five are checked before any has failed: only counting in the store sees five in a row.
    const statuses = await Promise.all(Array.from({ length: 5 }, (_, attempt) => stranger.apiSignIn(pat.email, `parallel guess ${attempt}`).then((response) => response.status)));
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect((await stranger.apiSignIn(pat.email, pat.password)).status).toBe(401);
    expect((await clientAt(harness.baseUrl, '198.51.100.77').apiSignIn(pat.email, pat.password)).status).toBe(201);
    const audit = (await (await admin.api('GET', '/audit?action=staff.locked&limit=100')).json()) as { items: AuditItem[] };
    expect(audit.items.filter((event) => event.target.label?.startsWith('pa…'))).toHaveLength(1);
  });

  it('lets an admin see and unlock a locked account through the API, and audits it', async () => {
    const noa = await createStaff('Noa');
    const laptop = clientAt(harness.baseUrl, '198.51.100.30');
    for (let attempt = 0; attempt < 5; attempt++) await laptop.apiSignIn(noa.email, `typo ${attempt}`);
    expect((await laptop.apiSignIn(noa.email, noa.password)).status).toBe(401);

    const list = await admin.api('GET', '/staff');
    const { items } = (await expectMatchesOpenApi('get', '/staff', list)) as { items: Array<{ id: string; locked?: boolean }> };
    expect(items.find((user) => user.id === noa.id)?.locked).toBe(true);

    const unlocked = await admin.api('POST', `/staff/${noa.id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(await expectMatchesOpenApi('post', '/staff/{id}/unlock', unlocked)).toMatchObject({ id: noa.id, locked: false });
    expect((await laptop.apiSignIn(noa.email, noa.password)).status).toBe(201);

    const audit = (await (await admin.api('GET', '/audit?action=staff.unlocked')).json()) as { items: AuditItem[] };
    expect(audit.items).toEqual([expect.objectContaining({ action: 'staff.unlocked', actor: expect.objectContaining({ email: ADMIN.email }), target: expect.objectContaining({ id: noa.id }) })]);

    const unknown = await admin.api('POST', '/staff/staff-does-not-exist/unlock');
    expect(unknown.status).toBe(404);
    await expectMatchesOpenApi('post', '/staff/{id}/unlock', unknown);
  });

  it('lets an admin unlock an account on the console page "Mitarbeitende"', async () => {
    const ole = await createStaff('Ole');
    const phone = clientAt(harness.baseUrl, '198.51.100.40');
    for (let attempt = 0; attempt < 5; attempt++) await phone.apiSignIn(ole.email, `typo ${attempt}`);

    const page = clientAt(harness.baseUrl, '192.0.2.1');
    await page.consoleSignIn(ADMIN.email, ADMIN.password);
    const staffPage = await page.page('/console/staff');
    expect(staffPage.html).toContain('Anmeldung gesperrt');
    expect(staffPage.html).toContain(`action="/console/staff/${ole.id}/unlock"`);
    const response = await page.postForm(`/console/staff/${ole.id}/unlock`, {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console/staff?notice=unlocked');
    const after = await page.page('/console/staff?notice=unlocked');
    expect(after.html).toContain('Das Konto ist entsperrt.');
    expect(after.html).not.toContain(`action="/console/staff/${ole.id}/unlock"`);
    expect((await phone.apiSignIn(ole.email, ole.password)).status).toBe(201);
  });
});
