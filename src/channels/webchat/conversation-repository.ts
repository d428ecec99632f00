import type { DocumentStore, Filter } from '../../platform/store/document-store.js';
import { newConversationId } from './ids.js';
import { conversationsCollection, type ConversationDoc } from './webchat-collections.js';

/** A web visitor: the user id of a ticket (or of the tenant's server), within one tenant. */
export interface WebVisitor {
  tenantId: string;
  userId: string;
}

export interface NewConversation {
  tenantId: string;
  userId: string;
  start?: string;
  locale?: string;
}

/** Direct Line conversations: who owns them, whether the bot was told, and the activity counter. */
export class ConversationRepository {
  private readonly conversations;

  constructor(
    store: DocumentStore,
    private readonly clock: () => Date,
  ) {
    this.conversations = store.collection<ConversationDoc>(conversationsCollection);
  }

  async create(input: NewConversation): Promise<ConversationDoc> {
    const now = this.clock();
    const doc: ConversationDoc = {
      _id: newConversationId(input.tenantId),
      tenantId: input.tenantId,
      userId: input.userId,
      createdAt: now,
      nextSeq: 0,
      lastActivityAt: now,
      ...(input.start === undefined ? {} : { start: input.start }),
      ...(input.locale === undefined ? {} : { locale: input.locale }),
    };
    return this.conversations.insertOne(doc);
  }

  find(conversationId: string): Promise<ConversationDoc | null> {
    return this.conversations.findOne({ _id: conversationId });
  }

  /**
   * Marks the conversation started and returns it, or null when it was started before (by this or
   * another instance): exactly one caller sends the bot its conversationUpdate.
   */
  claimStart(conversationId: string, locale: string | undefined): Promise<ConversationDoc | null> {
    const now = this.clock();
    const set: Record<string, unknown> = { startedAt: now, startPendingAt: now };
    if (locale !== undefined) set['locale'] = locale;
    return this.conversations.updateOne({ _id: conversationId, startedAt: { $exists: false } }, { $set: set });
  }

  /** Allocates the next activity sequence number atomically; null when the conversation is gone. */
  async allocateSeq(conversationId: string): Promise<number | null> {
    const updated = await this.conversations.updateOne(
      { _id: conversationId },
      { $inc: { nextSeq: 1 }, $set: { lastActivityAt: this.clock() } },
    );
    return updated ? updated.nextSeq : null;
  }

  /**
   * Like allocateSeq for the visitor's own activity of `chars` characters, charged to the
   * conversation's budget in the same atomic update: 'full' when it would exceed `limit`.
   */
  async allocateVisitorSeq(conversationId: string, chars: number, limit: number): Promise<number | 'gone' | 'full'> {
    if (chars > limit) return (await this.find(conversationId)) ? 'full' : 'gone';
    const updated = await this.conversations.updateOne(
      { _id: conversationId, $or: [{ userChars: { $exists: false } }, { userChars: { $lte: limit - chars } }] },
      { $inc: { nextSeq: 1, userChars: chars }, $set: { lastActivityAt: this.clock() } },
    );
    if (updated) return updated.nextSeq;
    return (await this.find(conversationId)) ? 'full' : 'gone';
  }

  /** The greeting's turn finished. */
  async startAnswered(conversationId: string): Promise<void> {
    await this.conversations.updateOne({ _id: conversationId }, { $unset: { startPendingAt: true } });
  }

  /**
   * Claims a greeting whose turn was left unfinished before `cutoff` (its instance crashed) by moving
   * its mark to now: exactly one instance gets it. Null when another one was quicker.
   */
  claimPendingStart(conversationId: string, cutoff: Date): Promise<ConversationDoc | null> {
    return this.conversations.updateOne({ _id: conversationId, startPendingAt: { $lt: cutoff } }, { $set: { startPendingAt: this.clock() }, $inc: { startAttempts: 1 } });
  }

