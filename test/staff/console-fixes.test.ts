import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config/load-config.js';
import { ConfigError } from '../../src/platform/config/config-error.js';
import { fakeTelegramApi, isolateNetwork, type FakeTelegramApi } from '../support/telegram-api.js';
import { callbackUpdate, textUpdate } from '../support/telegram-updates.js';
import { APP_TEST_TENANT, APP_TEST_TOKEN, startTestApp, type TestApp } from '../support/test-app.js';
import { expectMatchesOpenApi } from './openapi.js';
import { StaffClient } from './staff-client.js';
import { telegramHandoffRequest } from './fixtures.js';

const ADMIN = { email: 'admin@stadt.example', password: 'the first admin password' };
const HOUR = 3_600_000;

describe('workshops in the console: series, organiser phone, summer time, purpose limitation', () => {
  let harness: TestApp;
  let api: StaffClient;
  // A tenant that is neither demo city gets both demo sets: series ids like `werkstattreihe_wuppertal`.
  beforeAll(async () => {
    harness = await startTestApp({ env: { TENANT_ID: 'kosi', TENANT_NAME: 'KoSI-Lab', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, overrides: { staff: { loginAttemptsPerWindow: 1000 } } });
    api = new StaffClient(harness.baseUrl);
    await api.apiSignIn(ADMIN.email, ADMIN.password);
  });
  afterAll(() => harness?.stop());

  const workshops = () => harness.app.features.workshops.service;

  it('keeps the series id and the organiser phone when a demo workshop is edited', async () => {
    const demo = (await workshops().listUpcoming('kosi', { limit: 50 })).find((workshop) => workshop.series?.id === 'werkstattreihe_dortmund' && workshop.organiser.phone)!;
    expect(demo).toBeDefined();
    const form = (await (await api.api('GET', `/content/workshops/${demo._id}`)).json()) as { values: Record<string, string> };
    expect(form.values['organiserPhone']).toBe(demo.organiser.phone);

    // What the console form sends back: the same values, one of them changed.
    const saved = await api.api('PUT', `/content/workshops/${demo._id}`, { ...form.values, title: `${demo.title} (neu)` });
    await expectMatchesOpenApi('put', '/content/{section}/{id}', saved);
    const stored = await workshops().get('kosi', demo._id);
    expect(stored!.series).toEqual(demo.series);
    expect(stored!.organiser).toEqual(demo.organiser);

    const phone = await api.api('PUT', `/content/workshops/${demo._id}`, { ...form.values, organiserPhone: '0231 123 456' });
    expect(phone.status).toBe(200);
    expect((await workshops().get('kosi', demo._id))!.organiser).toEqual({ ...demo.organiser, phone: '0231 123 456' });
    const wrong = await api.api('PUT', `/content/workshops/${demo._id}`, { ...form.values, organiserPhone: 'ruf mich an' });
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { error: { fields: Record<string, string> } }).error.fields['organiserPhone']).toContain('Telefonnummer');
  });

  it('puts a new workshop into the existing series of the same title, and a new title into a new series', async () => {
    const input = {
      title: 'Werkstatt 9: Abschluss',
      description: 'Wir feiern.',
      seriesTitle: 'Werkstattreihe Wuppertal',
      seriesPart: '9',
      startsAt: '2031-05-04T18:00',
      endsAt: '2031-05-04T20:00',
      onlineUrl: 'https://meet.example/kosi',
      capacity: '30',
      targetGroup: 'Alle',
      organiserName: 'KoSI-Lab',
    };
    const joined = (await (await api.api('POST', '/content/workshops', input)).json()) as { id: string };
    expect((await workshops().get('kosi', joined.id))!.series).toEqual({ id: 'werkstattreihe_wuppertal', title: 'Werkstattreihe Wuppertal', part: 9 });
    const fresh = (await (await api.api('POST', '/content/workshops', { ...input, seriesTitle: 'Sommerakademie', seriesPart: '1' })).json()) as { id: string };
    expect((await workshops().get('kosi', fresh.id))!.series).toEqual({ id: 'sommerakademie', title: 'Sommerakademie', part: 1 });
  });

  it('refuses a time that does not exist when summer time begins, with a message next to the field', async () => {
    const console = new StaffClient(harness.baseUrl);
    await console.consoleSignIn(ADMIN.email, ADMIN.password);
    await console.page('/console/workshops/new');
    // 28 March 2027 is the last Sunday of March: in Berlin 02:00 becomes 03:00.
    const response = await console.postForm('/console/workshops', {
      title: 'Nachtwerkstatt',
      description: 'Um halb drei.',
      startsAt: '2027-03-28T02:30',
      endsAt: '2027-03-28T04:00',
      onlineUrl: 'https://meet.example/nacht',
      capacity: '10',
      targetGroup: 'Alle',
      organiserName: 'KoSI-Lab',
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/id="f-startsAt-error"[^>]*>[^<]*Diese Uhrzeit gibt es an diesem Tag nicht/);
    expect(html).toContain('value="2027-03-28T02:30"');
    // The hour after the gap is fine.
    const later = await api.api('POST', '/content/workshops', { title: 'Frühwerkstatt', description: 'x', startsAt: '2027-03-28T03:30', endsAt: '2027-03-28T04:30', onlineUrl: 'https://meet.example/f', capacity: '5', targetGroup: 'Alle', organiserName: 'KoSI-Lab' });
    expect(later.status).toBe(201);
  });

  it('lists workshop registrations without the first name from the volunteer profile', async () => {
    const volunteering = harness.app.features.volunteering;
    await volunteering.volunteers.saveAnswer('kosi', 'p-hannelore', 'name', { firstName: 'Hannelore' }, new Date());
    const workshop = (await workshops().listUpcoming('kosi', { limit: 1 }))[0]!;
    expect((await workshops().register('kosi', workshop._id, 'p-hannelore')).status).toBe('registered');
    const table = (await (await api.api('GET', `/content/workshops/${workshop._id}/registrations`)).json()) as { columns: string[]; rows: string[][] };
    expect(JSON.stringify(table)).not.toContain('Hannelore');
    expect(table.columns).not.toContain('Vorname');
    expect(table.rows[0]).toContain('p-hannelore');
  });
});

