import { Schema } from 'mongoose';
import type { CollectionDefinition, DocumentCollection, DocumentStore, Filter, Update } from '../../../../platform/store/document-store.js';
import { SUPPORTED_LOCALES } from '../../../../platform/config/config-types.js';
import { CONTACT_AUDIENCES, LISTING_CATEGORIES, LISTING_KINDS, LISTING_TEXT_LIMITS, POSTER_TYPES, type BrokeringRequest, type ListingCategory, type ListingStatus, type MarketplaceListing } from './marketplace.js';

const listingSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    kind: { type: String, required: true, enum: LISTING_KINDS },
    posterType: { type: String, required: true, enum: POSTER_TYPES },
    posterName: { type: String, maxlength: 120 },
    title: { type: String, required: true, maxlength: LISTING_TEXT_LIMITS.title },
    description: { type: String, required: true, maxlength: LISTING_TEXT_LIMITS.description },
    category: { type: String, required: true, enum: LISTING_CATEGORIES },
    district: { type: String, maxlength: 80 },
    contactAudience: { type: String, required: true, enum: CONTACT_AUDIENCES },
    status: { type: String, required: true, enum: ['pending', 'approved', 'rejected'] },
    rejectionReason: { type: String, maxlength: 500 },
    ownerProfileId: { type: String },
    language: { type: String, enum: SUPPORTED_LOCALES },
    translations: { type: Schema.Types.Mixed },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    reviewedAt: { type: Date },
  },
  { versionKey: false },
);

const brokeringSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    listingId: { type: String, required: true },
    profileId: { type: String, required: true },
    message: { type: String, maxlength: 1000 },
    firstName: { type: String, maxlength: 60 },
    shareWithOwner: { type: Boolean, required: true },
    consentAt: { type: Date },
    askerType: { type: String, enum: POSTER_TYPES },
    status: { type: String, required: true, enum: ['open', 'done'], default: 'open' },
    createdAt: { type: Date, required: true },
    reopenedAt: { type: Date },
  },
  { versionKey: false },
);

export const marketplaceListingsCollection: CollectionDefinition = {
  name: 'marketplaceListings',
  schema: listingSchema,
  indexes: [{ fields: { tenantId: 1, status: 1, category: 1 } }, { fields: { tenantId: 1, ownerProfileId: 1 } }],
};

export const brokeringRequestsCollection: CollectionDefinition = {
  name: 'brokeringRequests',
  schema: brokeringSchema,
  // One request per person and listing: a second press does not ask staff twice (a done one is reopened).
  indexes: [{ fields: { tenantId: 1, listingId: 1, profileId: 1 }, unique: true }],
};

export class MarketplaceRepository {
  private readonly listings: DocumentCollection<MarketplaceListing>;
  private readonly requests: DocumentCollection<BrokeringRequest>;

  constructor(store: DocumentStore) {
    this.listings = store.collection<MarketplaceListing>(marketplaceListingsCollection);
    this.requests = store.collection<BrokeringRequest>(brokeringRequestsCollection);
  }

  insertListing(listing: MarketplaceListing): Promise<MarketplaceListing> {
    return this.listings.insertOne(listing);
  }

  findListing(tenantId: string, id: string): Promise<MarketplaceListing | null> {
    return this.listings.findOne({ tenantId, _id: id });
  }

  listByStatus(tenantId: string, status: ListingStatus, category?: ListingCategory): Promise<MarketplaceListing[]> {
    const filter: Filter = { tenantId, status };
    if (category) filter['category'] = category;
    return this.listings.find(filter, { sort: { createdAt: status === 'pending' ? 1 : -1 } });
  }

  countListings(tenantId: string): Promise<number> {
    return this.listings.count({ tenantId });
  }

  updateListing(tenantId: string, id: string, update: Update, extra: Filter = {}): Promise<MarketplaceListing | null> {
    return this.listings.updateOne({ ...extra, tenantId, _id: id }, update);
  }

  listingsOfOwner(tenantId: string, profileId: string): Promise<MarketplaceListing[]> {
    return this.listings.find({ tenantId, ownerProfileId: profileId }, { sort: { createdAt: -1 } });
  }

  deleteListingsOfOwner(tenantId: string, profileId: string): Promise<number> {
    return this.listings.deleteMany({ tenantId, ownerProfileId: profileId });
  }

  insertRequest(request: BrokeringRequest): Promise<BrokeringRequest> {
    return this.requests.insertOne(request);
  }

  findRequestOf(tenantId: string, listingId: string, profileId: string): Promise<BrokeringRequest | null> {
    return this.requests.findOne({ tenantId, listingId, profileId });
  }

  listRequests(tenantId: string, status?: BrokeringRequest['status']): Promise<BrokeringRequest[]> {
    return this.requests.find(status ? { tenantId, status } : { tenantId }, { sort: { createdAt: -1 } });
  }

  updateRequest(tenantId: string, id: string, update: Update, extra: Filter = {}): Promise<BrokeringRequest | null> {
    return this.requests.updateOne({ ...extra, tenantId, _id: id }, update);
  }

  requestsOfProfile(tenantId: string, profileId: string): Promise<BrokeringRequest[]> {
    return this.requests.find({ tenantId, profileId }, { sort: { createdAt: -1 } });
  }

  deleteRequestsOfProfile(tenantId: string, profileId: string): Promise<number> {
    return this.requests.deleteMany({ tenantId, profileId });
  }
}
