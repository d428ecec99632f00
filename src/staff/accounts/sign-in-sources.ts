import { createHmac } from 'node:crypto';
import { Schema } from 'mongoose';
import { DuplicateKeyError, StoreError, type CollectionDefinition, type DocumentCollection, type DocumentStore, type Filter, type StoredDocument } from '../../platform/store/document-store.js';
import { sessionSecret } from './session-secret.js';

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

/**
 * Counts one more event in a row, atomically also across instances and parallel requests: a copy
 * of the record read earlier (before a slow password check) cannot tell whether a run is going on,
 * and a `$set` to 1 from it loses the parallel counts. `increment` is a conditional `$inc` (the run
 * goes on); when it matches nothing, `restart` sets the count to 1 under the opposite condition
 * (first event, or the run is over). When the restart matches nothing or its upsert clashes, another
 * request started a run in between: the increment is tried again. Each lost round means that another
 * request changed the record, so a few rounds suffice; null when the record is gone.
 */
export async function countInARow<T>(increment: () => Promise<T | null>, restart: () => Promise<T | null>): Promise<T | null> {
  for (let round = 0; round < 8; round++) {
    const counted = await increment();
    if (counted) return counted;
    try {
      const restarted = await restart();
      if (restarted) return restarted;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }
  return null;
}

/** The filter part "no run going on": never failed (missing or null), or the last failure is before `cutoff`. */
export function runOver(field: string, cutoff: Date): Filter {
  // `null` matches a missing field too, on both backends.
  return { $or: [{ [field]: null }, { [field]: { $lt: cutoff } }] };
}

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

  /**
   * The account signed in from here: the run of failures ends and the address is familiar (`set`).
   * Null, and nothing changed, when the address was locked after this attempt was admitted (by
   * parallel failures): a lock holds for a check that was already under way.
   */
  async recordSuccess(id: string, user: { tenantId: string; _id: string }, now: Date, set: Pick<SignInSource, 'lastSuccessAt' | 'expiresAt'>): Promise<SignInSource | null> {
    try {
      return await this.sources.updateOne(
        { _id: id, userId: user._id, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] },
        { $set: { tenantId: user.tenantId, failures: 0, ...set }, $unset: { lastFailureAt: true, lockedUntil: true } },
        { upsert: true },
      );
    } catch (error) {
      // The record exists and is locked: the upsert's insert clashes with it.
      if (error instanceof DuplicateKeyError) return null;
      throw error;
    }
  }

  /**
   * One more wrong password from this address: in a row when the last one is not older than
   * `cutoff`, else the first of a new run. Returns the record after it. A lock stays as it is: a
   * failure admitted before the lock and finished after it must not lift it.
   */
  async countFailure(id: string, user: { tenantId: string; _id: string }, now: Date, cutoff: Date, expiresAt: Date): Promise<SignInSource> {
    const counted = await countInARow(
      () => this.sources.updateOne({ _id: id, lastFailureAt: { $gte: cutoff } }, { $inc: { failures: 1 }, $set: { lastFailureAt: now, expiresAt } }),
      () => this.sources.updateOne({ _id: id, userId: user._id, ...runOver('lastFailureAt', cutoff) }, { $set: { tenantId: user.tenantId, failures: 1, lastFailureAt: now, expiresAt } }, { upsert: true }),
    );
    if (!counted) throw new StoreError('the sign-in record kept changing while a failure was counted');
    return counted;
  }

  /**
   * Locks the address when the run has reached `failures` (and starts a new run): true for the one
   * request that does it, false when a parallel one already did.
   */
  async lock(id: string, failures: number, until: Date, expiresAt: Date): Promise<boolean> {
    const locked = await this.sources.updateOne({ _id: id, failures: { $gte: failures } }, { $set: { failures: 0, lockedUntil: until, expiresAt }, $unset: { lastFailureAt: true } });
    return !!locked;
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
