import { beforeEach, expect, it } from 'vitest';
import { DocumentValidationError, DuplicateKeyError, type DocumentStore } from '../../../src/platform/store/document-store.js';
import { MarketplaceRepository } from '../../../src/features/volunteering/domain/marketplace/marketplace-repository.js';
import type { MarketplaceListing } from '../../../src/features/volunteering/domain/marketplace/marketplace.js';
import { describeEachBackend } from '../../support/store-backends.js';

const now = new Date('2026-05-04T10:00:00Z');
const TENANT = 'wuppertal';

function listing(id: string, fields: Partial<MarketplaceListing> = {}): MarketplaceListing {
  return {
    _id: id,
    tenantId: TENANT,
    kind: 'offer',
    posterType: 'company',
    posterName: 'Druckerei',
    title: `Listing ${id}`,
    description: 'Beschreibung',
    category: 'advice',
    contactAudience: 'everyone',
    status: 'approved',
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

describeEachBackend('marketplace listings and brokering requests', (backend) => {
  let store: DocumentStore;
  let repository: MarketplaceRepository;

  beforeEach(async () => {
    store = await backend.open();
    repository = new MarketplaceRepository(store);
  });

  it('lists by status and category within the tenant', async () => {
    await repository.insertListing(listing('m1'));
    await repository.insertListing(listing('m2', { status: 'pending', ownerProfileId: 'p-1' }));
    await repository.insertListing(listing('m3', { category: 'rooms' }));
    await repository.insertListing(listing('m4', { tenantId: 'dortmund' }));
    expect((await repository.listByStatus(TENANT, 'approved', 'advice')).map((item) => item._id)).toEqual(['m1']);
    expect((await repository.listByStatus(TENANT, 'pending')).map((item) => item._id)).toEqual(['m2']);
    expect(await repository.countListings(TENANT)).toBe(3);
    expect((await repository.listingsOfOwner(TENANT, 'p-1')).map((item) => item._id)).toEqual(['m2']);
  });

  it('validates listings against the schema', async () => {
    await expect(repository.insertListing(listing('m1', { category: 'weapons' as never }))).rejects.toBeInstanceOf(DocumentValidationError);
    await expect(repository.insertListing(listing('m1', { title: 'x'.repeat(500) }))).rejects.toBeInstanceOf(DocumentValidationError);
  });

  it('changes status only when the extra condition holds', async () => {
    await repository.insertListing(listing('m1', { status: 'pending' }));
    expect((await repository.updateListing(TENANT, 'm1', { $set: { status: 'approved' } }, { status: { $ne: 'approved' } }))?.status).toBe('approved');
    expect(await repository.updateListing(TENANT, 'm1', { $set: { status: 'approved' } }, { status: { $ne: 'approved' } })).toBeNull();
  });

  it('holds one brokering request per person and listing, and erases a person\'s requests and listings', async () => {
    await repository.insertListing(listing('m1', { ownerProfileId: 'p-2' }));
    const request = { _id: 'b1', tenantId: TENANT, listingId: 'm1', profileId: 'p-1', shareWithOwner: false, status: 'open' as const, createdAt: now };
    await repository.insertRequest(request);
    await expect(repository.insertRequest({ ...request, _id: 'b2' })).rejects.toBeInstanceOf(DuplicateKeyError);
    expect((await repository.findRequestOf(TENANT, 'm1', 'p-1'))?._id).toBe('b1');
    expect((await repository.listRequests(TENANT, 'open')).map((item) => item._id)).toEqual(['b1']);
    expect(await repository.deleteRequestsOfProfile(TENANT, 'p-1')).toBe(1);
    expect(await repository.deleteListingsOfOwner(TENANT, 'p-2')).toBe(1);
  });
});
