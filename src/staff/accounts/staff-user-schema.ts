import { Schema } from 'mongoose';
import type { CollectionDefinition } from '../../platform/store/document-store.js';

export const staffUserSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true, maxlength: 40 },
    email: { type: String, required: true, maxlength: 200, lowercase: true, trim: true },
    name: { type: String, required: true, maxlength: 120 },
    role: { type: String, required: true, enum: ['super-admin', 'admin', 'editor', 'counsellor'] },
    passwordHash: { type: String, required: true, maxlength: 300 },
    passwordChangedAt: { type: Date, required: true },
    active: { type: Boolean, required: true, default: true },
    failedLogins: { type: Number, required: true, default: 0, min: 0 },
    lastFailedLoginAt: { type: Date },
    slowedUntil: { type: Date },
    // The whole-account lock of earlier versions (kept so that an unlock can clear old records).
    lockedUntil: { type: Date },
    failedPasswordChanges: { type: Number, min: 0 },
    lastFailedPasswordChangeAt: { type: Date },
    passwordChangeLockedUntil: { type: Date },
    lastLoginAt: { type: Date },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const staffUsersCollection: CollectionDefinition = {
  name: 'staff_users',
  schema: staffUserSchema,
  // One account per e-mail address and city (super-admins under "*").
  indexes: [{ fields: { tenantId: 1, email: 1 }, unique: true }],
};
