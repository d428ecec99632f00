import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Schema } from 'mongoose';
import type { CollectionDefinition, DocumentCollection, DocumentStore } from '../../platform/store/document-store.js';
import { DuplicateKeyError } from '../../platform/store/document-store.js';
import type { Clock } from '../../platform/clock.js';
import type { Request, Response } from 'express';
import { sameToken } from './session-auth.js';
import { staffError } from './staff-error.js';
import { staffOf } from './staff-context.js';

interface UsedNonce {
  _id: string;
  tenantId: string;
  /** Where the first submit led (set when it finished). */
  result?: string;
  expiresAt: Date;
}

const usedNonceSchema = new Schema(
  { _id: { type: String, required: true }, tenantId: { type: String, required: true }, result: { type: String, maxlength: 500 }, expiresAt: { type: Date, required: true } },
  { versionKey: false },
);

export const usedFormNoncesCollection: CollectionDefinition = { name: 'staff_form_nonces', schema: usedNonceSchema, indexes: [{ fields: { expiresAt: 1 } }] };

const KEEP_MS = 24 * 3_600_000;
const PURGE_EVERY_MS = 60 * 60_000;

export type NonceOutcome = { first: true; url: string } | { first: false; url: string };

/**
 * One-time nonces for the forms that create something (a content item, a staff account, a handoff
 * reply): a double click or a resubmit after a slow answer does the work once, and the second submit
 * is sent to the result of the first. A nonce is bound to the session (signed with its CSRF token)
 * and used up in the store, so every instance agrees.
 */
export class FormNonces {
  private readonly used: DocumentCollection<UsedNonce>;
  private lastPurge = 0;

  constructor(
    store: DocumentStore,
    private readonly clock: Clock,
  ) {
    this.used = store.collection<UsedNonce>(usedFormNoncesCollection);
  }

  issue(csrfToken: string): string {
    const random = randomBytes(16).toString('base64url');
    return `${random}.${this.signature(csrfToken, random)}`;
  }

  valid(csrfToken: string, nonce: unknown): nonce is string {
    if (typeof nonce !== 'string') return false;
    const [random, signature, ...rest] = nonce.split('.');
    return !!random && rest.length === 0 && sameToken(this.signature(csrfToken, random), signature);
  }

  /**
   * Runs `work` once per nonce. `work` returns the URL to go to; a repeated submit gets that URL (or
   * `pendingUrl` while the first is still running). When `work` throws, the nonce stays usable (a
   * form with field errors is sent again with the same nonce).
   */
  async once(tenantId: string, csrfToken: string, nonce: string, pendingUrl: string, work: () => Promise<string>): Promise<NonceOutcome> {
    const id = createHash('sha256').update(`${csrfToken}:${nonce}`).digest('hex');
    const now = this.clock();
    try {
      await this.used.insertOne({ _id: id, tenantId, expiresAt: new Date(now.getTime() + KEEP_MS) });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      const earlier = await this.used.findOne({ _id: id });
      return { first: false, url: earlier?.result ?? pendingUrl };
    }
    let url: string;
    try {
      url = await work();
    } catch (error) {
      await this.used.deleteOne({ _id: id });
      throw error;
    }
    await this.used.updateOne({ _id: id }, { $set: { result: url } });
    await this.purge(now);
    return { first: true, url };
  }

  private signature(csrfToken: string, random: string): string {
    return createHmac('sha256', csrfToken).update(`form-nonce:${random}`).digest('base64url').slice(0, 32);
  }

  private async purge(now: Date): Promise<void> {
    if (now.getTime() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now.getTime();
    await this.used.deleteMany({ expiresAt: { $lt: now } });
  }
}

/**
 * A create/reply form submit that runs once: checks the form's nonce (403 "form expired" when it is
 * missing or from another session), runs `work` (which returns where to go) and redirects there; a
 * repeated submit is redirected to the first one's result.
 */
export async function submitOnce(nonces: FormNonces, req: Request, res: Response, pendingUrl: string, work: () => Promise<string>): Promise<void> {
  const staff = staffOf(res);
  const nonce: unknown = req.body?._nonce;
  if (!nonces.valid(staff.csrfToken, nonce)) throw staffError(403, 'Forbidden', 'console:errors.expiredForm', 'the form has expired; reload the page and try again');
  const outcome = await nonces.once(staff.tenantId, staff.csrfToken, nonce, pendingUrl, work);
  res.redirect(303, outcome.url);
}