  /** The greeting's turn is still queued or running here: keeps other instances from taking it up. */
  async touchStart(conversationId: string): Promise<void> {
    await this.conversations.updateOne({ _id: conversationId, startPendingAt: { $exists: true } }, { $set: { startPendingAt: this.clock() } });
  }

  listPendingStarts(cutoff: Date, limit: number): Promise<ConversationDoc[]> {
    return this.conversations.find({ startPendingAt: { $lt: cutoff } }, { sort: { startPendingAt: 1 }, limit });
  }

  /**
   * The last allocated sequence number of each of these conversations that still exists (one query
   * by id): how a stream learns that another instance appended to its conversation.
   */
  async nextSeqs(conversationIds: readonly string[]): Promise<Map<string, number>> {
    if (conversationIds.length === 0) return new Map();
    const docs = await this.conversations.find({ _id: { $in: conversationIds } });
    return new Map(docs.map((doc) => [doc._id, doc.nextSeq]));
  }

  /** See ConversationDoc.floorSeq; Infinity when the conversation is gone (nothing more will land). */
  async floorSeq(conversationId: string): Promise<number> {
    const conversation = await this.conversations.findOne({ _id: conversationId });
    return conversation ? (conversation.floorSeq ?? 0) : Number.POSITIVE_INFINITY;
  }

  /** Raises the floor before activities up to `seq` are deleted; never lowers it. */
  async raiseFloor(conversationId: string, seq: number): Promise<void> {
    await this.conversations.updateOne(
      { _id: conversationId, $or: [{ floorSeq: { $exists: false } }, { floorSeq: { $lt: seq } }] },
      { $set: { floorSeq: seq } },
    );
  }

  listForUser(tenantId: string, userId: string): Promise<ConversationDoc[]> {
    return this.conversations.find({ tenantId, userId }, { sort: { createdAt: 1 } });
  }

  /**
   * The tenant's conversations of these web users or with these ids, oldest first. Ids of other
   * tenants, of other channels (a Telegram chat's "tenant:12345") or of deleted conversations match
   * nothing. Erased users never match by user id.
   */
  listForSubject(tenantId: string, userIds: readonly string[], conversationIds: readonly string[]): Promise<ConversationDoc[]> {
    const clauses: Filter[] = [];
    if (userIds.length > 0) clauses.push({ userId: { $in: userIds } });
    if (conversationIds.length > 0) clauses.push({ _id: { $in: conversationIds } });
    if (clauses.length === 0) return Promise.resolve([]);
    return this.conversations.find({ tenantId, $or: clauses }, { sort: { createdAt: 1 } });
  }

  /**
   * Conversations without activity since `date`. `lastActivityAt` is set at creation, so a
   * conversation that never started (a token was fetched, nothing posted) counts from its creation.
   */
  listIdleSince(date: Date): Promise<ConversationDoc[]> {
    return this.conversations.find({ lastActivityAt: { $lt: date } });
  }

  /**
   * Visitors (not erased) whose conversations have all been idle since `since`: one indexed query for
   * the idle ones and one for the few active since then; no activity is read.
   */
  async listIdleVisitors(since: Date): Promise<WebVisitor[]> {
    const idle = await this.conversations.find({ lastActivityAt: { $lt: since } });
    if (idle.length === 0) return [];
    const active = await this.conversations.find({ lastActivityAt: { $gte: since } });
    const key = (c: WebVisitor): string => `${c.tenantId}\u0000${c.userId}`;
    const busy = new Set(active.map(key));
    const visitors = new Map<string, WebVisitor>();
    for (const c of idle) if (!busy.has(key(c))) visitors.set(key(c), { tenantId: c.tenantId, userId: c.userId });
    return [...visitors.values()];
  }

  /** Erasure of a conversation that stays as a shell: no deep link, no locale; the owner stays. */
  forgetDetails(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return Promise.resolve(0);
    return this.conversations.updateMany({ _id: { $in: ids } }, { $unset: { start: true, locale: true } });
  }

  deleteMany(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return Promise.resolve(0);
    return this.conversations.deleteMany({ _id: { $in: ids } });
  }
}
