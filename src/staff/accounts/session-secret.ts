import { randomBytes } from 'node:crypto';
import { Schema } from 'mongoose';
import type { CollectionDefinition, DocumentStore } from '../../platform/store/document-store.js';
import { DuplicateKeyError } from '../../platform/store/document-store.js';

interface Setting {
  _id: string;
  tenantId: string;
  value: string;
}

const settingSchema = new Schema(
  { _id: { type: String, required: true }, tenantId: { type: String, required: true }, value: { type: String, required: true, maxlength: 2000 } },
  { versionKey: false },
);
const settingsCollection: CollectionDefinition = { name: 'staff_settings', schema: settingSchema };

/** The key that signs session cookies: made once, kept in the store, shared by every instance. */
export async function sessionSecret(store: DocumentStore): Promise<string> {
  const settings = store.collection<Setting>(settingsCollection);
  const existing = await settings.findOne({ _id: 'session-secret' });
  if (existing) return existing.value;
  try {
    return (await settings.insertOne({ _id: 'session-secret', tenantId: '*', value: randomBytes(48).toString('base64url') })).value;
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
    return (await settings.findOne({ _id: 'session-secret' }))!.value;
  }
}
