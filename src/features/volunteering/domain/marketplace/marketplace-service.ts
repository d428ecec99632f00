import { randomUUID } from 'node:crypto';
import { DuplicateKeyError } from '../../../../platform/store/document-store.js';
import type { StaffNoticeService } from '../../../../staff/notices/staff-notices.js';
import { LISTING_CATEGORIES, mayContact, originalLanguageOf, type BrokeringRequest, type ListingCategory, type ListingInput, type MarketplaceListing, type PosterType } from './marketplace.js';
import type { MarketplaceRepository } from './marketplace-repository.js';
import type { Locale } from '../../../../platform/config/config-types.js';
import { cleanListingTranslations, writtenLanguageOf } from './listing-translations.js';

export type ReviewOutcome = { event: 'approved' } | { event: 'rejected'; reason: string };

export interface MarketplaceServiceOptions {
  repository: MarketplaceRepository;
  notices: StaffNoticeService;
  clock: () => Date;
  staffEmailOf(tenantId: string): string | undefined;
  /** Subject and text of a staff notice, in the city's language. */
  staffText(event: { kind: 'listingSubmitted'; listing: MarketplaceListing } | { kind: 'brokeringRequest'; listing: MarketplaceListing; request: BrokeringRequest }): { subject: string; text: string };
  /** Tells the person who posted a listing how staff decided (through the ProactiveMessenger). */
  tellPoster?(tenantId: string, profileId: string, listing: MarketplaceListing, outcome: ReviewOutcome): Promise<void>;
}

export type ContactRequestResult =
  | { status: 'created' | 'already'; request: BrokeringRequest }
  | { status: 'unknown' }
  /** The listing admits only another kind of asker (`listing.contactAudience`). */
  | { status: 'notAllowed'; listing: MarketplaceListing };

/** The "Marktplatz für gute Geschäfte": listings shown after review, contacts brokered by staff. */
export class MarketplaceService {
  private readonly repository: MarketplaceRepository;

  constructor(private readonly options: MarketplaceServiceOptions) {
    this.repository = options.repository;
  }

  /** Approved listings of one category, newest first. */
  browse(tenantId: string, category: ListingCategory): Promise<MarketplaceListing[]> {
    return this.repository.listByStatus(tenantId, 'approved', category);
  }

  /** How many approved listings each category has (categories without any are left out). */
  async categoryCounts(tenantId: string): Promise<Array<{ category: ListingCategory; count: number }>> {
    const approved = await this.repository.listByStatus(tenantId, 'approved');
    return LISTING_CATEGORIES.map((category) => ({ category, count: approved.filter((listing) => listing.category === category).length })).filter((entry) => entry.count > 0);
  }

  /** A listing as the public may see it: approved, or null. */
  async findVisible(tenantId: string, id: string): Promise<MarketplaceListing | null> {
    const listing = await this.repository.findListing(tenantId, id);
    return listing?.status === 'approved' ? listing : null;
  }

  /** A person's own listing goes to staff for review; it is not shown before approval. */
  async submit(tenantId: string, profileId: string, input: ListingInput): Promise<MarketplaceListing> {
    const now = this.options.clock();
    const listing = await this.repository.insertListing({
      ...input,
      _id: `m${randomUUID().replaceAll('-', '').slice(0, 12)}`,
      tenantId,
      ownerProfileId: profileId,
      status: 'pending',
      createdAt: now,
      updatedAt: now,
    });
    const { subject, text } = this.options.staffText({ kind: 'listingSubmitted', listing });
    await this.options.notices.record(tenantId, { kind: 'listingSubmitted', profileId, listingId: listing._id, subject, emailTo: this.options.staffEmailOf(tenantId), emailText: text });
    return listing;
  }