describe('sessions, audit, German errors, one-time forms, failed jobs, undelivered replies', () => {
  let harness: TestApp;
  let telegram: FakeTelegramApi;
  // Monday 23 November 2026, 00:30 in Berlin = Sunday 23:30 UTC.
  let now = new Date('2026-11-22T23:30:00Z');

  beforeAll(async () => {
    isolateNetwork();
    telegram = fakeTelegramApi({ token: APP_TEST_TOKEN });
    harness = await startTestApp({
      telegram: true,
      env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
      overrides: { clock: () => now, staff: { loginAttemptsPerWindow: 1000, sessionTtlMs: 96 * HOUR, secureCookies: false } },
    });
  });
  afterAll(async () => {
    await harness?.stop();
    telegram?.close();
  });

  const consoleAdmin = async (): Promise<StaffClient> => {
    const client = new StaffClient(harness.baseUrl);
    await client.consoleSignIn(ADMIN.email, ADMIN.password);
    return client;
  };
  const auditActions = async (client: StaffClient): Promise<string[]> => {
    const page = await client.page('/console/audit');
    return [...page.html.matchAll(/<td>([a-z-]+\.[a-z-]+)<\/td>/g)].map((match) => match[1]!);
  };

  it('counts a person who came on Monday just after midnight (Berlin) in that week', async () => {
    const send = async (update: unknown) => expect((await harness.postTelegramUpdate(update)).status).toBe(200);
    await send(textUpdate('/start'));
    const press = async (title: string) => {
      const call = [...telegram.calls].reverse().find((candidate) => JSON.stringify(candidate.body.reply_markup ?? {}).includes(`"text":"${title}"`));
      const buttons = (call!.body.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat();
      await send(callbackUpdate(buttons.find((button) => button.text === title)!.callback_data));
    };
    await press('Deutsch');
    await press('Einverstanden');
    const api = new StaffClient(harness.baseUrl);
    await api.apiSignIn(ADMIN.email, ADMIN.password);
    const dashboard = (await expectMatchesOpenApi('get', '/dashboard', await api.api('GET', '/dashboard'))) as { people: { byChannel: Record<string, number>; perWeek: Array<{ week: string; count: number }> } };
    expect(dashboard.people.byChannel).toEqual({ telegram: 1 });
    expect(dashboard.people.perWeek.at(-1)).toEqual({ week: '2026-11-23', count: 1 });
    expect(dashboard.people.perWeek.at(-2)).toEqual({ week: '2026-11-16', count: 0 });
  });

  it('ends a session 12 hours after sign-in however busy it was', async () => {
    const client = await consoleAdmin();
    const start = now.getTime();
    for (const hours of [4, 8, 11.9]) {
      now = new Date(start + hours * HOUR);
      expect((await client.page('/console/')).status).toBe(200);
    }
    now = new Date(start + 12 * HOUR);
    const late = await client.fetch('/console/');
    expect(late.status).toBe(303);
    expect(late.headers.get('location')).toContain('/console/login');
    const api = new StaffClient(harness.baseUrl);
    await api.apiSignIn(ADMIN.email, ADMIN.password);
    now = new Date(now.getTime() + 12 * HOUR);
    expect((await api.api('GET', '/session')).status).toBe(401);
  });

  it('shows errors in German on console pages, and the English message only in the API', async () => {
    const client = await consoleAdmin();
    const missing = await client.page('/console/workshops/no-such-workshop');
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('Diesen Eintrag gibt es in dieser Stadt nicht.');
    expect(missing.html).not.toContain('no such item');
    const handoff = await client.page('/console/handoffs/ho-missing');
    expect(handoff.html).toContain('Diese Anfrage gibt es in dieser Stadt nicht.');
    const api = new StaffClient(harness.baseUrl);
    await api.apiSignIn(ADMIN.email, ADMIN.password);
    const json = await api.api('GET', '/content/workshops/no-such-workshop');
    expect(((await json.json()) as { error: { message: string } }).error.message).toBe('no such item in this city');

    await client.page('/console/staff');
    await client.postForm('/console/staff', { name: 'Cleo', email: 'cleo@stadt.example', role: 'counsellor', password: 'cleo has a long password' });
    const counsellor = new StaffClient(harness.baseUrl);
    await counsellor.consoleSignIn('cleo@stadt.example', 'cleo has a long password');
    const forbidden = await counsellor.page('/console/staff');
    expect(forbidden.status).toBe(403);
    expect(forbidden.html).toContain('Deine Rolle erlaubt das nicht.');
    expect(forbidden.html).not.toContain('your role');
  });

  it('creates once when a form is sent twice, and refuses a create form without its one-time token', async () => {
    const client = await consoleAdmin();
    await client.page('/console/workshops/new');
    const input = { title: 'Doppelklick-Werkstatt', description: 'x', startsAt: '2030-06-01T10:00', endsAt: '2030-06-01T12:00', onlineUrl: 'https://meet.example/d', capacity: '5', targetGroup: 'Alle', organiserName: 'KoSI-Lab' };
    const first = await client.postForm('/console/workshops', input);
    const second = await client.postForm('/console/workshops', input);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const list = await client.page('/console/workshops?q=Doppelklick');
    expect(list.html.match(/Doppelklick-Werkstatt/g)).toHaveLength(1);

    const withoutToken = await client.postForm('/console/workshops', { ...input, _nonce: '' });
    expect(withoutToken.status).toBe(403);
    expect(await withoutToken.text()).toContain('Das Formular ist abgelaufen');
    // A token of another session does not count either.
    const other = await consoleAdmin();
    await other.page('/console/workshops/new');
    const foreign = await client.postForm('/console/workshops', { ...input, _nonce: other.nonce! });
    expect(foreign.status).toBe(403);
  });

  it('keeps a reply whose delivery failed, says so, and does not send it twice on a resubmit', async () => {
    const request = await telegramHandoffRequest(harness.app);
    const client = await consoleAdmin();
    await client.page(`/console/handoffs/${request._id}`);
    const nonce = client.nonce!;
    telegram.clear();
    telegram.failNext('sendMessage', 500, 'Internal Server Error');
    const reply = await client.postForm(`/console/handoffs/${request._id}/reply`, { text: 'Ich melde mich morgen.' });
    expect(reply.status).toBe(303);
    const thread = await client.page(reply.headers.get('location')!);
    expect(thread.status).toBe(200);
    expect(thread.html).toContain('Die Antwort ist im Verlauf gespeichert, wurde aber nicht zugestellt');
    expect(thread.html).not.toContain('Antwort gesendet.');
    expect(thread.html.match(/Ich melde mich morgen\./g)).toHaveLength(1);

    // The same form sent again (a reload after the error): nothing is saved or sent twice.
    const calls = telegram.callsOf('sendMessage').length;
    const again = await client.postForm(`/console/handoffs/${request._id}/reply`, { text: 'Ich melde mich morgen.', _nonce: nonce });
    expect(again.headers.get('location')).toBe(reply.headers.get('location'));
    expect((await harness.app.features.handoffs.service.get(APP_TEST_TENANT, request._id))!.messages.filter((message) => message.from === 'staff')).toHaveLength(1);
    expect(telegram.callsOf('sendMessage')).toHaveLength(calls);
  });

  it('shows failed jobs to admins only: name, attempts, reason, time, never the job data', async () => {
    harness.app.scheduler.define('test.always-fails', async () => {
      throw new Error('SMTP server refused\n    at secret stack line');
    }, { maxAttempts: 1 });
    await harness.app.scheduler.schedule('test.always-fails', now, { tenantId: APP_TEST_TENANT, profileId: 'p-secret', note: 'Geheimnis' });
    await harness.app.scheduler.runDue();

    const api = new StaffClient(harness.baseUrl);
    await api.apiSignIn(ADMIN.email, ADMIN.password);
    const response = await api.api('GET', '/jobs/failed');
    const { items } = (await expectMatchesOpenApi('get', '/jobs/failed', response)) as { items: Array<Record<string, unknown>> };
    expect(items).toEqual([{ name: 'test.always-fails', failCount: 1, failReason: 'SMTP server refused', failedAt: expect.any(String) }]);
    expect(JSON.stringify(items)).not.toMatch(/p-secret|Geheimnis|stack/);

    const client = await consoleAdmin();
    const dashboard = await client.page('/console/');
    expect(dashboard.html).toContain('Fehlgeschlagene Aufträge');
    expect(dashboard.html).toContain('<td>test.always-fails</td><td>1</td><td>SMTP server refused</td>');

    const counsellor = new StaffClient(harness.baseUrl);
    await counsellor.apiSignIn('cleo@stadt.example', 'cleo has a long password');
    const refused = await counsellor.api('GET', '/jobs/failed');
    expect(refused.status).toBe(403);
    await expectMatchesOpenApi('get', '/jobs/failed', refused);
    const cleo = new StaffClient(harness.baseUrl);
    await cleo.consoleSignIn('cleo@stadt.example', 'cleo has a long password');
    expect((await cleo.page('/console/')).html).not.toContain('Fehlgeschlagene Aufträge');
  });

  it('records sign-out, failed sign-ins and registration exports in the audit log', async () => {
    const stranger = new StaffClient(harness.baseUrl);
    await stranger.page('/console/login');
    await stranger.postForm('/console/login', { email: 'Nobody@Stadt.example', password: 'my secret guess', tenant: APP_TEST_TENANT });
    const leaving = await consoleAdmin();
    await leaving.postForm('/console/logout', {});

    const client = await consoleAdmin();
    const workshop = (await harness.app.features.workshops.service.listUpcoming(APP_TEST_TENANT, { limit: 1 }))[0]!;
    const csv = await client.fetch(`/console/workshops/${workshop._id}/registrations.csv`);
    expect(csv.status).toBe(200);
    const api = new StaffClient(harness.baseUrl);
    await api.apiSignIn(ADMIN.email, ADMIN.password);
    await api.api('GET', `/content/workshops/${workshop._id}/registrations`);

    const actions = await auditActions(client);
    expect(actions).toEqual(expect.arrayContaining(['staff.sign-in-failed', 'staff.signed-out', 'workshop.registrations-exported']));
    const page = await client.page('/console/audit?limit=500');
    expect(page.html).toContain('no…@stadt.example');
    expect(page.html).not.toContain('nobody@stadt.example');
    expect(page.html).not.toContain('my secret guess');
    const audit = (await (await api.api('GET', '/audit?action=workshop.registrations-exported')).json()) as { items: Array<{ details: string }> };
    expect(audit.items.map((event) => event.details.split(',')[0]).sort()).toEqual(['format=csv', 'format=json']);
  });
});

describe('the sign-in rate limit on the console page', () => {
  it('answers in German when an address tried too often', async () => {
    const harness = await startTestApp({ env: { DEMO_CONTENT: 'none' }, overrides: { staff: { loginAttemptsPerWindow: 1 } } });
    try {
      const client = new StaffClient(harness.baseUrl);
      await client.page('/console/login');
      expect((await client.postForm('/console/login', { email: 'a@b.example', password: 'wrong', tenant: APP_TEST_TENANT })).status).toBe(401);
      const limited = await client.postForm('/console/login', { email: 'a@b.example', password: 'wrong', tenant: APP_TEST_TENANT });
      expect(limited.status).toBe(429);
      const html = await limited.text();
      expect(html).toContain('Zu viele Anmeldeversuche von dieser Adresse. Bitte 15 Minuten warten.');
      expect(html).not.toContain('too many sign-in attempts');
    } finally {
      await harness.stop();
    }
  });
});

describe('COOKIE_SECURE', () => {
  const base = { DATA_DIR: '/tmp/unused', TENANT_ID: 'wuppertal' };
  it('is read as true or false, and anything else is a configuration error naming the variable', () => {
    expect(loadConfig({ ...base, COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
    expect(loadConfig({ ...base, COOKIE_SECURE: 'false', PUBLIC_URL: 'https://bot.example.org' }).cookieSecure).toBe(false);
    expect(loadConfig(base).cookieSecure).toBeUndefined();
    expect(() => loadConfig({ ...base, COOKIE_SECURE: 'yes' })).toThrow(ConfigError);
  });

  it('sets the Secure flag on a plain-http start when COOKIE_SECURE=true', async () => {
    const harness = await startTestApp({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, COOKIE_SECURE: 'true', DEMO_CONTENT: 'none' } });
    try {
      const client = new StaffClient(harness.baseUrl, { 'x-forwarded-proto': 'https' });
      expect((await client.apiSignIn(ADMIN.email, ADMIN.password)).status).toBe(201);
      expect(client.lastSetCookies.find((line) => line.startsWith('kosi_console='))).toMatch(/; Secure/i);
    } finally {
      await harness.stop();
    }
  });
});
