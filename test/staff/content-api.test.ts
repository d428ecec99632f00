import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { StaffClient } from './staff-client.js';
import { expectMatchesOpenApi } from './openapi.js';
import { DEED_INPUT } from './fixtures.js';

const ADMIN = { email: 'admin@wuppertal.example', password: 'the first admin password' };

const workshopInput = {
  title: 'Konzeptentwicklung',
  description: 'Wir entwickeln gemeinsam Ideen.',
  seriesTitle: 'Werkstattreihe',
  seriesPart: '2',
  startsAt: '2030-05-04T18:00',
  endsAt: '2030-05-04T20:00',
  placeName: 'Rathaus',
  placeAddress: 'Johannes-Rau-Platz 1, Wuppertal',
  capacity: '20',
  language: 'de',
  targetGroup: 'Alle Interessierten',
  organiserName: 'KoSI-Lab',
};


describe('content in the admin API and the console', () => {
  let harness: TestApp;
  let api: StaffClient;
  beforeAll(async () => {
    harness = await startTestApp({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DEMO_CONTENT: 'none' }, overrides: { staff: { loginAttemptsPerWindow: 1000 } } });
    api = new StaffClient(harness.baseUrl);
    await api.apiSignIn(ADMIN.email, ADMIN.password);
  });
  afterAll(() => harness?.stop());

  it('creates, lists, searches, edits and withdraws a workshop; Berlin time in, the right instant stored', async () => {
    const created = await api.api('POST', '/content/workshops', workshopInput);
    expect(created.status).toBe(201);
    const { id } = (await expectMatchesOpenApi('post', '/content/{section}', created)) as { id: string };
    const workshops = harness.app.features.workshops;
    const stored = await workshops.service.get('wuppertal', id);
    expect(stored).toMatchObject({ title: 'Konzeptentwicklung', capacity: 20, series: { id: 'werkstattreihe', title: 'Werkstattreihe', part: 2 }, place: { name: 'Rathaus' } });
    expect(stored!.startsAt.toISOString()).toBe('2030-05-04T16:00:00.000Z');

    const list = await api.api('GET', '/content/workshops?q=konzept');
    const { items } = (await expectMatchesOpenApi('get', '/content/{section}', list)) as { items: Array<{ id: string }> };
    expect(items.map((item) => item.id)).toEqual([id]);
    expect(((await (await api.api('GET', '/content/workshops?q=nichtda')).json()) as { items: unknown[] }).items).toEqual([]);

    const updated = await api.api('PUT', `/content/workshops/${id}`, { ...workshopInput, capacity: 25 });
    expect(updated.status).toBe(200);
    expect(await expectMatchesOpenApi('put', '/content/{section}/{id}', updated)).toMatchObject({ values: { capacity: '25', startsAt: '2030-05-04T18:00' } });

    const withdrawn = await api.api('POST', `/content/workshops/${id}/withdraw`);
    expect(withdrawn.status).toBe(204);
    expect((await workshops.service.get('wuppertal', id))!.status).toBe('cancelled');
    const audit = (await (await api.api('GET', '/audit?limit=10')).json()) as { items: Array<{ action: string; target: { id: string } }> };
    expect(audit.items.filter((event) => event.target.id === id).map((event) => event.action)).toEqual(['workshop.withdrawn', 'workshop.updated', 'workshop.created']);
  });

  it('answers invalid content with a message per field', async () => {
    const response = await api.api('POST', '/content/workshops', { ...workshopInput, title: '', endsAt: '2030-05-04T17:00', capacity: 'zwanzig', placeName: '' });
    expect(response.status).toBe(422);
    const body = (await expectMatchesOpenApi('post', '/content/{section}', response)) as { error: { fields: Record<string, string> } };
    expect(body.error.fields).toMatchObject({ title: 'Bitte ausfüllen.', capacity: 'Bitte eine Zahl eingeben.' });
    // Refinements run once the fields themselves are fine.
    const refined = await api.api('POST', '/content/workshops', { ...workshopInput, endsAt: '2030-05-04T17:00', placeName: '', onlineUrl: '' });
    expect(((await refined.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      endsAt: 'Das Ende muss nach dem Beginn liegen.',
      placeName: 'Bitte einen Ort oder einen Online-Link angeben.',
    });
  });

  it('shows registrations per item, with a CSV export', async () => {
    const volunteering = harness.app.features.volunteering;
    const { id } = (await (await api.api('POST', '/content/deeds', DEED_INPUT)).json()) as { id: string };
    const result = await volunteering.opportunities.register('wuppertal', id, 'p-person-1');
    expect(result.status).toBe('registered');
    const table = await api.api('GET', `/content/deeds/${id}/registrations`);
    const body = (await expectMatchesOpenApi('get', '/content/{section}/{id}/registrations', table)) as { columns: string[]; rows: string[][] };
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]![0]).toBe('angemeldet');
    expect(body.rows[0]!.at(-1)).toBe('p-person-1');

    const console = new StaffClient(harness.baseUrl);
    await console.consoleSignIn(ADMIN.email, ADMIN.password);
    const csv = await console.fetch(`/console/deeds/${id}/registrations.csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A byte order mark first, so that spreadsheet programs read the umlauts right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('Status,Seit,Vorname,Kanal,Sprache,Bewertung,Personen-ID');
    expect(text).toContain('p-person-1');
    const dashboard = (await (await api.api('GET', '/dashboard')).json()) as { deedRegistrations: Array<{ itemId: string }> };
    expect(dashboard.deedRegistrations.map((entry) => entry.itemId)).toContain(id);
  });

  it('keeps what was typed and shows messages next to the fields in the console form', async () => {
    const console = new StaffClient(harness.baseUrl);
    await console.consoleSignIn(ADMIN.email, ADMIN.password);
    const form = await console.page('/console/workshops/new');
    expect(form.html).toContain('<label for="f-startsAt">Beginn');
    const response = await console.postForm('/console/workshops', { ...workshopInput, title: '<b>Neu</b>', capacity: 'viele', description: '' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('value="&lt;b&gt;Neu&lt;/b&gt;"');
    expect(html).toContain('<p class="field-error" id="f-capacity-error">Bitte eine Zahl eingeben.</p>');
    expect(html).toContain('<p class="field-error" id="f-description-error">Bitte ausfüllen.</p>');
    expect(html).toContain('value="viele"');
    expect(html).toContain('value="Rathaus"');
    expect(html).toContain('id="form-problem"');
  });

  it('renders HTML typed into a title as text in lists and forms', async () => {
    const console = new StaffClient(harness.baseUrl);
    await console.consoleSignIn(ADMIN.email, ADMIN.password);
    await console.page('/console/deeds/new');
    const created = await console.postForm('/console/deeds', { ...DEED_INPUT, title: '<script>alert(1)</script>', places: '2' });
    expect(created.status).toBe(303);
    const list = await console.page('/console/deeds');
    expect(list.html).not.toContain('<script>alert(1)</script>');
    expect(list.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('approves and rejects marketplace listings; the poster is told the reason', async () => {
    const volunteering = harness.app.features.volunteering;
    const input = { kind: 'offer', posterType: 'company', posterName: 'Tischlerei Holz', title: 'Reparaturen für Vereine', description: 'Wir reparieren Möbel.', category: 'craft', contactAudience: 'everyone' } as const;
    const first = await volunteering.marketplace.submit('wuppertal', 'p-poster', input);
    const second = await volunteering.marketplace.submit('wuppertal', 'p-poster', { ...input, title: 'Zweites Angebot' });
    const pending = await api.api('GET', '/marketplace/pending');
    const { items } = (await expectMatchesOpenApi('get', '/marketplace/pending', pending)) as { items: Array<{ id: string }> };
    expect(items.map((item) => item.id).sort()).toEqual([first._id, second._id].sort());

    const approved = await api.api('POST', `/marketplace/listings/${first._id}/approve`);
    expect(await expectMatchesOpenApi('post', '/marketplace/listings/{id}/approve', approved)).toMatchObject({ status: 'approved' });
    expect(await volunteering.marketplace.findVisible('wuppertal', first._id)).not.toBeNull();
    // Approving again: it is no longer pending.
    expect((await api.api('POST', `/marketplace/listings/${first._id}/approve`)).status).toBe(404);
    // Rejecting it after a colleague approved it changes nothing: it stays visible.
    expect((await api.api('POST', `/marketplace/listings/${first._id}/reject`, { reason: 'Zu spät.' })).status).toBe(404);
    expect(await volunteering.marketplace.findVisible('wuppertal', first._id)).not.toBeNull();

    const noReason = await api.api('POST', `/marketplace/listings/${second._id}/reject`, { reason: '' });
    expect(noReason.status).toBe(422);
    await expectMatchesOpenApi('post', '/marketplace/listings/{id}/reject', noReason);
    const rejected = await api.api('POST', `/marketplace/listings/${second._id}/reject`, { reason: 'Bitte genauer beschreiben.' });
    expect(await expectMatchesOpenApi('post', '/marketplace/listings/{id}/reject', rejected)).toMatchObject({ status: 'rejected', reason: 'Bitte genauer beschreiben.' });
    const asked = await volunteering.marketplace.requestContact('wuppertal', first._id, 'p-asker', { message: 'Wir brauchen einen Tisch.', shareWithOwner: false });
    expect(asked.status).toBe('created');
    const brokering = await api.api('GET', '/marketplace/brokering');
    const open = (await expectMatchesOpenApi('get', '/marketplace/brokering', brokering)) as { items: Array<{ id: string; listingTitle: string; message: string }> };
    expect(open.items).toEqual([expect.objectContaining({ listingTitle: 'Reparaturen für Vereine', message: 'Wir brauchen einen Tisch.' })]);
    const done = await api.api('POST', `/marketplace/brokering/${open.items[0]!.id}/done`);
    expect(await expectMatchesOpenApi('post', '/marketplace/brokering/{id}/done', done)).toMatchObject({ status: 'done', listingTitle: 'Reparaturen für Vereine' });
    expect(((await (await api.api('GET', '/marketplace/brokering')).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('lets a counsellor claim, answer and close a handoff request', async () => {
    const handoffs = harness.app.features.handoffs;
    const request = await handoffs.service.create({
      tenantId: 'wuppertal',
      profileId: 'p-nobody',
      topic: 'pathways',
      message: 'Ich suche eine Ausbildung <b>im Handwerk</b>.',
      consentToShare: true,
      sharedAnswers: { questionnaire: { situation: 'school-leaver', fields: ['handwerk'], german: 'B1' } },
      channel: 'webchat',
      language: 'de',
    });
    const list = await api.api('GET', '/handoffs');
    const { items } = (await expectMatchesOpenApi('get', '/handoffs', list)) as { items: Array<{ id: string; answers: Array<{ label: string; value: string }> }> };
    const item = items.find((candidate) => candidate.id === request._id)!;
    expect(item.answers).toEqual(expect.arrayContaining([{ label: 'Situation', value: 'Ich komme (bald) von der Schule' }, { label: 'Berufsfelder', value: 'Handwerk & Bau' }]));

    const claimed = await api.api('POST', `/handoffs/${request._id}/claim`);
    expect(await expectMatchesOpenApi('post', '/handoffs/{id}/claim', claimed)).toMatchObject({ status: 'claimed' });
    const reply = await api.api('POST', `/handoffs/${request._id}/reply`, { text: 'Gern, ich rufe an.' });
    const replied = (await expectMatchesOpenApi('post', '/handoffs/{id}/reply', reply)) as { delivery: string; view: { messages: Array<{ from: string; text: string }> } };
    // The person of this request has no profile: the reply stays in the thread, marked unreachable.
    expect(replied.delivery).toBe('unreachable');
    expect(replied.view.messages.map((message) => message.from)).toEqual(['person', 'staff']);

    const console = new StaffClient(harness.baseUrl);
    await console.consoleSignIn(ADMIN.email, ADMIN.password);
    const thread = await console.page(`/console/handoffs/${request._id}`);
    expect(thread.html).toContain('Ich suche eine Ausbildung &lt;b&gt;im Handwerk&lt;/b&gt;.');
    expect(thread.html).toContain('Gern, ich rufe an.');
    // The person shared their answers: no "nothing shared" line.
    expect(thread.html).not.toContain('Die Person hat keine Angaben geteilt.');
    const closed = await api.api('POST', `/handoffs/${request._id}/close`);
    expect(await expectMatchesOpenApi('post', '/handoffs/{id}/close', closed)).toMatchObject({ status: 'closed' });
    expect(((await (await api.api('GET', '/handoffs')).json()) as { items: Array<{ id: string }> }).items.map((entry) => entry.id)).not.toContain(request._id);
  });

  it('counts every waiting handoff request on the dashboard and lists the five oldest', async () => {
    const handoffs = harness.app.features.handoffs;
    type Dashboard = { handoffs: { open: number; recent: Array<{ id: string }> } };
    const before = ((await expectMatchesOpenApi('get', '/dashboard', await api.api('GET', '/dashboard'))) as Dashboard).handoffs.open;
    const created = [];
    for (let index = 0; index < 7; index++) {
      created.push(await handoffs.service.create({ tenantId: 'wuppertal', profileId: `p-waiting-${index}`, topic: 'workshops', consentToShare: false, channel: 'telegram', language: 'de' }));
    }
    await api.api('POST', `/handoffs/${created[0]!._id}/claim`);
    await api.api('POST', `/handoffs/${created[1]!._id}/close`);
    const dashboard = (await expectMatchesOpenApi('get', '/dashboard', await api.api('GET', '/dashboard'))) as Dashboard;
    // Claimed ones still wait for an answer; the closed one does not.
    expect(dashboard.handoffs.open).toBe(before + 6);
    expect(dashboard.handoffs.recent).toHaveLength(5);
    const page = await (async () => {
      const client = new StaffClient(harness.baseUrl);
      await client.consoleSignIn(ADMIN.email, ADMIN.password);
      return client.page('/console/');
    })();
    expect(page.html).toContain(`Offene Anfragen: ${before + 6}`);
    const card = page.html.slice(page.html.indexOf('id="handoffs-heading"'), page.html.indexOf('</section>', page.html.indexOf('id="handoffs-heading"')));
    expect(card.match(/href="\/console\/handoffs\/ho-/g)).toHaveLength(5);
    for (const request of created.slice(2)) await api.api('POST', `/handoffs/${request._id}/close`);
    await api.api('POST', `/handoffs/${created[0]!._id}/close`);
  });

  it('refuses content, marketplace and handoff work to the wrong role', async () => {
    await api.api('POST', '/staff', { name: 'Cora', email: 'cora@wuppertal.example', role: 'counsellor', password: 'cora has a long password' });
    await api.api('POST', '/staff', { name: 'Emil', email: 'emil@wuppertal.example', role: 'editor', password: 'emil has a long password' });
    const counsellor = new StaffClient(harness.baseUrl);
    await counsellor.apiSignIn('cora@wuppertal.example', 'cora has a long password');
    expect((await counsellor.api('GET', '/content/workshops')).status).toBe(403);
    expect((await counsellor.api('GET', '/marketplace/pending')).status).toBe(403);
    expect((await counsellor.api('GET', '/handoffs')).status).toBe(200);
    // Counsellors see who saved a pathway, but do not edit pathways.
    const pathways = await counsellor.api('GET', '/content/pathways');
    expect(pathways.status).toBe(200);
    const { id: pathwayId } = (await (await api.api('POST', '/content/pathways', { title: 'Ausbildung Tischler/in', provider: 'Tischlerei Holz', kind: 'ausbildung', summary: 'Drei Jahre Ausbildung.', duration: '3 Jahre', pay: 'ab 900 €', nextStep: 'Bewerbung schicken', fields: ['handwerk'] })).json()) as { id: string };
    expect((await counsellor.api('GET', `/content/pathways/${pathwayId}/registrations`)).status).toBe(200);
    expect((await counsellor.api('PUT', `/content/pathways/${pathwayId}`, { title: 'x' })).status).toBe(403);
    const counsellorPage = new StaffClient(harness.baseUrl);
    await counsellorPage.consoleSignIn('cora@wuppertal.example', 'cora has a long password');
    const form = await counsellorPage.page(`/console/pathways/${pathwayId}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('<fieldset class="fields" disabled>');
    expect(form.html).not.toContain('Zurückziehen');
    expect((await counsellorPage.page('/console/pathways')).html).not.toContain('Neu anlegen');
    // A pathway made in the console is offered in the chat's ranking (its requirements are complete).
    const pathwaysFeature = harness.app.features.pathways;
    const ranked = await pathwaysFeature.service.rank('wuppertal', { situation: 'school-leaver', fields: ['handwerk'] });
    expect(ranked.map((entry) => entry.pathway._id)).toContain(pathwayId);
    const editor = new StaffClient(harness.baseUrl);
    await editor.apiSignIn('emil@wuppertal.example', 'emil has a long password');
    expect((await editor.api('GET', '/handoffs')).status).toBe(403);
    expect((await editor.api('POST', '/content/deeds', DEED_INPUT)).status).toBe(201);
  });
});

