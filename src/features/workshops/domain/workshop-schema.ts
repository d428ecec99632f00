import { Schema } from 'mongoose';
import type { CollectionDefinition } from '../../../platform/store/document-store.js';

const seriesSchema = new Schema(
  {
    id: { type: String, required: true, maxlength: 60 },
    title: { type: String, required: true, maxlength: 200 },
    part: { type: Number, required: true, min: 1, max: 99 },
  },
  { _id: false },
);

const placeSchema = new Schema(
  {
    name: { type: String, required: true, maxlength: 200 },
    address: { type: String, required: true, maxlength: 300 },
  },
  { _id: false },
);

const organiserSchema = new Schema(
  {
    name: { type: String, required: true, maxlength: 200 },
    email: { type: String, maxlength: 200 },
    phone: { type: String, maxlength: 60 },
  },
  { _id: false },
);

const httpUrl = { type: String, maxlength: 1000, match: /^https?:\/\/\S+$/ };

export const workshopSchema = new Schema(
  {
    _id: { type: String, required: true, match: /^[A-Za-z0-9_]{1,32}$/ },
    tenantId: { type: String, required: true },
    title: { type: String, required: true, maxlength: 200 },
    series: { type: seriesSchema, required: false },
    description: { type: String, required: true, maxlength: 4000 },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    place: { type: placeSchema, required: false },
    onlineUrl: httpUrl,
    capacity: { type: Number, required: true, min: 1, max: 100_000 },
    language: { type: String, required: true, maxlength: 10 },
    targetGroup: { type: String, required: true, maxlength: 300 },
    organiser: { type: organiserSchema, required: true },
    materialUrl: httpUrl,
    translations: { type: Schema.Types.Mixed },
    status: { type: String, required: true, enum: ['scheduled', 'cancelled'], default: 'scheduled' },
    revision: { type: Number, min: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const workshopsCollection: CollectionDefinition = {
  name: 'workshops',
  schema: workshopSchema,
  indexes: [{ fields: { tenantId: 1, startsAt: 1 } }, { fields: { tenantId: 1, 'series.id': 1, 'series.part': 1 } }],
};

export const workshopRegistrationSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    workshopId: { type: String, required: true },
    profileId: { type: String, required: true },
    status: { type: String, required: true, enum: ['registered', 'waiting', 'cancelled'] },
    cancelReason: { type: String, enum: ['person', 'workshop-cancelled'] },
    registeredAt: { type: Date },
    waitingSince: { type: Date },
    remindersOn: { type: Boolean, required: true, default: true },
    sent: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const workshopRegistrationsCollection: CollectionDefinition = {
  name: 'workshopRegistrations',
  schema: workshopRegistrationSchema,
  indexes: [
    // Registering twice (a double click, two instances) gives one registration.
    { fields: { workshopId: 1, profileId: 1 }, unique: true },
    { fields: { tenantId: 1, workshopId: 1, status: 1 } },
    { fields: { tenantId: 1, profileId: 1 } },
  ],
};

export const workshopPreferencesSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    profileId: { type: String, required: true },
    remindersOn: { type: Boolean, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const workshopPreferencesCollection: CollectionDefinition = {
  name: 'workshopPreferences',
  schema: workshopPreferencesSchema,
  indexes: [{ fields: { tenantId: 1, profileId: 1 }, unique: true }],
};
