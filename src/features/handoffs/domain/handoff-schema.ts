import { Schema } from 'mongoose';
import { SUPPORTED_LOCALES } from '../../../platform/config/config-types.js';
import type { CollectionDefinition } from '../../../platform/store/document-store.js';
import { CONSTRAINTS, DEGREES, FIELDS, GERMAN_LEVELS, SITUATIONS, STARTS } from '../../pathways/index.js';
import { HANDOFF_TOPICS } from './handoff.js';

/** Longest message of either side in a handoff thread. */
export const HANDOFF_TEXT_MAX = 4000;

const messageSchema = new Schema(
  {
    from: { type: String, required: true, enum: ['person', 'staff'] },
    text: { type: String, required: true, maxlength: HANDOFF_TEXT_MAX },
    at: { type: Date, required: true },
    staffName: { type: String, maxlength: 120 },
  },
  { _id: false },
);

const sharedAnswersSchema = new Schema(
  {
    questionnaire: {
      type: new Schema(
        {
          situation: { type: String, enum: SITUATIONS },
          fields: { type: [{ type: String, enum: FIELDS }], default: undefined },
          degree: { type: String, enum: DEGREES },
          german: { type: String, enum: GERMAN_LEVELS },
          constraints: { type: [{ type: String, enum: CONSTRAINTS }], default: undefined },
          start: { type: String, enum: STARTS },
        },
        { _id: false },
      ),
    },
    savedPathways: {
      type: [new Schema({ id: { type: String, required: true }, title: { type: String, required: true, maxlength: 200 }, offered: { type: Boolean, required: true } }, { _id: false })],
      default: undefined,
    },
  },
  { _id: false },
);

export const handoffSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    profileId: { type: String, required: true },
    topic: { type: String, required: true, enum: HANDOFF_TOPICS },
    topicText: { type: String, maxlength: 300 },
    pathwayId: { type: String, maxlength: 80 },
    messages: { type: [messageSchema], default: [] },
    consentToShare: { type: Boolean, required: true },
    sharedAnswers: sharedAnswersSchema,
    channel: { type: String, required: true, enum: ['telegram', 'webchat'] },
    language: { type: String, required: true, enum: SUPPORTED_LOCALES },
    status: { type: String, required: true, enum: ['open', 'claimed', 'closed'], default: 'open' },
    claimedBy: { type: String, maxlength: 120 },
    claimedAt: Date,
    closedAt: Date,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const handoffsCollection: CollectionDefinition = {
  name: 'handoffRequests',
  schema: handoffSchema,
  indexes: [{ fields: { tenantId: 1, status: 1, createdAt: 1 } }, { fields: { tenantId: 1, profileId: 1 } }],
};
