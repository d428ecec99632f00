import { Schema } from 'mongoose';
import { SUPPORTED_LOCALES } from '../../platform/config/config-types.js';
import type { CollectionDefinition } from '../../platform/store/document-store.js';

const accountSchema = new Schema(
  {
    channel: { type: String, required: true, enum: ['telegram', 'webchat'] },
    accountId: { type: String, required: true, maxlength: 200 },
    conversationId: { type: String, maxlength: 300 },
    conversationReference: { type: String, maxlength: 4000 },
    addedAt: { type: Date, required: true },
  },
  { _id: false },
);

export const profileSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    accounts: { type: [accountSchema], required: true },
    locale: { type: String, enum: SUPPORTED_LOCALES },
    consent: {
      status: { type: String, required: true, enum: ['given', 'declined'] },
      version: { type: String, required: true },
      at: { type: Date, required: true },
      // The language of the notice the person agreed to: every translation is the same version.
      locale: { type: String, enum: SUPPORTED_LOCALES },
    },
    announcements: {
      subscribed: { type: Boolean, required: true, default: true },
      topics: { type: [String], default: [] },
    },
    status: { type: String, required: true, enum: ['active', 'blocked'], default: 'active' },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const profilesCollection: CollectionDefinition = {
  name: 'profiles',
  schema: profileSchema,
  indexes: [{ fields: { tenantId: 1, 'accounts.accountId': 1 } }],
};
