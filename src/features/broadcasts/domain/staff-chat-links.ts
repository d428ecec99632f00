import { createHash, randomBytes } from 'node:crypto';
import { Schema } from 'mongoose';
import type { CollectionDefinition, DocumentCollection, DocumentStore } from '../../../platform/store/document-store.js';
import type { PersonalDataSource } from '../../../foundation/privacy/personal-data.js';

/** Deep-link payload `staff-link-<code>` (t.me `?start=` and the web chat's `start=`). */
export const STAFF_LINK_PREFIX = 'staff-link-';

/** How long a code from the console can be redeemed in a chat. */
export const STAFF_LINK_CODE_TTL_MS = 15 * 60_000;

// 32 letters and digits without the look-alikes l, o, 0, 1: 16 of them are 80 random bits, far
// beyond guessing within 15 minutes, and safe in a t.me deep link ([A-Za-z0-9_-]{1,64}).
const CODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const CODE_LENGTH = 16;
const CODE_PATTERN = /^[a-z2-9]{16}$/;

/**
 * A staff member's chat for "send a test to myself": one document per staff user, holding the open
 * one-time code (only its hash) and the citizen profile it linked. The chat itself is an ordinary
 * profile (the staff member agreed to the privacy notice there like anybody else).
 */
export interface StaffChatLink {
  _id: string;
  tenantId: string;
  staffUserId: string;
  /** SHA-256 of the newest code; kept after use so that the same chat redeeming it again is no error. */
  codeHash?: string;
  codeExpiresAt?: Date;
  codeUsedAt?: Date;
  profileId?: string;
  linkedAt?: Date;
  updatedAt: Date;
}

const staffChatLinkSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    staffUserId: { type: String, required: true, maxlength: 200 },
    codeHash: { type: String, maxlength: 64 },
    codeExpiresAt: { type: Date },
    codeUsedAt: { type: Date },
    profileId: { type: String, maxlength: 200 },
    linkedAt: { type: Date },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const staffChatLinksCollection: CollectionDefinition = {
  name: 'staffChatLinks',
  schema: staffChatLinkSchema,
  indexes: [{ fields: { tenantId: 1, codeHash: 1 } }, { fields: { tenantId: 1, profileId: 1 } }],
};

const hashOf = (code: string): string => createHash('sha256').update(code).digest('hex');

/** The document id fixes one document per staff user, so a new offer replaces the open one. */
const idOf = (tenantId: string, staffUserId: string): string => 'scl-' + createHash('sha256').update(`${tenantId}|${staffUserId}`).digest('hex').slice(0, 24);

function newCode(): string {
  // 256 is a multiple of 32: every letter equally likely.
  return [...randomBytes(CODE_LENGTH)].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('');
}

export class StaffChatLinks {
  private readonly links: DocumentCollection<StaffChatLink>;

  constructor(
    store: DocumentStore,
    private readonly clock: () => Date,
  ) {
    this.links = store.collection<StaffChatLink>(staffChatLinksCollection);
  }

  /** A fresh one-time code for 15 minutes; an earlier code that was not used yet stops working. */
  async offer(tenantId: string, staffUserId: string): Promise<{ code: string; expiresAt: Date }> {
    const now = this.clock();
    const code = newCode();
    const expiresAt = new Date(now.getTime() + STAFF_LINK_CODE_TTL_MS);
    await this.links.updateOne(
      { _id: idOf(tenantId, staffUserId), tenantId },
      { $set: { staffUserId, codeHash: hashOf(code), codeExpiresAt: expiresAt, updatedAt: now }, $unset: { codeUsedAt: true } },
      { upsert: true },
    );
    return { code, expiresAt };
  }

  /**
   * Links the staff member of the code to this chat's profile (replacing an earlier chat). Unknown,
   * expired or used codes are `invalid`; the same profile redeeming its code again is `linked`.
   */
  async redeem(tenantId: string, code: string, profileId: string): Promise<'linked' | 'invalid'> {
    if (!CODE_PATTERN.test(code)) return 'invalid';
    const now = this.clock();
    const codeHash = hashOf(code);
    const found = await this.links.findOne({ tenantId, codeHash });
    if (!found?.codeExpiresAt || found.codeExpiresAt <= now) return 'invalid';
    if (found.codeUsedAt) return found.profileId === profileId ? 'linked' : 'invalid';
    // The condition on codeUsedAt makes the use one-time even when two chats race for the code.
    const linked = await this.links.updateOne(
      { _id: found._id, tenantId, codeHash, codeUsedAt: { $exists: false } },
      { $set: { codeUsedAt: now, profileId, linkedAt: now, updatedAt: now } },
    );
    if (linked) return 'linked';
    // Lost the race: fine if the winner was this same chat (a double tap), else the code is used up.
    const winner = await this.links.findOne({ _id: found._id, tenantId });
    return winner?.codeHash === codeHash && winner.profileId === profileId ? 'linked' : 'invalid';
  }

  async profileOf(tenantId: string, staffUserId: string): Promise<string | null> {
    return (await this.links.findOne({ _id: idOf(tenantId, staffUserId), tenantId }))?.profileId ?? null;
  }

  async unlink(tenantId: string, staffUserId: string): Promise<void> {
    await this.links.updateOne({ _id: idOf(tenantId, staffUserId), tenantId }, { $unset: { profileId: true, linkedAt: true }, $set: { updatedAt: this.clock() } });
  }

  /** The staff accounts this profile's chat receives tests for. */
  ofProfile(tenantId: string, profileId: string): Promise<StaffChatLink[]> {
    return this.links.find({ tenantId, profileId }, { sort: { linkedAt: 1 } });
  }

  /** The profile is gone: the staff members have no linked chat any more. */
  async unlinkProfile(tenantId: string, profileId: string): Promise<void> {
    await this.links.updateMany({ tenantId, profileId }, { $unset: { profileId: true, linkedAt: true }, $set: { updatedAt: this.clock() } });
  }
}

/** A chat linked for console tests is the person's data: shown in the export, undone by "delete me". */
export function staffChatLinksDataSource(links: StaffChatLinks): PersonalDataSource {
  return {
    section: 'staffChatLink',
    async export(subject) {
      if (!subject.profileId) return null;
      const found = await links.ofProfile(subject.tenantId, subject.profileId);
      return found.length > 0 ? found.map((link) => ({ staffUserId: link.staffUserId, linkedAt: link.linkedAt })) : null;
    },
    async erase(subject) {
      if (subject.profileId) await links.unlinkProfile(subject.tenantId, subject.profileId);
    },
  };
}
