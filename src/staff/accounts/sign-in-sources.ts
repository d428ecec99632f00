import { createHmac } from 'node:crypto';
import { Schema } from 'mongoose';
import type { CollectionDefinition, DocumentCollection, DocumentStore, StoredDocument } from '../../store/document-store.js';
import { sessionSecret } from '../http/document-session-store.js';

/**
 * Sign-in history of one account from one client address: failures in a row, a lock of that
 * address, the last success. In the store, so that every instance counts the same failures.
 */
export interface SignInSource extends StoredDocument {
  userId: string;
  /** Wrong passwords in a row from this address (reset by a success, a lock or a long enough pause). */
  failures: number;
  lastFailureAt?: Date;
  /** Until then this address gets no password check for this account. */
  lockedUntil?: Date;
  /** The account signed in from here: the address is familiar (not slowed down, see SignInGuard). */
  lastSuccessAt?: Date;
  /** When the record has no use any more (for the retention job). */
  expiresAt: Date;
}

const signInSourceSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true, maxlength: 40 },
    userId: { type: String, required: true, maxlength: 100 },
    failures: { type: Number, required: true, default: 0, min: 0 },
    lastFailureAt: { type: Date },
    lockedUntil: { type: Date },
    lastSuccessAt: { type: Date },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const signInSourcesCollection: CollectionDefinition = {
  name: 'staff_sign_in_sources',
  schema: signInSourceSchema,
  indexes: [{ fields: { userId: 1 } }, { fields: { tenantId: 1, lockedUntil: 1 } }, { fields: { expiresAt: 1 } }],
};

/** The records of SignInGuard; an address is kept only as a keyed hash (HMAC), never in clear. */
export class SignInSourceRepository {
  private readonly sources: DocumentCollection<SignInSource>;
  private key?: Promise<string>;

  constructor(private readonly store: DocumentStore) {
    this.sources = store.collection<SignInSource>(signInSourcesCollection);
  }

  /** The record's id: the account and a keyed hash of the address (an IPv4 hash alone is easy to reverse). */
  async idOf(userId: string, address: string): Promise<string> {
    // The store's session key, used for this second purpose under its own label.
    this.key ??= sessionSecret(this.store);
    const hash = createHmac('sha256', await this.key).update(`sign-in-source:${address}`).digest('base64url').slice(0, 32);
    return `${userId}:${hash}`;
  }

  findById(id: string): Promise<SignInSource | null> {
    return this.sources.findOne({ _id: id });
  }

  /** Creates or replaces fields of the record (the filter's `_id` and `userId` make a new one). */
  save(id: string, user: { tenantId: string; _id: string }, set: Partial<SignInSource>, unset: Array<'lastFailureAt' | 'lockedUntil'> = []): Promise<SignInSource | null> {
    return this.sources.updateOne(
      { _id: id, userId: user._id },
      { $set: { tenantId: user.tenantId, ...set }, ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map((field) => [field, true as const])) } : {}) },
      { upsert: true },
    );
  }

  /** One more failure in a row; returns the record after it. */
  addFailure(id: string, set: Partial<SignInSource>): Promise<SignInSource | null> {
    return this.sources.updateOne({ _id: id }, { $inc: { failures: 1 }, $set: set });
  }

  /** Lifts the locks of every address of the account (an admin's "Entsperren"); familiarity stays. */
  unlock(userId: string): Promise<number> {
    return this.sources.updateMany({ userId }, { $set: { failures: 0 }, $unset: { lockedUntil: true, lastFailureAt: true } });
  }

  /** Accounts of the city with at least one address locked now. */
  async lockedUserIds(tenantId: string, now: Date): Promise<Set<string>> {
    const locked = await this.sources.find({ tenantId, lockedUntil: { $gt: now } }, { limit: 1000 });
    return new Set(locked.map((source) => source.userId));
  }

  purgeExpired(before: Date): Promise<number> {
    return this.sources.deleteMany({ expiresAt: { $lt: before } });
  }
}
