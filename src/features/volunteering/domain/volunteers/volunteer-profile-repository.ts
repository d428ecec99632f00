import { Schema } from 'mongoose';
import { DuplicateKeyError, type CollectionDefinition, type DocumentCollection, type DocumentStore, type Filter } from '../../../../platform/store/document-store.js';
import { CONTACT_DETAIL_MAX, CONTACT_WAYS, INTERESTS, TIME_SLOTS, VOLUNTEER_FIELDS, volunteerProfileId, type Interest, type VolunteerField, type VolunteerProfile } from './volunteer-profile.js';

const volunteerProfileSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    profileId: { type: String, required: true, maxlength: 100 },
    status: { type: String, required: true, enum: ['draft', 'complete'], default: 'draft' },
    answered: { type: [{ type: String, enum: VOLUNTEER_FIELDS }], default: [] },
    firstName: { type: String, maxlength: 60 },
    city: { type: String, maxlength: 80 },
    district: { type: String, maxlength: 80 },
    interests: { type: [{ type: String, enum: INTERESTS }], default: [] },
    skills: { type: [{ type: String, maxlength: 60 }], default: [] },
    slots: { type: [{ type: String, enum: TIME_SLOTS }], default: [] },
    hoursPerMonth: { type: Number, min: 0, max: 200 },
    contact: { type: String, enum: CONTACT_WAYS },
    contactDetail: { type: String, maxlength: CONTACT_DETAIL_MAX },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    completedAt: { type: Date },
  },
  { versionKey: false },
);

export const volunteerProfilesCollection: CollectionDefinition = {
  name: 'volunteerProfiles',
  schema: volunteerProfileSchema,
  indexes: [{ fields: { tenantId: 1, profileId: 1 }, unique: true }, { fields: { tenantId: 1, interests: 1 } }],
};

/** The answers a question writes (only the fields of that question). */
export type VolunteerAnswer = Partial<Pick<VolunteerProfile, 'firstName' | 'city' | 'district' | 'interests' | 'skills' | 'slots' | 'hoursPerMonth' | 'contact' | 'contactDetail'>>;

export interface VolunteerAudienceFilter {
  /** Anyone with at least one of these interests. */
  interests?: readonly Interest[];
  /** Anyone living in one of these districts. */
  districts?: readonly string[];
}

/**
 * Volunteer profiles, one per person and municipality. Other features (broadcast audiences) read
 * interests and districts through `listComplete`.
 */
export class VolunteerProfileRepository {
  private readonly profiles: DocumentCollection<VolunteerProfile>;

  constructor(store: DocumentStore) {
    this.profiles = store.collection<VolunteerProfile>(volunteerProfilesCollection);
  }

  find(tenantId: string, profileId: string): Promise<VolunteerProfile | null> {
    return this.profiles.findOne({ tenantId, profileId });
  }

  /** Stores one answer (a draft is created on the first one) and marks the question answered. */
  async saveAnswer(tenantId: string, profileId: string, field: VolunteerField, answer: VolunteerAnswer, now: Date): Promise<VolunteerProfile> {
    await this.ensure(tenantId, profileId, now);
    const unset: Record<string, true> = {};
    const set: Record<string, unknown> = { updatedAt: now };
    for (const [key, value] of Object.entries(answer)) {
      if (value === undefined) unset[key] = true;
      else set[key] = value;
    }
    const updated = await this.profiles.updateOne(
      { tenantId, profileId },
      { $set: set, $addToSet: { answered: field }, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) },
    );
    return updated!;
  }

  /** Starts the onboarding over: every answer is forgotten. */
  async restart(tenantId: string, profileId: string, now: Date): Promise<void> {
    await this.profiles.deleteOne({ tenantId, profileId });
    await this.ensure(tenantId, profileId, now);
  }

  async complete(tenantId: string, profileId: string, now: Date): Promise<VolunteerProfile | null> {
    return this.profiles.updateOne({ tenantId, profileId }, { $set: { status: 'complete', completedAt: now, updatedAt: now } });
  }

  /** Completed profiles matching the filter (all of the tenant's without one). */
  listComplete(tenantId: string, filter: VolunteerAudienceFilter = {}): Promise<VolunteerProfile[]> {
    const query: Filter = { tenantId, status: 'complete' };
    if (filter.interests && filter.interests.length > 0) query['interests'] = { $in: [...filter.interests] };
    if (filter.districts && filter.districts.length > 0) query['district'] = { $in: [...filter.districts] };
    return this.profiles.find(query, { sort: { createdAt: 1 } });
  }

  delete(tenantId: string, profileId: string): Promise<boolean> {
    return this.profiles.deleteOne({ tenantId, profileId });
  }

  private async ensure(tenantId: string, profileId: string, now: Date): Promise<void> {
    if (await this.profiles.findOne({ tenantId, profileId })) return;
    try {
      await this.profiles.insertOne({
        _id: volunteerProfileId(profileId),
        tenantId,
        profileId,
        status: 'draft',
        answered: [],
        interests: [],
        skills: [],
        slots: [],
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }
}
