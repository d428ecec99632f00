import { randomBytes } from 'node:crypto';
import { DuplicateKeyError, type DocumentCollection, type DocumentStore, type Filter, type Update } from '../../../platform/store/document-store.js';
import {
  registrationIdFor,
  type RegistrationStatus,
  type Workshop,
  type WorkshopPreferences,
  type WorkshopRegistration,
} from './workshop.js';
import { workshopPreferencesCollection, workshopRegistrationsCollection, workshopsCollection } from './workshop-schema.js';

/** Short ids: they travel in deep links (`/start workshop-<id>`) and Telegram button data (64 bytes). */
export function newWorkshopId(): string {
  return randomBytes(5).toString('hex');
}

/** Workshop ids in links and routes: anything else is no workshop. */
export function isWorkshopId(value: string): boolean {
  return /^[A-Za-z0-9_]{1,32}$/.test(value);
}

export class WorkshopRepository {
  private readonly workshops: DocumentCollection<Workshop>;

  constructor(store: DocumentStore) {
    this.workshops = store.collection<Workshop>(workshopsCollection);
  }

  insert(workshop: Workshop): Promise<Workshop> {
    return this.workshops.insertOne(workshop);
  }

  async findById(tenantId: string, id: string): Promise<Workshop | null> {
    if (!isWorkshopId(id)) return null;
    return this.workshops.findOne({ _id: id, tenantId });
  }

  /** Scheduled workshops that have not started yet, soonest first; optionally of one series. */
  listUpcoming(tenantId: string, now: Date, options: { seriesId?: string; limit?: number } = {}): Promise<Workshop[]> {
    const filter: Filter = { tenantId, status: 'scheduled', startsAt: { $gt: now } };
    if (options.seriesId) filter['series.id'] = options.seriesId;
    return this.workshops.find(filter, { sort: { startsAt: 1, _id: 1 }, ...(options.limit ? { limit: options.limit } : {}) });
  }

  findByIds(tenantId: string, ids: readonly string[]): Promise<Workshop[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.workshops.find({ tenantId, _id: { $in: ids } }, { sort: { startsAt: 1 } });
  }

  /**
   * The next scheduled part of a series with this number that starts after `after` (soonest first):
   * a series runs every year, so last year's part 3 must not be offered after this year's part 2.
   */
  async findSeriesPart(tenantId: string, seriesId: string, part: number, after: Date): Promise<Workshop | null> {
    const [next] = await this.workshops.find(
      { tenantId, 'series.id': seriesId, 'series.part': part, status: 'scheduled', startsAt: { $gt: after } },
      { sort: { startsAt: 1, _id: 1 }, limit: 1 },
    );
    return next ?? null;
  }

  /** Every workshop of a city, past and cancelled included, newest first (the staff console). */
  listAll(tenantId: string, limit = 500): Promise<Workshop[]> {
    return this.workshops.find({ tenantId }, { sort: { startsAt: -1, _id: 1 }, limit });
  }

  /** The id of a series of the city with this title, if there is one. */
  async seriesIdWithTitle(tenantId: string, title: string): Promise<string | null> {
    return (await this.workshops.findOne({ tenantId, 'series.title': title }))?.series?.id ?? null;
  }

  async seriesIdTaken(tenantId: string, seriesId: string): Promise<boolean> {
    return (await this.workshops.findOne({ tenantId, 'series.id': seriesId })) !== null;
  }

  update(tenantId: string, id: string, update: Update): Promise<Workshop | null> {
    return this.workshops.updateOne({ _id: id, tenantId }, update);
  }

  count(tenantId: string): Promise<number> {
    return this.workshops.count({ tenantId });
  }

  delete(tenantId: string, id: string): Promise<boolean> {
    return this.workshops.deleteOne({ _id: id, tenantId });
  }
}

export class WorkshopRegistrationRepository {
  private readonly registrations: DocumentCollection<WorkshopRegistration>;
  private readonly preferences: DocumentCollection<WorkshopPreferences>;

  constructor(store: DocumentStore) {
    this.registrations = store.collection<WorkshopRegistration>(workshopRegistrationsCollection);
    this.preferences = store.collection<WorkshopPreferences>(workshopPreferencesCollection);
  }

  find(tenantId: string, workshopId: string, profileId: string): Promise<WorkshopRegistration | null> {
    return this.registrations.findOne({ _id: registrationIdFor(workshopId, profileId), tenantId });
  }

  /** Inserts a new registration; null when one for this workshop and person exists already. */
  async insertNew(registration: WorkshopRegistration): Promise<WorkshopRegistration | null> {
    try {
      return await this.registrations.insertOne(registration);
    } catch (error) {
      if (error instanceof DuplicateKeyError) return null;
      throw error;
    }
  }

