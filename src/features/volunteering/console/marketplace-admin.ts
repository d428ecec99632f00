import type { MarketplaceService } from '../domain/marketplace/marketplace-service.js';
import type { MarketplaceListing } from '../domain/marketplace/marketplace.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import type { Actor } from '../../../staff/audit/audit-log.js';

/** A marketplace listing as staff review it. */
export interface ListingView {
  id: string;
  kind: string;
  title: string;
  description: string;
  organisation?: string;
  status: string;
  createdAt: Date;
  reason?: string;
}

export interface BrokeringView {
  id: string;
  listingId: string;
  listingTitle: string;
  message: string;
  status: string;
  createdAt: Date;
}

export interface MarketplaceAdmin {
  pending(tenantId: string): Promise<ListingView[]>;
  brokering(tenantId: string): Promise<BrokeringView[]>;
  approve(tenantId: string, id: string, actor: Actor): Promise<ListingView | null>;
  reject(tenantId: string, id: string, reason: string, actor: Actor): Promise<ListingView | null>;
  /** Staff brokered the contact (outside the bot): the request leaves the open list. */
  brokeringDone(tenantId: string, id: string, actor: Actor): Promise<BrokeringView | null>;
}

function viewOf(listing: MarketplaceListing, t: Translate): ListingView {
  return {
    id: listing._id,
    kind: `${t(`marketplace:kinds.${listing.kind}`)} · ${t(`marketplace:categories.${listing.category}`)}`,
    title: listing.title,
    description: listing.description,
    ...(listing.posterName ? { organisation: listing.posterName } : {}),
    status: listing.status,
    createdAt: listing.createdAt,
    ...(listing.rejectionReason ? { reason: listing.rejectionReason } : {}),
  };
}

/** Review of marketplace listings through the volunteering feature's MarketplaceService (which tells the poster). */
export function marketplaceAdmin(service: MarketplaceService, t: Translate): MarketplaceAdmin {
  return {
    async pending(tenantId) {
      return (await service.listPending(tenantId)).map((listing) => viewOf(listing, t));
    },
    async brokering(tenantId) {
      return (await service.listBrokeringRequests(tenantId, 'open')).map(({ request, listing }) => ({
        id: request._id,
        listingId: request.listingId,
        listingTitle: listing?.title ?? '–',
        message: [request.shareWithOwner && request.firstName ? `${request.firstName}: ` : '', request.message ?? ''].join(''),
        status: request.status,
        createdAt: request.createdAt,
      }));
    },
    async brokeringDone(tenantId, id) {
      const request = await service.markRequestDone(tenantId, id);
      if (!request) return null;
      const listing = await service.findListing(tenantId, request.listingId);
      return { id: request._id, listingId: request.listingId, listingTitle: listing?.title ?? '–', message: request.message ?? '', status: request.status, createdAt: request.createdAt };
    },
    // Only pending listings change (the service checks it in the same update): null otherwise.
    async approve(tenantId, id) {
      const listing = await service.approve(tenantId, id);
      return listing ? viewOf(listing, t) : null;
    },
    async reject(tenantId, id, reason) {
      const listing = await service.reject(tenantId, id, reason);
      return listing ? viewOf(listing, t) : null;
    },
  };
}
