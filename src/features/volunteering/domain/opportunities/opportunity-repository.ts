import { createHash } from 'node:crypto';
import { Schema } from 'mongoose';
import type { CollectionDefinition, DocumentCollection, DocumentStore, Filter, Update } from '../../../../platform/store/document-store.js';
import { INTERESTS, TIME_SLOTS } from '../volunteers/volunteer-profile.js';
import type { Opportunity, OpportunityRegistration } from './opportunity.js';

const opportunitySchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    title: { type: String, required: true, maxlength: 120 },
    organisation: { type: String, required: true, maxlength: 120 },
    description: { type: String, required: true, maxlength: 2000 },
    district: { type: String, maxlength: 80 },
    online: { type: Boolean, required: true, default: false },
    startsAt: { type: Date },
    endsAt: { type: Date },
    timeNeeded: { type: String, required: true, maxlength: 120 },
    hoursPerMonth: { type: Number, min: 0, max: 200 },
    slots: { type: [{ type: String, enum: TIME_SLOTS }], default: [] },
    interests: { type: [{ type: String, enum: INTERESTS }], default: [] },
    skills: { type: [{ type: String, maxlength: 60 }], default: [] },
    places: { type: Number, required: true, min: 1, max: 10_000 },
    contact: {
      name: { type: String, required: true, maxlength: 120 },
      email: { type: String, maxlength: 200 },
      phone: { type: String, maxlength: 60 },
    },
    translations: { type: Schema.Types.Mixed },
    status: { type: String, required: true, enum: ['open', 'withdrawn'], default: 'open' },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

const registrationSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    opportunityId: { type: String, required: true },
    profileId: { type: String, required: true },
    status: { type: String, required: true, enum: ['registered', 'withdrawn'] },
    registeredAt: { type: Date, required: true },
    withdrawnAt: { type: Date },
    followUpSentAt: { type: Date },
    cancelledByOrganiserAt: { type: Date },
    feedback: {
      type: new Schema(
        {
          rating: { type: Number, required: true, min: 1, max: 5 },
          comment: { type: String, maxlength: 1000 },
          at: { type: Date, required: true },
        },
        { _id: false },
      ),
      required: false,
    },
  },
  { versionKey: false },
);

export const opportunitiesCollection: CollectionDefinition = {
  name: 'opportunities',
  schema: opportunitySchema,
  indexes: [{ fields: { tenantId: 1, status: 1 } }],
};

export const opportunityRegistrationsCollection: CollectionDefinition = {
  name: 'opportunityRegistrations',
  schema: registrationSchema,
  indexes: [{ fields: { tenantId: 1, opportunityId: 1, profileId: 1 }, unique: true }, { fields: { tenantId: 1, profileId: 1 } }],
};

/** Short, stable id of one person's registration for one deed (fits a deep-link payload). */
export function registrationIdFor(tenantId: string, opportunityId: string, profileId: string): string {
  return 'r' + createHash('sha256').update(`${tenantId}|${opportunityId}|${profileId}`).digest('hex').slice(0, 20);
}

export class OpportunityRepository {
  private readonly opportunities: DocumentCollection<Opportunity>;
  private readonly registrations: DocumentCollection<OpportunityRegistration>;

  constructor(store: DocumentStore) {
    this.opportunities = store.collection<Opportunity>(opportunitiesCollection);
    this.registrations = store.collection<OpportunityRegistration>(opportunityRegistrationsCollection);
  }

  insert(opportunity: Opportunity): Promise<Opportunity> {
    return this.opportunities.insertOne(opportunity);
  }

  findById(tenantId: string, id: string): Promise<Opportunity | null> {
    return this.opportunities.findOne({ tenantId, _id: id });
  }

  findByIds(tenantId: string, ids: readonly string[]): Promise<Opportunity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.opportunities.find({ tenantId, _id: { $in: [...ids] } });
  }

  listOpen(tenantId: string): Promise<Opportunity[]> {
    return this.opportunities.find({ tenantId, status: 'open' }, { sort: { createdAt: 1 } });
  }

  listAll(tenantId: string): Promise<Opportunity[]> {
    return this.opportunities.find({ tenantId }, { sort: { createdAt: -1 } });
  }

  count(tenantId: string): Promise<number> {
    return this.opportunities.count({ tenantId });
  }

  update(tenantId: string, id: string, update: Update, extra: Filter = {}): Promise<Opportunity | null> {
    return this.opportunities.updateOne({ ...extra, tenantId, _id: id }, update);
  }

  // Registrations

  insertRegistration(registration: OpportunityRegistration): Promise<OpportunityRegistration> {
    return this.registrations.insertOne(registration);
  }

  findRegistration(tenantId: string, id: string): Promise<OpportunityRegistration | null> {
    return this.registrations.findOne({ tenantId, _id: id });
  }

  findRegistrationOf(tenantId: string, opportunityId: string, profileId: string): Promise<OpportunityRegistration | null> {
    return this.registrations.findOne({ tenantId, opportunityId, profileId });
  }

  updateRegistration(tenantId: string, id: string, update: Update, extra: Filter = {}): Promise<OpportunityRegistration | null> {
    return this.registrations.updateOne({ ...extra, tenantId, _id: id }, update);
  }

  deleteRegistration(tenantId: string, id: string): Promise<boolean> {
    return this.registrations.deleteOne({ tenantId, _id: id });
  }

  registrationsOfProfile(tenantId: string, profileId: string): Promise<OpportunityRegistration[]> {
    return this.registrations.find({ tenantId, profileId }, { sort: { registeredAt: -1 } });
  }

  registrationsOf(tenantId: string, opportunityId: string): Promise<OpportunityRegistration[]> {
    return this.registrations.find({ tenantId, opportunityId }, { sort: { registeredAt: 1 } });
  }

  /** Registrations of several deeds in one query (oldest first). */
  registrationsOfMany(tenantId: string, opportunityIds: readonly string[]): Promise<OpportunityRegistration[]> {
    return opportunityIds.length === 0 ? Promise.resolve([]) : this.registrations.find({ tenantId, opportunityId: { $in: [...opportunityIds] } }, { sort: { registeredAt: 1 } });
  }

  /** The newest active registrations of a city, newest first. */
  recentRegistrations(tenantId: string, limit: number): Promise<OpportunityRegistration[]> {
    return this.registrations.find({ tenantId, status: 'registered' }, { sort: { registeredAt: -1 }, limit });
  }

  countRegistered(tenantId: string, opportunityId: string): Promise<number> {
    return this.registrations.count({ tenantId, opportunityId, status: 'registered' });
  }

  /** Places taken per opportunity (active registrations only). */
  async takenPlaces(tenantId: string, opportunityIds: readonly string[]): Promise<Map<string, number>> {
    const taken = new Map<string, number>();
    if (opportunityIds.length === 0) return taken;
    const active = await this.registrations.find({ tenantId, status: 'registered', opportunityId: { $in: [...opportunityIds] } });
    for (const registration of active) taken.set(registration.opportunityId, (taken.get(registration.opportunityId) ?? 0) + 1);
    return taken;
  }

  deleteRegistrationsOfProfile(tenantId: string, profileId: string): Promise<number> {
    return this.registrations.deleteMany({ tenantId, profileId });
  }
}
