import type { MarketplaceService } from '../domain/marketplace/marketplace-service.js';
import { originalLanguageOf, type MarketplaceListing } from '../domain/marketplace/marketplace.js';
import type { Locale } from '../../../platform/config/config-types.js';
import type { ContentTranslations } from '../../../platform/i18n/content-translations.js';
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
  /** The language the poster wrote in. */
  language: Locale;
  /** Staff's translations of title and description (`{ en: { title, description } }`). */
  translations?: ContentTranslations;
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
  /** The listings people can see now, newest first. */
  approved(tenantId: string): Promise<ListingView[]>;
  /** One listing, whatever its status. */
  find(tenantId: string, id: string): Promise<ListingView | null>;
  /** Replaces the listing's translations (and corrects its language); null when unknown. */
  translate(tenantId: string, id: string, change: { translations: ContentTranslations | undefined; language?: Locale }, actor: Actor): Promise<ListingView | null>;
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
    language: originalLanguageOf(listing),
    ...(listing.translations ? { translations: listing.translations } : {}),
  };
}

/** Review of marketplace listings through the volunteering feature's MarketplaceService (which tells the poster). */
export function marketplaceAdmin(service: MarketplaceService, t: Translate): MarketplaceAdmin {
  return {
    async pending(tenantId) {
      return (await service.listPending(tenantId)).map((listing) => viewOf(listing, t));
    },
    async approved(tenantId) {
      return (await service.listByStatus(tenantId, 'approved')).map((listing) => viewOf(listing, t));
    },
    async find(tenantId, id) {
      const listing = await service.findListing(tenantId, id);
      return listing ? viewOf(listing, t) : null;
    },
    async translate(tenantId, id, change) {
      const listing = await service.translate(tenantId, id, change);
      return listing ? viewOf(listing, t) : null;
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
