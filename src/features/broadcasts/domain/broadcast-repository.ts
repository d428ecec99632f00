import { type DocumentCollection, type DocumentStore, type Filter, type Update } from '../../../platform/store/document-store.js';
import { DELIVERY_STATUSES, type Broadcast, type BroadcastStatus, type Delivery, type DeliveryStatus } from './broadcast.js';
import { broadcastsCollection, broadcastSettingsCollection, deliveriesCollection } from './broadcast-schema.js';
import type { BroadcastSettings } from './broadcast-operations.js';
import { tallyOf, type DeliveryCounts, type DeliveryTally } from './delivery-tally.js';

export class BroadcastRepository {
  private readonly broadcasts: DocumentCollection<Broadcast>;
  private readonly settingsDocs: DocumentCollection<BroadcastSettings & { _id: string; tenantId: string; updatedAt: Date }>;

  constructor(store: DocumentStore) {
    this.broadcasts = store.collection<Broadcast>(broadcastsCollection);
    this.settingsDocs = store.collection(broadcastSettingsCollection);
  }

  insert(broadcast: Broadcast): Promise<Broadcast> {
    return this.broadcasts.insertOne(broadcast);
  }

  findById(tenantId: string, id: string): Promise<Broadcast | null> {
    return this.broadcasts.findOne({ _id: id, tenantId });
  }

  list(tenantId: string, limit: number): Promise<Broadcast[]> {
    return this.broadcasts.find({ tenantId }, { sort: { createdAt: -1 }, limit });
  }

  /** Every tenant's broadcasts in one of these states (the dispatcher's work list). */
  listByStatus(statuses: readonly BroadcastStatus[]): Promise<Broadcast[]> {
    return this.broadcasts.find({ status: { $in: statuses } }, { sort: { createdAt: 1 } });
  }

  /** Applies the update only while the broadcast still matches `condition` (its status, its lease). */
  update(tenantId: string, id: string, update: Update, condition: Filter = {}): Promise<Broadcast | null> {
    return this.broadcasts.updateOne({ ...condition, _id: id, tenantId }, update);
  }

  /** Counts the deliveries again and writes the tally (a scan: at the start, resume, cancel and end only). */
  async recount(tenantId: string, id: string, deliveries: DeliveryRepository): Promise<DeliveryTally> {
    const tally = tallyOf(await deliveries.counts(id));
    await this.broadcasts.updateOne({ _id: id, tenantId }, { $set: { tally } });
    return tally;
  }

  /** Adds deliveries that changed status to the tally. */
  async moveInTally(tenantId: string, id: string, changes: Partial<DeliveryTally>): Promise<void> {
    await this.broadcasts.updateOne({ _id: id, tenantId, tally: { $exists: true } }, { $inc: Object.fromEntries(Object.entries(changes).map(([status, count]) => [`tally.${status}`, count])) });
  }

  /** Adds to the broadcast's counters. */
  count(tenantId: string, id: string, counters: Partial<Record<'clicks' | 'clickers' | 'unconfirmed', number>>): Promise<Broadcast | null> {
    return this.broadcasts.updateOne({ _id: id, tenantId }, { $inc: counters });
  }

  async settings(tenantId: string): Promise<BroadcastSettings> {
    const stored = await this.settingsDocs.findOne({ tenantId });
    return { requireApproval: stored?.requireApproval ?? false };
  }

  async saveSettings(tenantId: string, settings: BroadcastSettings, now: Date): Promise<void> {
    await this.settingsDocs.updateOne({ _id: `settings-${tenantId}`, tenantId }, { $set: { requireApproval: settings.requireApproval, updatedAt: now } }, { upsert: true });
  }
}

/** Counts of a broadcast's deliveries by status. */
export type { DeliveryCounts };

export class DeliveryRepository {
  private readonly deliveries: DocumentCollection<Delivery>;

  constructor(store: DocumentStore) {
    this.deliveries = store.collection<Delivery>(deliveriesCollection);
  }

  /** Inserts the deliveries of people who have none of this broadcast yet; how many were inserted. */
  insertMissing(deliveries: readonly Delivery[]): Promise<number> {
    return this.deliveries.insertMany(deliveries);
  }

