import type { Activity } from 'botbuilder-core';
import type { DocumentStore } from '../../platform/store/document-store.js';
import type { ConversationRepository } from './conversation-repository.js';
import { activityId } from './ids.js';
import { activitiesCollection, type ActivityDoc } from './webchat-collections.js';

/** The conversation was erased or purged while someone still wrote to it. */
export class ConversationGoneError extends Error {
  override name = 'ConversationGoneError';
  constructor(readonly conversationId: string) {
    super('the conversation no longer exists');
  }
}

export interface ActivityPage {
  activities: Partial<Activity>[];
  /** Sequence number of the last activity returned (the watermark the client sends next). */
  watermark: number;
}

export interface ActivityLogOptions {
  clock: () => Date;
  /**
   * A sequence number is allocated before its activity is inserted; another instance may insert
   * seq 6 before seq 5 lands. A poll stops at such a gap until the later activity is this old, then
   * gives the missing one up (its writer crashed). 5 s is far above a store write.
   */
  gapGraceMs?: number;
  /** Activities per poll; Web Chat asks again at once with the new watermark. */
  pageSize?: number;
  /** Characters of activities per poll (VisitorLimits.pollChars). */
  pageChars?: number;
}

/** The visitor's conversation holds as much of their text as it may (VisitorLimits.conversationChars). */
export class ConversationFullError extends Error {
  override name = 'ConversationFullError';
  constructor(readonly conversationId: string) {
    super('the conversation holds as much as it may');
  }
}

/** The ordered activity stream of each conversation, as Direct Line's watermark API reads it. */
export class ActivityLog {
  private readonly activities;
  private readonly clock: () => Date;
  private readonly gapGraceMs: number;
  private readonly pageSize: number;
  private readonly pageChars: number;
  private readonly appendListeners = new Set<(conversationId: string) => void>();

  constructor(
    store: DocumentStore,
    private readonly conversations: ConversationRepository,
    options: ActivityLogOptions,
  ) {
    this.activities = store.collection<ActivityDoc>(activitiesCollection);
    this.clock = options.clock;
    this.gapGraceMs = options.gapGraceMs ?? 5000;
    this.pageSize = options.pageSize ?? 100;
    this.pageChars = options.pageChars ?? 1_000_000;
  }

