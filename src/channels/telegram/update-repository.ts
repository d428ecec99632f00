import { Schema } from 'mongoose';
import { DuplicateKeyError, type CollectionDefinition, type DocumentStore, type StoredDocument } from '../../platform/store/document-store.js';

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

/**
 * How long a claim protects the turn that took it. A claim is a lease, not a lock for ever: when the
 * process that took an update dies mid-turn, the update stays `claimed`, and Telegram's redelivery
 * (or a restart's getUpdates) must be able to take it over, or it would be skipped as a duplicate
 * for good. 60 s is well beyond the webhook's 10 s answer budget plus a slow turn (queued behind its
 * chat's earlier turns, Bot API retries after a 429), so a turn that is still alive is practically
 * never run twice; and short enough that a crashed turn runs again within Telegram's redeliveries.
 */
export const DEFAULT_CLAIM_LEASE_MS = 60_000;

/** The right to run one update's turn; hand it back with markHandled or release. */
export interface UpdateClaim {
  readonly tenantId: string;
  readonly updateId: number;
  /** When this claim was taken: it tells this claim apart from a later takeover. */
  readonly at: Date;
  /** True if an expired claim of an earlier delivery was taken over. */
  readonly takenOver: boolean;
}

export type ClaimResult =
  | { outcome: 'claimed'; claim: UpdateClaim }
  /** The update's turn ran: a redelivery is a duplicate, always. */
  | { outcome: 'handled' }
  /** Another delivery's turn holds a live claim; ask again after `retryInMs` at the latest. */
  | { outcome: 'in-progress'; retryInMs: number };

export interface TelegramUpdateRepositoryOptions {
  now?: () => Date;
  /** Default DEFAULT_CLAIM_LEASE_MS. */
  leaseMs?: number;
}

export interface TelegramUpdateRepository {
  /** Takes the update, or takes over an expired claim atomically. Store outages propagate. */
  claim(tenantId: string, updateId: number): Promise<ClaimResult>;
  /** The turn ran (also when its claim was taken over meanwhile: the update is handled either way). */
  markHandled(claim: UpdateClaim): Promise<void>;
  /** Forgets a claim whose turn failed, so that Telegram's redelivery is processed; a claim taken over since stays. */
  release(claim: UpdateClaim): Promise<void>;
  /** Deletes ids taken before `date` (all tenants); returns how many. */
  purgeOlderThan(date: Date): Promise<number>;
}

// A claim that vanished or expired between our two reads is looked at again, a few times at most.
const CLAIM_ATTEMPTS = 3;

export function createTelegramUpdateRepository(store: DocumentStore, options: TelegramUpdateRepositoryOptions = {}): TelegramUpdateRepository {
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) throw new RangeError('telegram: the claim lease must be a positive number of milliseconds');
  const updates = store.collection<TelegramUpdateDocument>(TELEGRAM_UPDATES);
  const key = (tenantId: string, updateId: number): string => `${tenantId}:${updateId}`;

  async function insert(tenantId: string, updateId: number, at: Date): Promise<boolean> {
    try {
      await updates.insertOne({ _id: key(tenantId, updateId), tenantId, updateId, status: 'claimed', at });
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  return {
    async claim(tenantId, updateId) {
      const _id = key(tenantId, updateId);
      for (let attempt = 1; ; attempt++) {
        const at = now();
        if (await insert(tenantId, updateId, at)) return { outcome: 'claimed', claim: { tenantId, updateId, at, takenOver: false } };
        // One conditional write: of two deliveries that find the same expired claim, one takes it.
        const expiredBefore = new Date(at.getTime() - leaseMs);
        const taken = await updates.updateOne({ _id, status: 'claimed', at: { $lte: expiredBefore } }, { $set: { at } });
        if (taken) return { outcome: 'claimed', claim: { tenantId, updateId, at, takenOver: true } };
        const existing = await updates.findOne({ _id });
        if (existing?.status === 'handled') return { outcome: 'handled' };
        const retryInMs = existing ? existing.at.getTime() + leaseMs - at.getTime() : 0;
        // Released or expired in between: try again; after a few rounds let the caller ask again soon.
        if (retryInMs > 0 || attempt >= CLAIM_ATTEMPTS) return { outcome: 'in-progress', retryInMs: Math.max(retryInMs, 1) };
      }
    },
    async markHandled(claim) {
      await updates.updateOne({ _id: key(claim.tenantId, claim.updateId) }, { $set: { status: 'handled' } });
    },
    async release(claim) {
      await updates.deleteOne({ _id: key(claim.tenantId, claim.updateId), status: 'claimed', at: claim.at });
    },
    purgeOlderThan(date) {
      return updates.deleteMany({ at: { $lt: date } });
    },
  };
}