describe('content of two cities', () => {
  it('refuses another city\'s items (404) in the API and the console', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kosi-tenants-'));
    const file = join(dir, 'tenants.json');
    await writeFile(file, JSON.stringify({ tenants: [{ id: 'wuppertal', name: 'Wuppertal' }, { id: 'dortmund', name: 'Dortmund' }] }));
    const harness = await startTestApp({ env: { TENANTS_FILE: file, ADMIN_EMAIL: 'root@kosi.example', ADMIN_PASSWORD: 'the super admin password', DEMO_CONTENT: 'none' } });
    try {
      const wuppertal = new StaffClient(harness.baseUrl);
      await wuppertal.apiSignIn('root@kosi.example', 'the super admin password', 'wuppertal');
      const { id } = (await (await wuppertal.api('POST', '/content/workshops', workshopInput)).json()) as { id: string };
      const { id: deedId } = (await (await wuppertal.api('POST', '/content/deeds', DEED_INPUT)).json()) as { id: string };
      const dortmund = new StaffClient(harness.baseUrl);
      await dortmund.apiSignIn('root@kosi.example', 'the super admin password', 'dortmund');
      for (const [method, path] of [
        ['GET', `/content/workshops/${id}`],
        ['PUT', `/content/workshops/${id}`],
        ['POST', `/content/workshops/${id}/withdraw`],
        ['GET', `/content/workshops/${id}/registrations`],
        ['GET', `/content/deeds/${deedId}`],
        ['POST', `/content/deeds/${deedId}/withdraw`],
      ] as const) {
        const response = await dortmund.api(method, path, method === 'PUT' ? workshopInput : undefined);
        expect(response.status, `${method} ${path}`).toBe(404);
      }
      expect(((await (await dortmund.api('GET', '/content/workshops')).json()) as { items: unknown[] }).items).toEqual([]);
      const workshops = harness.app.features.workshops;
      expect((await workshops.service.get('wuppertal', id))!.status).toBe('scheduled');
      const console = new StaffClient(harness.baseUrl);
      await console.page('/console/login');
      await console.postForm('/console/login', { email: 'root@kosi.example', password: 'the super admin password', tenant: 'dortmund' });
      expect((await console.page(`/console/workshops/${id}`)).status).toBe(404);
    } finally {
      await harness.stop();
    }
  });
});
