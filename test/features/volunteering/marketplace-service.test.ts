import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '../../../src/platform/store/embedded/embedded-store.js';
import { StaffNoticeService } from '../../../src/staff/notices/staff-notices.js';
import { MarketplaceRepository } from '../../../src/features/volunteering/domain/marketplace/marketplace-repository.js';
import { MarketplaceService } from '../../../src/features/volunteering/domain/marketplace/marketplace-service.js';

describe('the Marktplatz service', () => {
  it('keeps no name for the owner without the asker\'s consent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kosi-market-'));
    const store = await openEmbeddedStore({ dataDir: dir });
    const now = new Date('2026-05-04T10:00:00Z');
    const market = new MarketplaceService({
      repository: new MarketplaceRepository(store),
      notices: new StaffNoticeService(store, null, () => now),
      clock: () => now,
      staffEmailOf: () => undefined,
      staffText: () => ({ subject: 'Anfrage', text: '' }),
    });
    const input = { kind: 'offer' as const, posterType: 'company' as const, title: 'Räume', description: 'Saal', category: 'rooms' as const, contactAudience: 'everyone' as const };
    const listing = await market.createApproved('wuppertal', input);
    const pending = await market.submit('wuppertal', 'p-9', input);
    const withheld = await market.requestContact('wuppertal', listing._id, 'p-1', { firstName: 'Ayşe', message: 'Hallo', shareWithOwner: false });
    const shared = await market.requestContact('wuppertal', listing._id, 'p-2', { firstName: 'Jonas', shareWithOwner: true });
    expect(withheld.status === 'created' && withheld.request).toMatchObject({ shareWithOwner: false, message: 'Hallo' });
    expect(withheld.status === 'created' && withheld.request.firstName).toBeUndefined();
    expect(shared.status === 'created' && shared.request).toMatchObject({ shareWithOwner: true, firstName: 'Jonas', consentAt: now });
    expect((await market.requestContact('wuppertal', pending._id, 'p-1', { shareWithOwner: true })).status).toBe('unknown');
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses askers the listing does not admit, stores the asker type, and reopens a request staff marked done', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kosi-market-'));
    const store = await openEmbeddedStore({ dataDir: dir });
    const now = new Date('2026-05-04T10:00:00Z');
    const notices = new StaffNoticeService(store, null, () => now);
    const market = new MarketplaceService({ repository: new MarketplaceRepository(store), notices, clock: () => now, staffEmailOf: () => undefined, staffText: () => ({ subject: 'Anfrage', text: '' }) });
    const listing = await market.createApproved('wuppertal', { kind: 'offer', posterType: 'company', title: 'Beratung', description: 'Für Vereine', category: 'advice', contactAudience: 'organisations' });
    expect((await market.requestContact('wuppertal', listing._id, 'p-1', { shareWithOwner: false })).status).toBe('notAllowed');
    expect((await market.requestContact('wuppertal', listing._id, 'p-1', { shareWithOwner: false, askerType: 'company' })).status).toBe('notAllowed');
    const created = await market.requestContact('wuppertal', listing._id, 'p-1', { shareWithOwner: false, askerType: 'organisation', message: 'Hallo' });
    expect(created.status === 'created' && created.request).toMatchObject({ askerType: 'organisation', status: 'open' });
    if (created.status !== 'created') throw new Error('not created');
    expect((await market.requestContact('wuppertal', listing._id, 'p-1', { shareWithOwner: false, askerType: 'organisation' })).status).toBe('already');
    await market.markRequestDone('wuppertal', created.request._id);
    const reopened = await market.requestContact('wuppertal', listing._id, 'p-1', { shareWithOwner: true, firstName: 'Ayşe', askerType: 'organisation' });
    expect(reopened.status).toBe('created');
    expect(reopened.status === 'created' && reopened.request).toMatchObject({ _id: created.request._id, status: 'open', shareWithOwner: true, firstName: 'Ayşe', reopenedAt: now });
    expect(reopened.status === 'created' && reopened.request.message).toBeUndefined();
    expect((await notices.list('wuppertal')).filter((notice) => notice.kind === 'brokeringRequest')).toHaveLength(2);
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
});