  findById(tenantId: string, id: string): Promise<Delivery | null> {
    return this.deliveries.findOne({ _id: id, tenantId });
  }

  /**
   * Pending deliveries whose time has come. Unsorted: every one of them is due, and the embedded
   * store would sort all pending records (10,000 at the start) for each batch.
   */
  due(broadcastId: string, now: Date, limit: number): Promise<Delivery[]> {
    return this.deliveries.find({ broadcastId, status: 'pending', nextAttemptAt: { $lte: now } }, { limit });
  }

  /** When the next pending delivery is due (a retry or the next part of a split text), if any. */
  async nextPendingAt(broadcastId: string): Promise<Date | null> {
    const [next] = await this.deliveries.find({ broadcastId, status: 'pending' }, { sort: { nextAttemptAt: 1 }, limit: 1 });
    return next?.nextAttemptAt ?? null;
  }

  /** Moves a delivery from one status to another only if it still has the first: the atomic claim. */
  transition(delivery: Pick<Delivery, '_id' | 'tenantId'>, from: DeliveryStatus, update: Update): Promise<Delivery | null> {
    return this.deliveries.updateOne({ _id: delivery._id, tenantId: delivery.tenantId, status: from }, update);
  }

  /**
   * Deliveries whose call was in flight when the sending process died: Telegram may have shown the
   * message. It counts as sent (never repeated) and is marked unconfirmed; a split text goes on with its next part.
   */
  async recoverInFlight(broadcastId: string, now: Date, perChatGapMs: number): Promise<number> {
    return this.deliveries.updateMany(
      { broadcastId, status: 'sending' },
      { $set: { status: 'pending', unconfirmed: true, nextAttemptAt: new Date(now.getTime() + perChatGapMs), updatedAt: now }, $inc: { partsSent: 1 }, $unset: { claimedBy: true } },
    );
  }

  /** Ends every open delivery of a cancelled broadcast. */
  cancelOpen(broadcastId: string, now: Date): Promise<number> {
    return this.deliveries.updateMany({ broadcastId, status: { $in: ['pending', 'waiting'] } }, { $set: { status: 'cancelled', updatedAt: now } });
  }

  async counts(broadcastId: string): Promise<DeliveryCounts> {
    const values = await Promise.all(DELIVERY_STATUSES.map((status) => this.deliveries.count({ broadcastId, status })));
    return Object.fromEntries(DELIVERY_STATUSES.map((status, index) => [status, values[index]!])) as DeliveryCounts;
  }

  listFailed(broadcastId: string): Promise<Delivery[]> {
    return this.deliveries.find({ broadcastId, status: 'failed' });
  }

  /** A person's web chat announcements that wait for their next visit, oldest first. */
  waitingFor(tenantId: string, profileId: string): Promise<Delivery[]> {
    return this.deliveries.find({ tenantId, profileId, status: 'waiting' }, { sort: { createdAt: 1 } });
  }

  /** Counts a press of the button; whether it was this person's first (a double click counts them once). */
  async recordClick(tenantId: string, id: string, now: Date): Promise<'first' | 'again' | null> {
    const first = await this.deliveries.updateOne({ _id: id, tenantId, firstClickAt: { $exists: false } }, { $inc: { clicks: 1 }, $set: { firstClickAt: now, updatedAt: now } });
    if (first) return 'first';
    const again = await this.deliveries.updateOne({ _id: id, tenantId }, { $inc: { clicks: 1 }, $set: { updatedAt: now } });
    return again ? 'again' : null;
  }

  listForProfile(tenantId: string, profileId: string): Promise<Delivery[]> {
    return this.deliveries.find({ tenantId, profileId }, { sort: { createdAt: 1 } });
  }

  deleteForProfile(tenantId: string, profileId: string): Promise<number> {
    return this.deliveries.deleteMany({ tenantId, profileId });
  }

  update(delivery: Pick<Delivery, '_id' | 'tenantId'>, update: Update): Promise<Delivery | null> {
    return this.deliveries.updateOne({ _id: delivery._id, tenantId: delivery.tenantId }, update);
  }
}