  /**
   * Calls `listener` after every activity this instance appended (the streams' wake-up). Another
   * instance's appends are not seen here: readers of a shared store also look for them (see
   * ActivityStreams). Returns the unsubscribe function.
   */
  onAppend(listener: (conversationId: string) => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /**
   * Appends an activity; it gets the id `${conversationId}|${seq}` and a server timestamp unless
   * `keep` says to keep the activity's own (an updated activity keeps its id and place).
   */
  async append(tenantId: string, conversationId: string, activity: Partial<Activity>, keep = false): Promise<Partial<Activity>> {
    const seq = await this.conversations.allocateSeq(conversationId);
    if (seq === null) throw new ConversationGoneError(conversationId);
    return this.insert(tenantId, conversationId, seq, activity, keep);
  }

  /**
   * Appends a visitor's activity, charged to the conversation's budget of `limitChars`, and marks its
   * turn pending until answered() is called: after a crash, UnansweredTurns finds it and runs it.
   */
  async appendFromVisitor(tenantId: string, conversationId: string, activity: Partial<Activity>, limitChars: number): Promise<Partial<Activity>> {
    const seq = await this.conversations.allocateVisitorSeq(conversationId, JSON.stringify(activity).length, limitChars);
    if (seq === 'gone') throw new ConversationGoneError(conversationId);
    if (seq === 'full') throw new ConversationFullError(conversationId);
    return this.insert(tenantId, conversationId, seq, activity, false, true);
  }

  /** The turn of this visitor activity finished (answered, or apologised for). */
  async answered(id: string): Promise<void> {
    await this.activities.updateOne({ _id: id }, { $unset: { turnPendingAt: true } });
  }

  /** Visitor activities whose turn was left unfinished before `cutoff`, oldest first. */
  async listPending(cutoff: Date, limit: number): Promise<Array<{ id: string; seq: number; activity: Partial<Activity> | null }>> {
    const docs = await this.activities.find({ turnPendingAt: { $lt: cutoff } }, { sort: { createdAt: 1 }, limit });
    return docs.map((doc) => ({ id: doc._id, seq: doc.seq, activity: parse(doc.json) }));
  }

  /**
   * Moves a pending activity's mark from before `cutoff` to now and counts the attempt; returns the
   * attempts so far, or null when another instance claimed it first.
   */
  async claimPending(id: string, cutoff: Date): Promise<number | null> {
    const claimed = await this.activities.updateOne({ _id: id, turnPendingAt: { $lt: cutoff } }, { $set: { turnPendingAt: this.clock() }, $inc: { turnAttempts: 1 } });
    return claimed ? (claimed.turnAttempts ?? 1) : null;
  }

  /** The turn is still queued or running here: keeps other instances from taking it up. */
  async touchPending(id: string): Promise<void> {
    await this.activities.updateOne({ _id: id, turnPendingAt: { $exists: true } }, { $set: { turnPendingAt: this.clock() } });
  }

  /** Whether the bot already replied to this activity (its turn got that far before a crash). */
  async hasReplyTo(conversationId: string, seq: number, id: string): Promise<boolean> {
    const later = await this.activities.find({ conversationId, seq: { $gt: seq } }, { sort: { seq: 1 }, limit: 50 });
    return later.some((doc) => {
      const activity = parse(doc.json);
      return activity?.from?.role === 'bot' && activity.replyToId === id;
    });
  }

  private async insert(tenantId: string, conversationId: string, seq: number, activity: Partial<Activity>, keep: boolean, pending = false): Promise<Partial<Activity>> {
    const now = this.clock();
    const stored: Partial<Activity> = keep ? { ...activity } : { ...activity, id: activityId(conversationId, seq), timestamp: now };
    await this.activities.insertOne({
      _id: activityId(conversationId, seq),
      tenantId,
      conversationId,
      seq,
      json: JSON.stringify(stored),
      createdAt: now,
      ...(pending ? { turnPendingAt: now } : {}),
    });
    for (const listener of this.appendListeners) listener(conversationId);
    return stored;
  }

  /** Replaces the stored copy of an activity this log gave its id; false if it is not there. */
  async replace(activity: Partial<Activity> & { id: string }): Promise<boolean> {
    const updated = await this.activities.updateOne({ _id: activity.id }, { $set: { json: JSON.stringify(activity) } });
    return updated !== null;
  }

  async get(id: string): Promise<Partial<Activity> | null> {
    const doc = await this.activities.findOne({ _id: id });
    return doc ? parse(doc.json) : null;
  }

  /**
   * One page after `watermark`, never past a sequence number still being written (see gapGraceMs).
   * A gap left by deleted activities (below the conversation's floor) is passed at once; the floor is
   * read only when there is a gap, so a poll stays one indexed read.
   */
  async read(conversationId: string, watermark: number): Promise<ActivityPage> {
    const docs = await this.activities.find({ conversationId, seq: { $gt: watermark } }, { sort: { seq: 1 }, limit: this.pageSize });
    const now = this.clock().getTime();
    const activities: Partial<Activity>[] = [];
    let last = watermark;
    let floor: number | undefined;
    let chars = 0;
    for (const doc of docs) {
      if (doc.seq !== last + 1 && now - new Date(doc.createdAt).getTime() < this.gapGraceMs) {
        floor ??= await this.conversations.floorSeq(conversationId);
        if (doc.seq - 1 > floor) break;
      }
      // The rest comes with the next poll: one answer stays small however large the activities.
      chars += doc.json.length;
      if (chars > this.pageChars && last !== watermark) break;
      last = doc.seq;
      const activity = parse(doc.json);
      if (activity) activities.push(activity);
    }
    return { activities, watermark: last };
  }

  /** Everything of one conversation, in order (export). */
  async listAll(conversationId: string): Promise<Partial<Activity>[]> {
    const docs = await this.activities.find({ conversationId }, { sort: { seq: 1 } });
    return docs.map((doc) => parse(doc.json)).filter((a): a is Partial<Activity> => a !== null);
  }

  /** Deletes conversations' activities but `keep` (after their floors were raised, or with the conversations). */
  deleteForConversations(ids: readonly string[], keep: readonly string[] = []): Promise<number> {
    if (ids.length === 0) return Promise.resolve(0);
    return this.activities.deleteMany({ conversationId: { $in: ids }, ...(keep.length > 0 ? { _id: { $nin: keep } } : {}) });
  }

  /** Retention inside conversations that are still in use: in batches, raising each floor first. */
  async deleteOlderThan(date: Date, batchSize = 500): Promise<number> {
    let deleted = 0;
    for (;;) {
      const batch = await this.activities.find({ createdAt: { $lt: date } }, { limit: batchSize });
      if (batch.length === 0) return deleted;
      const highest = new Map<string, number>();
      for (const doc of batch) highest.set(doc.conversationId, Math.max(highest.get(doc.conversationId) ?? 0, doc.seq));
      for (const [conversationId, seq] of highest) await this.conversations.raiseFloor(conversationId, seq);
      deleted += await this.activities.deleteMany({ _id: { $in: batch.map((doc) => doc._id) } });
    }
  }
}

function parse(json: string): Partial<Activity> | null {
  try {
    return JSON.parse(json) as Partial<Activity>;
  } catch {
    return null;
  }
}
