import { Schema } from 'mongoose';
import { SUPPORTED_LOCALES } from '../../../platform/config/config-types.js';
import type { CollectionDefinition } from '../../../platform/store/document-store.js';
import { TALLY_STATUSES } from './delivery-tally.js';
import { ANNOUNCEMENT_TOPICS, BROADCAST_STATUSES, DELIVERY_STATUSES, LONG_TEXT_MODES } from './broadcast.js';

/** Longest text of one language variant: a few Telegram messages when split, far below Direct Line's limit. */
export const BROADCAST_TEXT_MAX = 16_000;
export const BROADCAST_TITLE_MAX = 200;
export const BUTTON_LABEL_MAX = 40;
export const BUTTON_TARGET_MAX = 500;

const perLocale = (maxlength: number) => new Schema(Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, { type: String, maxlength }])), { _id: false });
const staffRef = new Schema({ id: { type: String, required: true }, name: { type: String, required: true, maxlength: 120 } }, { _id: false });

const broadcastSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    title: { type: String, required: true, maxlength: BROADCAST_TITLE_MAX },
    topic: { type: String, required: true, enum: ANNOUNCEMENT_TOPICS },
    texts: { type: perLocale(BROADCAST_TEXT_MAX), required: true },
    button: new Schema(
      {
        kind: { type: String, required: true, enum: ['url', 'deep-link'] },
        target: { type: String, required: true, maxlength: BUTTON_TARGET_MAX },
        labels: { type: perLocale(BUTTON_LABEL_MAX), default: {} },
      },
      { _id: false },
    ),
    audience: {
      type: new Schema(
        {
          channels: { type: [{ type: String, enum: ['telegram', 'webchat'] }], default: [] },
          locales: { type: [{ type: String, enum: SUPPORTED_LOCALES }], default: [] },
          interests: { type: [{ type: String, maxlength: 40 }], default: [] },
          districts: { type: [{ type: String, maxlength: 80 }], default: [] },
          topics: { type: [{ type: String, enum: ANNOUNCEMENT_TOPICS }], default: [] },
          workshopId: { type: String, maxlength: 80 },
          joinedAfter: Date,
          joinedBefore: Date,
        },
        { _id: false },
      ),
      required: true,
    },
    longText: { type: String, required: true, enum: LONG_TEXT_MODES },
    status: { type: String, required: true, enum: BROADCAST_STATUSES },
    sendAt: Date,
    createdBy: { type: staffRef, required: true },
    updatedBy: { type: staffRef, required: true },
    submittedBy: staffRef,
    approvedBy: staffRef,
    cancelledBy: staffRef,
    fannedOutAt: Date,
    recipients: Number,
    clicks: { type: Number, default: 0 },
    clickers: { type: Number, default: 0 },
    unconfirmed: { type: Number, default: 0 },
    tally: new Schema(Object.fromEntries(TALLY_STATUSES.map((status) => [status, { type: Number, required: true, default: 0 }])), { _id: false }),
    startedAt: Date,
    finishedAt: Date,
    lease: { type: new Schema({ owner: { type: String, required: true }, until: { type: Date, required: true } }, { _id: false }), default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const broadcastsCollection: CollectionDefinition = {
  name: 'broadcasts',
  schema: broadcastSchema,
  indexes: [{ fields: { tenantId: 1, createdAt: -1 } }, { fields: { status: 1 } }],
};

const deliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    broadcastId: { type: String, required: true },
    profileId: { type: String, required: true },
    channel: { type: String, required: true, enum: ['telegram', 'webchat'] },
    locale: { type: String, required: true, enum: SUPPORTED_LOCALES },
    status: { type: String, required: true, enum: DELIVERY_STATUSES },
    attempts: { type: Number, required: true, default: 0 },
    partsSent: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    claimedBy: String,
    unconfirmed: Boolean,
    lastError: { type: String, maxlength: 200 },
    sentAt: Date,
    firstClickAt: Date,
    clicks: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const deliveriesCollection: CollectionDefinition = {
  name: 'broadcastDeliveries',
  schema: deliverySchema,
  indexes: [
    // One delivery per broadcast and person: a repeated fan-out (after a crash) adds nobody twice.
    { fields: { tenantId: 1, broadcastId: 1, profileId: 1 }, unique: true },
    // MongoDB serves the dispatcher's "due" query from the first; the embedded store (NeDB) uses an
    // index only for equality on all of its fields: the next two keep its counts and queries off a full scan.
    { fields: { broadcastId: 1, status: 1, nextAttemptAt: 1 } },
    { fields: { broadcastId: 1, status: 1 } },
    { fields: { broadcastId: 1 } },
    { fields: { tenantId: 1, profileId: 1, status: 1 } },
    { fields: { tenantId: 1, profileId: 1 } },
  ],
};

const settingsSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    requireApproval: { type: Boolean, required: true, default: false },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const broadcastSettingsCollection: CollectionDefinition = {
  name: 'broadcastSettings',
  schema: settingsSchema,
  indexes: [{ fields: { tenantId: 1 }, unique: true }],
};