  /**
   * "Kontakt anfragen": one request per person and listing, for staff to broker. A listing that
   * admits only companies, organisations or private people refuses other askers. A request staff
   * marked done is opened again by a new one.
   */
  async requestContact(
    tenantId: string,
    listingId: string,
    profileId: string,
    details: { message?: string; firstName?: string; shareWithOwner: boolean; askerType?: PosterType },
  ): Promise<ContactRequestResult> {
    const listing = await this.findVisible(tenantId, listingId);
    if (!listing) return { status: 'unknown' };
    if (!mayContact(listing.contactAudience, details.askerType)) return { status: 'notAllowed', listing };
    const now = this.options.clock();
    const fields = {
      ...(details.message ? { message: details.message.slice(0, 1000) } : {}),
      // Without consent nothing about the asker is kept for the owner: staff broker through the bot.
      ...(details.shareWithOwner && details.firstName ? { firstName: details.firstName } : {}),
      shareWithOwner: details.shareWithOwner,
      ...(details.shareWithOwner ? { consentAt: now } : {}),
      ...(details.askerType ? { askerType: details.askerType } : {}),
    };
    const existing = await this.repository.findRequestOf(tenantId, listingId, profileId);
    let request: BrokeringRequest | null;
    if (existing?.status === 'done') {
      const unset = (['message', 'firstName', 'consentAt', 'askerType'] as const).filter((key) => !(key in fields));
      request = await this.repository.updateRequest(
        tenantId,
        existing._id,
        { $set: { ...fields, status: 'open', reopenedAt: now }, ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map((key) => [key, true])) } : {}) },
        { status: 'done' },
      );
      if (!request) return this.already(tenantId, listingId, profileId);
    } else if (existing) {
      return { status: 'already', request: existing };
    } else {
      try {
        request = await this.repository.insertRequest({ _id: `b${randomUUID().replaceAll('-', '').slice(0, 12)}`, tenantId, listingId, profileId, ...fields, status: 'open', createdAt: now });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        return this.already(tenantId, listingId, profileId);
      }
    }
    const { subject, text } = this.options.staffText({ kind: 'brokeringRequest', listing, request });
    await this.options.notices.record(tenantId, { kind: 'brokeringRequest', profileId, listingId, requestId: request._id, subject, emailTo: this.options.staffEmailOf(tenantId), emailText: text });
    return { status: 'created', request };
  }

  private async already(tenantId: string, listingId: string, profileId: string): Promise<ContactRequestResult> {
    const again = await this.repository.findRequestOf(tenantId, listingId, profileId);
    if (!again) throw new Error('brokering request vanished');
    return { status: 'already', request: again };
  }

  // Staff console

  listPending(tenantId: string): Promise<MarketplaceListing[]> {
    return this.repository.listByStatus(tenantId, 'pending');
  }

  listByStatus(tenantId: string, status: MarketplaceListing['status']): Promise<MarketplaceListing[]> {
    return this.repository.listByStatus(tenantId, status);
  }

  /** Staff enter a listing themselves (e.g. from a phone call); it is shown at once. */
  async createApproved(tenantId: string, input: ListingInput): Promise<MarketplaceListing> {
    const now = this.options.clock();
    return this.repository.insertListing({ ...input, _id: `m${randomUUID().replaceAll('-', '').slice(0, 12)}`, tenantId, status: 'approved', createdAt: now, updatedAt: now, reviewedAt: now });
  }

  /** Any listing of the city, whatever its status (for staff). */
  findListing(tenantId: string, id: string): Promise<MarketplaceListing | null> {
    return this.repository.findListing(tenantId, id);
  }

  /**
   * Shows a pending listing and tells the poster. Only a pending listing changes: null when the
   * listing is unknown or was already reviewed (e.g. by a colleague a moment earlier); nothing changed then.
   */
  async approve(tenantId: string, id: string): Promise<MarketplaceListing | null> {
    const now = this.options.clock();
    const listing = await this.repository.updateListing(tenantId, id, { $set: { status: 'approved', reviewedAt: now, updatedAt: now }, $unset: { rejectionReason: true } }, { status: 'pending' });
    if (listing?.ownerProfileId) await this.options.tellPoster?.(tenantId, listing.ownerProfileId, listing, { event: 'approved' });
    return listing;
  }

  /** Refuses a pending listing with a reason and tells the poster; null (nothing changed) as with `approve`. */
  async reject(tenantId: string, id: string, reason: string): Promise<MarketplaceListing | null> {
    const now = this.options.clock();
    const trimmed = reason.trim().slice(0, 500);
    const listing = await this.repository.updateListing(tenantId, id, { $set: { status: 'rejected', rejectionReason: trimmed, reviewedAt: now, updatedAt: now } }, { status: 'pending' });
    if (listing?.ownerProfileId) await this.options.tellPoster?.(tenantId, listing.ownerProfileId, listing, { event: 'rejected', reason: trimmed });
    return listing;
  }

  /**
   * Staff's translations of a listing's title and description; they replace the earlier ones (none
   * given: the listing has none any more). `language` corrects the language the poster wrote in.
   * Whatever the status: a pending listing may be translated before it is shown. Null: unknown.
   */
  async translate(tenantId: string, id: string, change: { translations: unknown; language?: Locale }): Promise<MarketplaceListing | null> {
    const current = await this.repository.findListing(tenantId, id);
    if (!current) return null;
    const language = writtenLanguageOf(change.language ?? originalLanguageOf(current));
    const translations = cleanListingTranslations(change.translations, language);
    const set = { language, updatedAt: this.options.clock() };
    return this.repository.updateListing(tenantId, id, translations ? { $set: { ...set, translations } } : { $set: set, $unset: { translations: true } });
  }

  /** Brokering requests with their listings, newest first. */
  async listBrokeringRequests(tenantId: string, status?: BrokeringRequest['status']): Promise<Array<{ request: BrokeringRequest; listing: MarketplaceListing | null }>> {
    const requests = await this.repository.listRequests(tenantId, status);
    return Promise.all(requests.map(async (request) => ({ request, listing: await this.repository.findListing(tenantId, request.listingId) })));
  }

  markRequestDone(tenantId: string, id: string): Promise<BrokeringRequest | null> {
    return this.repository.updateRequest(tenantId, id, { $set: { status: 'done' } });
  }

  /** A person's listings and contact requests (export). */
  async ofPerson(tenantId: string, profileId: string): Promise<{ listings: MarketplaceListing[]; brokeringRequests: Awaited<ReturnType<MarketplaceRepository['requestsOfProfile']>> }> {
    const [listings, brokeringRequests] = await Promise.all([this.repository.listingsOfOwner(tenantId, profileId), this.repository.requestsOfProfile(tenantId, profileId)]);
    return { listings, brokeringRequests };
  }

  /** "Delete me": the person's listings and contact requests. */
  async eraseOf(tenantId: string, profileId: string): Promise<void> {
    await this.repository.deleteListingsOfOwner(tenantId, profileId);
    await this.repository.deleteRequestsOfProfile(tenantId, profileId);
  }

  /** How many listings a city has (the demo content loads only into an empty marketplace). */
  countListings(tenantId: string): Promise<number> {
    return this.repository.countListings(tenantId);
  }
}
