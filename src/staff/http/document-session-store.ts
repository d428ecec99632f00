import { createHash } from 'node:crypto';
import session from 'express-session';
import { Schema } from 'mongoose';
import type { CollectionDefinition, DocumentCollection, DocumentStore } from '../../platform/store/document-store.js';
import type { Clock } from '../../platform/clock.js';

interface StoredSession {
  _id: string;
  tenantId: string;
  userId?: string;
  data: string;
  expiresAt: Date;
}

const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    userId: { type: String, maxlength: 100 },
    data: { type: String, required: true, maxlength: 20_000 },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const staffSessionsCollection: CollectionDefinition = {
  name: 'staff_sessions',
  schema: sessionSchema,
  indexes: [{ fields: { expiresAt: 1 } }, { fields: { userId: 1 } }],
};

const NO_TENANT = '-';
const PURGE_EVERY_MS = 60 * 60_000;

/** The store keeps only a hash of the session id: a copy of the database holds no usable cookie. */
const keyOf = (sid: string): string => createHash('sha256').update(sid).digest('hex');

/**
 * express-session over the document store: sessions survive restarts and, on MongoDB, every
 * instance sees every session. Expired sessions are ignored on read and purged hourly.
 */
export class DocumentSessionStore extends session.Store {
  private readonly sessions: DocumentCollection<StoredSession>;
  private lastPurge = 0;

  constructor(
    store: DocumentStore,
    private readonly clock: Clock,
    private readonly defaultTtlMs: number,
  ) {
    super();
    this.sessions = store.collection<StoredSession>(staffSessionsCollection);
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.sessions
      .findOne({ _id: keyOf(sid) })
      .then((doc) => {
        if (!doc || doc.expiresAt <= this.clock()) return callback(null, null);
        callback(null, JSON.parse(doc.data) as session.SessionData);
      })
      .catch((error: unknown) => callback(error));
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    const staff = (data as { staff?: { tenantId?: string; userId?: string } }).staff;
    const update = {
      $set: {
        tenantId: staff?.tenantId ?? NO_TENANT,
        data: JSON.stringify(data),
        expiresAt: this.expiryOf(data),
        ...(staff?.userId ? { userId: staff.userId } : {}),
      },
    };
    this.sessions
      .updateOne({ _id: keyOf(sid) }, update, { upsert: true })
      .then(() => this.purgeNow())
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    this.sessions
      .updateOne({ _id: keyOf(sid) }, { $set: { expiresAt: this.expiryOf(data) } })
      .then(() => callback?.())
      .catch(() => callback?.());
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.sessions
      .deleteOne({ _id: keyOf(sid) })
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  /** Signs a person out everywhere else (after a password change, or when an admin disables the account). */
  async destroyAllOf(userId: string, exceptSid?: string): Promise<number> {
    return this.sessions.deleteMany(exceptSid ? { userId, _id: { $ne: keyOf(exceptSid) } } : { userId });
  }

  private expiryOf(data: session.SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires) : new Date(this.clock().getTime() + this.defaultTtlMs);
  }

  private async purgeNow(): Promise<void> {
    const now = this.clock().getTime();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    await this.sessions.deleteMany({ expiresAt: { $lt: new Date(now) } });
  }
}

export { sessionSecret } from '../accounts/session-secret.js';
