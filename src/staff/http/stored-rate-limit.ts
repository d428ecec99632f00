import { createHmac } from 'node:crypto';
import type { Options, Store } from 'express-rate-limit';
import { Schema } from 'mongoose';
import type { Clock } from '../../platform/clock.js';
import { StoreError, type CollectionDefinition, type DocumentCollection, type DocumentStore } from '../../platform/store/document-store.js';
import { countInARow } from '../accounts/sign-in-sources.js';
import { sessionSecret } from './document-session-store.js';

interface RateWindow {
  _id: string;
  tenantId: string;
  hits: number;
  resetAt: Date;
}

const rateWindowSchema = new Schema(
  { _id: { type: String, required: true }, tenantId: { type: String, required: true }, hits: { type: Number, required: true, min: 0 }, resetAt: { type: Date, required: true } },
  { versionKey: false },
);

export const signInRateCollection: CollectionDefinition = { name: 'staff_sign_in_rate', schema: rateWindowSchema, indexes: [{ fields: { resetAt: 1 } }] };

/**
 * express-rate-limit's counter of failed sign-ins per client address, in the store: with several
 * instances behind a load balancer each address has one budget, not one per instance. Addresses
 * are kept as a keyed hash only.
 */
export class StoredRateLimit implements Store {
  readonly localKeys = false;
  private readonly windows: DocumentCollection<RateWindow>;
  private windowMs = 60_000;
  private key?: Promise<string>;

  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {
    this.windows = store.collection<RateWindow>(signInRateCollection);
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<{ totalHits: number; resetTime: Date } | undefined> {
    const window = await this.windows.findOne({ _id: await this.idOf(key), resetAt: { $gt: this.clock() } });
    return window ? { totalHits: window.hits, resetTime: window.resetAt } : undefined;
  }

  async increment(key: string): Promise<{ totalHits: number; resetTime: Date }> {
    const id = await this.idOf(key);
    const now = this.clock();
    const resetAt = new Date(now.getTime() + this.windowMs);
    // One more hit in the open window, else (none, or it is over) a new window: the same window for
    // all parallel callers and instances, see countInARow.
    const window = await countInARow(
      () => this.windows.updateOne({ _id: id, resetAt: { $gt: now } }, { $inc: { hits: 1 } }),
      () => this.windows.updateOne({ _id: id, resetAt: { $lte: now } }, { $set: { tenantId: '*', hits: 1, resetAt } }, { upsert: true }),
    );
    if (!window) throw new StoreError('the sign-in rate window kept changing while a hit was counted');
    return { totalHits: window.hits, resetTime: window.resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.windows.updateOne({ _id: await this.idOf(key), hits: { $gt: 0 } }, { $inc: { hits: -1 } });
  }

  async resetKey(key: string): Promise<void> {
    await this.windows.deleteOne({ _id: await this.idOf(key) });
  }

  /** Retention: windows that are over. */
  purgeEnded(before: Date): Promise<number> {
    return this.windows.deleteMany({ resetAt: { $lt: before } });
  }

  private async idOf(key: string): Promise<string> {
    this.key ??= sessionSecret(this.store);
    return createHmac('sha256', await this.key).update(`sign-in-rate:${key}`).digest('base64url').slice(0, 32);
  }
}
