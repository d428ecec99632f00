import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/platform/config/config-error.js';
import { loadConfig } from '../../src/platform/config/load-config.js';
import { auditEventsCollection, type AuditEvent } from '../../src/staff/audit/audit-log.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { StaffClient } from './staff-client.js';

const ADMIN = { email: 'admin@wuppertal.example', password: 'the first admin password' };
const DAY = 24 * 3_600_000;

/** What a citizen typed into the chat when posting to the Marktplatz. */
const LISTING = {
  kind: 'offer',
  posterType: 'volunteer',
  posterName: 'Familie Yilmaz-Schneider',
  title: 'Nachhilfe bei Yilmaz in der Hofaue 12',
  description: 'Ich gebe Mathe-Nachhilfe, Telefon 0202 555 0101.',
  category: 'craft',
  contactAudience: 'everyone',
} as const;

describe('the staff audit log keeps no citizen-written text, and has a retention', () => {
  let harness: TestApp;
  let api: StaffClient;
  let now = new Date('2026-05-04T08:00:00Z');

  const storedEvents = (): Promise<AuditEvent[]> => harness.app.store.collection<AuditEvent>(auditEventsCollection).find({ tenantId: 'wuppertal' }, { limit: 10_000 });

  beforeAll(async () => {
    harness = await startTestApp({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, overrides: { clock: () => now, staff: { loginAttemptsPerWindow: 1000 } } });
    api = new StaffClient(harness.baseUrl);
    expect((await api.apiSignIn(ADMIN.email, ADMIN.password)).status).toBe(201);
  });
  afterAll(() => harness?.stop());

  it('records approving, rejecting and brokering a citizen\'s listing, and reading its notice, by ids only', async () => {
    const volunteering = harness.app.features.volunteering;
    const approvedOne = await volunteering.marketplace.submit('wuppertal', 'p-poster', LISTING);
    const rejectedOne = await volunteering.marketplace.submit('wuppertal', 'p-poster', { ...LISTING, title: 'Zweites Angebot von Yilmaz' });

    expect((await api.api('POST', `/marketplace/listings/${approvedOne._id}/approve`)).status).toBe(200);
    expect((await api.api('POST', `/marketplace/listings/${rejectedOne._id}/reject`, { reason: 'Bitte ohne Adresse von Frau Yilmaz.' })).status).toBe(200);
    await volunteering.marketplace.requestContact('wuppertal', approvedOne._id, 'p-asker', { message: 'Mein Sohn Timo braucht Hilfe.', shareWithOwner: false });
    const { items: brokering } = (await (await api.api('GET', '/marketplace/brokering')).json()) as { items: Array<{ id: string }> };
    expect((await api.api('POST', `/marketplace/brokering/${brokering[0]!.id}/done`)).status).toBe(200);
    const { items: notices } = (await (await api.api('GET', '/notices?kind=listingSubmitted')).json()) as { items: Array<{ id: string; subject: string }> };
    expect(notices[0]!.subject).toContain('Yilmaz');
    expect((await api.api('POST', `/notices/${notices[0]!.id}/read`)).status).toBe(200);

    const events = await storedEvents();
    const about = (id: string) => events.filter((event) => event.target.id === id).map((event) => event.action);
    expect(about(approvedOne._id)).toEqual(['listing.approved']);
    expect(about(rejectedOne._id)).toEqual(['listing.rejected']);
    expect(about(brokering[0]!.id)).toEqual(['brokering.done']);
    expect(about(notices[0]!.id)).toEqual(['notice.read']);
    // Nothing the citizen typed (nor the reason, which quotes them) is in any stored event.
    expect(JSON.stringify(events)).not.toMatch(/Yilmaz|Hofaue|0202 555|Timo|Nachhilfe/);
  });

  it('purges audit events older than 365 days in the hourly retention run, and keeps newer ones', async () => {
    const old = await harness.app.staffConsole.audit.record('wuppertal', { id: 'staff-x', email: 'x@wuppertal.example' }, 'workshop.created', { type: 'workshop', id: 'w-old', label: 'Alte Werkstatt' });
    now = new Date(now.getTime() + 200 * DAY);
    const recent = await harness.app.staffConsole.audit.record('wuppertal', { id: 'staff-x', email: 'x@wuppertal.example' }, 'workshop.created', { type: 'workshop', id: 'w-new', label: 'Neue Werkstatt' });
    now = new Date(now.getTime() + 166 * DAY);
    await harness.app.retention.runOnce();
    const ids = (await storedEvents()).map((event) => event._id);
    expect(ids).not.toContain(old._id);
    expect(ids).toContain(recent._id);
  });

  it('reads the retention from AUDIT_RETENTION_DAYS and refuses a value that is not a number of days', () => {
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '90' }).auditRetentionDays).toBe(90);
    expect(loadConfig({}).auditRetentionDays).toBe(365);
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: 'forever' })).toThrow(ConfigError);
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '0' })).toThrow(/AUDIT_RETENTION_DAYS/);
  });
});
