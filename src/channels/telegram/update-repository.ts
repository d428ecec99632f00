import { Schema } from 'mongoose';
import { DuplicateKeyError, type CollectionDefinition, type DocumentStore, type StoredDocument } from '../../store/document-store.js';

/**
 * Remembers which Telegram updates were taken, so that a redelivered update (webhook retry, a second
 * instance, a restart during polling) runs its turn once. Telegram keeps undelivered updates for
 * 24 h, so ids must be kept at least that long; the lead's retention job calls purgeOlderThan.
 */

export const UPDATE_ID_RETENTION_MS = 24 * 60 * 60 * 1000;

export type UpdateStatus = 'claimed' | 'handled';

export interface TelegramUpdateDocument extends StoredDocument {
  updateId: number;
  status: UpdateStatus;
  at: Date;
}

const schema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    updateId: { type: Number, required: true, min: 0 },
    status: { type: String, required: true, enum: ['claimed', 'handled'] },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export const TELEGRAM_UPDATES: CollectionDefinition = {
  name: 'telegram_updates',
  schema,
  indexes: [{ fields: { at: 1 } }],
};

export interface TelegramUpdateRepository {
  /** True if this call took the update; false if it was seen before. Store outages propagate. */
  claim(tenantId: string, updateId: number): Promise<boolean>;
  markHandled(tenantId: string, updateId: number): Promise<void>;
  /** Forgets a claim whose turn failed, so that Telegram's redelivery is processed. */
  release(tenantId: string, updateId: number): Promise<void>;
  /** Deletes ids taken before `date` (all tenants); returns how many. */
  purgeOlderThan(date: Date): Promise<number>;
}

export function createTelegramUpdateRepository(store: DocumentStore, now: () => Date = () => new Date()): TelegramUpdateRepository {
  const updates = store.collection<TelegramUpdateDocument>(TELEGRAM_UPDATES);
  const key = (tenantId: string, updateId: number): string => `${tenantId}:${updateId}`;
  return {
    async claim(tenantId, updateId) {
      try {
        await updates.insertOne({ _id: key(tenantId, updateId), tenantId, updateId, status: 'claimed', at: now() });
        return true;
      } catch (error) {
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
    },
    async markHandled(tenantId, updateId) {
      await updates.updateOne({ _id: key(tenantId, updateId) }, { $set: { status: 'handled' } });
    },
    async release(tenantId, updateId) {
      await updates.deleteOne({ _id: key(tenantId, updateId) });
    },
    purgeOlderThan(date) {
      return updates.deleteMany({ at: { $lt: date } });
    },
  };
}
