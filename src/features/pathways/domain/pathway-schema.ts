import { Schema } from 'mongoose';
import type { CollectionDefinition } from '../../../platform/store/document-store.js';
import { CONSTRAINTS, DEGREES, FIELDS, GERMAN_LEVELS, PATHWAY_KINDS, QUESTIONS, SITUATIONS, STARTS } from './pathway.js';

const text = (maxlength: number, required = false) => ({ type: String, maxlength, trim: true, ...(required ? { required: true } : {}) });

const requirementsSchema = new Schema(
  {
    minDegree: { type: String, enum: DEGREES },
    degreeCatchUp: text(300),
    minGerman: { type: String, enum: GERMAN_LEVELS },
    germanSupport: text(300),
    minAge: { type: Number, min: 0, max: 99 },
    maxAge: { type: Number, min: 0, max: 99 },
  },
  { _id: false },
);

const contactSchema = new Schema(
  { name: text(200), phone: text(60), email: text(200), url: text(500), address: text(300) },
  { _id: false },
);

export const pathwaySchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    title: text(160, true),
    provider: text(160, true),
    kind: { type: String, required: true, enum: PATHWAY_KINDS },
    summary: text(1500, true),
    fields: { type: [{ type: String, enum: FIELDS }], default: [] },
    situations: { type: [{ type: String, enum: SITUATIONS }], default: [] },
    requirements: { type: requirementsSchema, default: () => ({}) },
    teachesGermanTo: { type: String, enum: GERMAN_LEVELS },
    duration: text(120, true),
    pay: text(300, true),
    partTimePossible: { type: Boolean, required: true, default: false },
    childcareFriendly: { type: Boolean, required: true, default: false },
    location: {
      district: text(80),
      online: { type: Boolean, required: true, default: false },
    },
    startsAt: Date,
    nextStep: text(600, true),
    contact: { type: contactSchema, default: () => ({}) },
    translations: { type: Schema.Types.Mixed },
    status: { type: String, required: true, enum: ['active', 'withdrawn'], default: 'active' },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const pathwaysCollection: CollectionDefinition = {
  name: 'pathways',
  schema: pathwaySchema,
  indexes: [{ fields: { tenantId: 1, status: 1 } }],
};

export const pathwayRequestSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    profileId: { type: String, required: true },
    pathwayId: { type: String, required: true },
    savedAt: { type: Date, required: true },
    remindAt: Date,
    remindedAt: Date,
  },
  { versionKey: false },
);

/** "Meine Wege": one entry per person and pathway (the id is derived from both). */
export const pathwayRequestsCollection: CollectionDefinition = {
  name: 'pathwayRequests',
  schema: pathwayRequestSchema,
  indexes: [{ fields: { tenantId: 1, profileId: 1, pathwayId: 1 }, unique: true }, { fields: { tenantId: 1, pathwayId: 1 } }],
};

export const pathwayAnswersSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    profileId: { type: String, required: true },
    situation: { type: String, enum: SITUATIONS },
    fields: { type: [{ type: String, enum: FIELDS }], default: undefined },
    degree: { type: String, enum: DEGREES },
    german: { type: String, enum: GERMAN_LEVELS },
    constraints: { type: [{ type: String, enum: CONSTRAINTS }], default: undefined },
    start: { type: String, enum: STARTS },
    skipped: { type: [{ type: String, enum: QUESTIONS }], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

/** The questionnaire's answers, one document per person. */
export const pathwayAnswersCollection: CollectionDefinition = {
  name: 'pathwayAnswers',
  schema: pathwayAnswersSchema,
  indexes: [{ fields: { tenantId: 1, profileId: 1 }, unique: true }],
};