  /** Applies the update only while the registration still has the expected status (a compare-and-set). */
  updateIfStatus(registration: Pick<WorkshopRegistration, 'tenantId' | '_id'>, expected: RegistrationStatus, update: Update): Promise<WorkshopRegistration | null> {
    return this.registrations.updateOne({ _id: registration._id, tenantId: registration.tenantId, status: expected }, update);
  }

  update(registration: Pick<WorkshopRegistration, 'tenantId' | '_id'>, update: Update): Promise<WorkshopRegistration | null> {
    return this.registrations.updateOne({ _id: registration._id, tenantId: registration.tenantId }, update);
  }

  countByStatus(tenantId: string, workshopId: string, status: RegistrationStatus): Promise<number> {
    return this.registrations.count({ tenantId, workshopId, status });
  }

  /** Registered and waiting people of several workshops, counted by workshop, in one query. */
  async countActiveByWorkshop(tenantId: string, workshopIds: readonly string[]): Promise<Map<string, { registered: number; waiting: number }>> {
    const counts = new Map(workshopIds.map((id) => [id, { registered: 0, waiting: 0 }]));
    if (workshopIds.length === 0) return counts;
    const active = await this.registrations.find({ tenantId, workshopId: { $in: [...workshopIds] }, status: { $in: ['registered', 'waiting'] } });
    for (const registration of active) {
      const count = counts.get(registration.workshopId);
      if (count && (registration.status === 'registered' || registration.status === 'waiting')) count[registration.status] += 1;
    }
    return counts;
  }

  /** Seat holders in the order they took their seats. */
  listRegistered(tenantId: string, workshopId: string): Promise<WorkshopRegistration[]> {
    return this.registrations.find({ tenantId, workshopId, status: 'registered' }, { sort: { registeredAt: 1, _id: 1 } });
  }

  /** The waiting list, first come first. */
  listWaiting(tenantId: string, workshopId: string, limit?: number): Promise<WorkshopRegistration[]> {
    return this.registrations.find({ tenantId, workshopId, status: 'waiting' }, { sort: { waitingSince: 1, _id: 1 }, ...(limit ? { limit } : {}) });
  }

  /** Those whose registration ended because staff cancelled the workshop. */
  listCancelledWithWorkshop(tenantId: string, workshopId: string): Promise<WorkshopRegistration[]> {
    return this.registrations.find({ tenantId, workshopId, status: 'cancelled', cancelReason: 'workshop-cancelled' }, { sort: { createdAt: 1, _id: 1 } });
  }

  /** Everyone registered or waiting (for notices when staff move or cancel a workshop). */
  listActive(tenantId: string, workshopId: string): Promise<WorkshopRegistration[]> {
    return this.registrations.find({ tenantId, workshopId, status: { $in: ['registered', 'waiting'] } }, { sort: { createdAt: 1, _id: 1 } });
  }

  listByProfile(tenantId: string, profileId: string): Promise<WorkshopRegistration[]> {
    return this.registrations.find({ tenantId, profileId }, { sort: { createdAt: 1 } });
  }

  /**
   * Marks a message as sent, once: true for the caller that marked it, false when it was marked
   * already (a second run of the same job).
   */
  async claimMessage(registration: Pick<WorkshopRegistration, 'tenantId' | '_id'>, mark: string): Promise<boolean> {
    const claimed = await this.registrations.updateOne(
      { _id: registration._id, tenantId: registration.tenantId, sent: { $nin: [mark] } },
      { $addToSet: { sent: mark } },
    );
    return claimed !== null;
  }

  /** Gives a claimed message back after sending failed, so that the retry sends it. */
  async releaseMessage(registration: Pick<WorkshopRegistration, 'tenantId' | '_id'>, mark: string): Promise<void> {
    await this.registrations.updateOne({ _id: registration._id, tenantId: registration.tenantId }, { $pull: { sent: mark } });
  }

  deleteByProfile(tenantId: string, profileId: string): Promise<number> {
    return this.registrations.deleteMany({ tenantId, profileId });
  }

  findPreferences(tenantId: string, profileId: string): Promise<WorkshopPreferences | null> {
    return this.preferences.findOne({ _id: preferencesIdFor(tenantId, profileId), tenantId });
  }

  async setPreferences(tenantId: string, profileId: string, remindersOn: boolean, now: Date): Promise<void> {
    await this.preferences.updateOne(
      { _id: preferencesIdFor(tenantId, profileId), tenantId, profileId },
      { $set: { remindersOn, updatedAt: now } },
      { upsert: true },
    );
  }

  async deletePreferences(tenantId: string, profileId: string): Promise<void> {
    await this.preferences.deleteOne({ _id: preferencesIdFor(tenantId, profileId), tenantId });
  }
}

function preferencesIdFor(tenantId: string, profileId: string): string {
  return `${tenantId}:${profileId}`;
}
