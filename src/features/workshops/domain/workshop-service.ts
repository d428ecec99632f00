import { randomUUID } from 'node:crypto';
import type { Update } from '../../../platform/store/document-store.js';
import type { Clock } from '../../../platform/clock.js';
import type { JobScheduler } from '../../../platform/scheduler/job-scheduler.js';
import { newWorkshopId, type WorkshopRegistrationRepository, type WorkshopRepository } from './workshop-repository.js';
import { registrationIdFor, type Workshop, type WorkshopRegistration } from './workshop.js';
import { cancelRegistrationJobs, planRegistrationJobs, scheduleNotice, workshopJobPrefix, WORKSHOP_FOLLOW_UP_JOB, WORKSHOP_REMINDER_JOB } from './workshop-jobs.js';

/** What staff enter for a new workshop. */
export type NewWorkshop = Omit<Workshop, '_id' | 'tenantId' | 'status' | 'createdAt' | 'updatedAt'> & { _id?: string };

/** Staff changes; `null` removes an optional field (e.g. the place of a workshop that went online). */
export type WorkshopChanges = Partial<Pick<Workshop, 'title' | 'description' | 'startsAt' | 'endsAt' | 'capacity' | 'language' | 'targetGroup' | 'organiser'>> & {
  series?: Workshop['series'] | null;
  place?: Workshop['place'] | null;
  onlineUrl?: string | null;
  materialUrl?: string | null;
};

export type Unavailable =
  | { status: 'not-found' }
  | { status: 'cancelled'; workshop: Workshop }
  | { status: 'past'; workshop: Workshop };

export type RegisterResult =
  | Unavailable
  | { status: 'registered'; workshop: Workshop; registration: WorkshopRegistration }
  | { status: 'already-registered'; workshop: Workshop; registration: WorkshopRegistration }
  /** Full: the caller offers the waiting list (register again with `waitingList: true`). */
  | { status: 'full'; workshop: Workshop }
  | { status: 'waiting'; workshop: Workshop; registration: WorkshopRegistration; position: number }
  | { status: 'already-waiting'; workshop: Workshop; registration: WorkshopRegistration; position: number };

export type CancelResult =
  | { status: 'not-found' }
  | { status: 'not-registered'; workshop: Workshop }
  | { status: 'cancelled'; workshop: Workshop; wasWaiting: boolean; movedUp: string[] };

export type UpdateResult = { status: 'not-found' } | { status: 'updated'; workshop: Workshop; moved: boolean; notified: number; movedUp: string[] };
export type CancelWorkshopResult = { status: 'not-found' } | { status: 'already-cancelled'; workshop: Workshop } | { status: 'cancelled'; workshop: Workshop; notified: number };

export interface Availability {
  capacity: number;
  registered: number;
  waiting: number;
  free: number;
}

export interface MyWorkshop {
  workshop: Workshop;
  registration: WorkshopRegistration;
}

/** Staff entered something impossible (ends before it starts, no place and no link). */
export class WorkshopInputError extends Error {
  override name = 'WorkshopInputError';
  constructor(readonly field: string) {
    super(`invalid workshop: ${field}`);
  }
}

/**
 * Workshops and registrations: seats, the waiting list, reminders and notices. The chat and the staff
 * console both come here; messages go out through scheduler jobs (sent at most once each).
 */
export class WorkshopService {
  constructor(
    readonly workshops: WorkshopRepository,
    readonly registrations: WorkshopRegistrationRepository,
    private readonly scheduler: JobScheduler,
    private readonly clock: Clock,
  ) {}

  get(tenantId: string, workshopId: string): Promise<Workshop | null> {
    return this.workshops.findById(tenantId, workshopId);
  }

  listUpcoming(tenantId: string, options: { seriesId?: string; limit?: number } = {}): Promise<Workshop[]> {
    return this.workshops.listUpcoming(tenantId, this.clock(), options);
  }

  /** The series that have upcoming parts, for the filter. */
  async listSeries(tenantId: string): Promise<Array<{ id: string; title: string }>> {
    const seen = new Map<string, string>();
    for (const workshop of await this.listUpcoming(tenantId)) {
      if (workshop.series && !seen.has(workshop.series.id)) seen.set(workshop.series.id, workshop.series.title);
    }
    return [...seen].map(([id, title]) => ({ id, title }));
  }

  async availability(workshop: Workshop): Promise<Availability> {
    const [registered, waiting] = await Promise.all([
      this.registrations.countByStatus(workshop.tenantId, workshop._id, 'registered'),
      this.registrations.countByStatus(workshop.tenantId, workshop._id, 'waiting'),
    ]);
    return { capacity: workshop.capacity, registered, waiting, free: Math.max(0, workshop.capacity - registered) };
  }

  /** Availability of many workshops with one count of their registrations (the staff console's list). */
  async availabilityOf(tenantId: string, workshops: readonly Workshop[]): Promise<Map<string, Availability>> {
    const counts = await this.registrations.countActiveByWorkshop(tenantId, workshops.map((workshop) => workshop._id));
    return new Map(
      workshops.map((workshop) => {
        const { registered, waiting } = counts.get(workshop._id) ?? { registered: 0, waiting: 0 };
        return [workshop._id, { capacity: workshop.capacity, registered, waiting, free: Math.max(0, workshop.capacity - registered) }];
      }),
    );
  }

  registrationOf(tenantId: string, workshopId: string, profileId: string): Promise<WorkshopRegistration | null> {
    return this.registrations.find(tenantId, workshopId, profileId);
  }

  /** 1 for the first person waiting. */
  async waitingPosition(registration: WorkshopRegistration): Promise<number> {
    const waiting = await this.registrations.listWaiting(registration.tenantId, registration.workshopId);
    return waiting.findIndex((candidate) => candidate._id === registration._id) + 1;
  }

  /** The next part of the workshop's series that is still ahead (this run of the series, not last year's). */
  async nextPart(workshop: Workshop): Promise<Workshop | null> {
    if (!workshop.series) return null;
    const now = this.clock();
    const after = workshop.startsAt > now ? workshop.startsAt : now;
    return this.workshops.findSeriesPart(workshop.tenantId, workshop.series.id, workshop.series.part + 1, after);
  }

  isOpen(workshop: Workshop): boolean {
    return workshop.status === 'scheduled' && workshop.startsAt > this.clock();
  }

  /**
   * Takes a seat. Twice is once; a full workshop answers `full` unless `waitingList` is asked for;
   * a past or cancelled one answers so. Seats are checked again after taking one, so that two
   * people racing for the last seat cannot both get it.
   */
  async register(tenantId: string, workshopId: string, profileId: string, options: { waitingList?: boolean } = {}): Promise<RegisterResult> {
    const workshop = await this.workshops.findById(tenantId, workshopId);
    const unavailable = this.unavailable(workshop);
    if (unavailable) return unavailable;
    const open = workshop!;
    const existing = await this.registrations.find(tenantId, workshopId, profileId);
    if (existing?.status === 'registered') return { status: 'already-registered', workshop: open, registration: existing };
    if (existing?.status === 'waiting') return { status: 'already-waiting', workshop: open, registration: existing, position: await this.waitingPosition(existing) };

    const now = this.clock();
    const remindersOn = await this.remindersWanted(tenantId, profileId);
    const taken = await this.registrations.countByStatus(tenantId, workshopId, 'registered');
    if (taken >= open.capacity) {
      if (!options.waitingList) return { status: 'full', workshop: open };
      const waiting = await this.store(existing, { tenantId, workshopId, profileId, status: 'waiting', waitingSince: now, remindersOn }, now);
      if (!waiting) return this.register(tenantId, workshopId, profileId, options);
      return { status: 'waiting', workshop: open, registration: waiting, position: await this.waitingPosition(waiting) };
    }

    const seat = await this.store(existing, { tenantId, workshopId, profileId, status: 'registered', registeredAt: now, remindersOn }, now);
    // Someone else registered this person at the same moment (a double click): that one counts.
    if (!seat) return this.register(tenantId, workshopId, profileId, options);
    if (!(await this.holdsSeat(open, seat))) {
      await this.registrations.updateIfStatus(seat, 'registered', { $set: { status: 'cancelled', updatedAt: now }, $unset: { registeredAt: true } });
      return this.register(tenantId, workshopId, profileId, options);
    }
    await planRegistrationJobs(this.scheduler, open, seat, now);
    return { status: 'registered', workshop: open, registration: seat };
  }

  /**
   * Gives the seat (or the waiting-list place) back. A freed seat goes to the first person waiting,
   * who is told. Safe twice: the second time answers `not-registered`.
   */
  async cancel(tenantId: string, workshopId: string, profileId: string): Promise<CancelResult> {
    const workshop = await this.workshops.findById(tenantId, workshopId);
    if (!workshop) return { status: 'not-found' };
    const registration = await this.registrations.find(tenantId, workshopId, profileId);
    if (!registration || registration.status === 'cancelled') return { status: 'not-registered', workshop };
    const now = this.clock();
    const cancelled = await this.registrations.updateIfStatus(registration, registration.status, {
      $set: { status: 'cancelled', cancelReason: 'person', updatedAt: now },
      $unset: { registeredAt: true, waitingSince: true },
    });
    if (!cancelled) return { status: 'not-registered', workshop };
    await cancelRegistrationJobs(this.scheduler, tenantId, workshopId, profileId);
    const movedUp = registration.status === 'registered' && this.isOpen(workshop) ? await this.fillFreeSeats(workshop) : [];
    return { status: 'cancelled', workshop, wasWaiting: registration.status === 'waiting', movedUp };
  }

  /**
   * Workshops the person is registered or waiting for that have not ended, soonest first; also
   * those staff cancelled while the person was registered (shown as cancelled, until their date).
   */
  async myWorkshops(tenantId: string, profileId: string): Promise<MyWorkshop[]> {
    const registrations = (await this.registrations.listByProfile(tenantId, profileId)).filter(
      (registration) => registration.status !== 'cancelled' || registration.cancelReason === 'workshop-cancelled',
    );
    const workshops = await this.workshops.findByIds(tenantId, registrations.map((registration) => registration.workshopId));
    const now = this.clock();
    return workshops
      .filter((workshop) => workshop.endsAt > now)
      .map((workshop) => ({ workshop, registration: registrations.find((registration) => registration.workshopId === workshop._id)! }));
  }

  /** Reminders of one registration on or off (the follow-up after the event stays). */
  async setReminders(tenantId: string, workshopId: string, profileId: string, remindersOn: boolean): Promise<WorkshopRegistration | null> {
    const registration = await this.registrations.find(tenantId, workshopId, profileId);
    if (!registration) return null;
    const updated = await this.registrations.update(registration, { $set: { remindersOn, updatedAt: this.clock() } });
    const workshop = await this.workshops.findById(tenantId, workshopId);
    if (updated && workshop) await planRegistrationJobs(this.scheduler, workshop, updated, this.clock());
    return updated;
  }

  /** Reminders for every workshop on or off: the current registrations and the default for new ones. */
  async setAllReminders(tenantId: string, profileId: string, remindersOn: boolean): Promise<void> {
    await this.registrations.setPreferences(tenantId, profileId, remindersOn, this.clock());
    for (const registration of await this.registrations.listByProfile(tenantId, profileId)) {
      if (registration.status === 'cancelled') continue;
      await this.setReminders(tenantId, registration.workshopId, profileId, remindersOn);
    }
  }

  async remindersWanted(tenantId: string, profileId: string): Promise<boolean> {
    return (await this.registrations.findPreferences(tenantId, profileId))?.remindersOn ?? true;
  }

  // ----- staff operations (the console calls these) -----

  async create(tenantId: string, input: NewWorkshop): Promise<Workshop> {
    checkWorkshop(input);
    const now = this.clock();
    const { _id, ...fields } = input;
    return this.workshops.insert({
      ...fields,
      // The console and the calendar work in minutes: seconds would only make "moved" detection noisy.
      startsAt: toMinute(input.startsAt),
      endsAt: toMinute(input.endsAt),
      _id: _id ?? newWorkshopId(),
      tenantId,
      status: 'scheduled',
      revision: 0,
      createdAt: now,
      updatedAt: now,
    });
  }

  /**
   * Changes a workshop. Moved (time or place): everyone registered or waiting is told and the
   * reminders are planned anew. More seats: people move up from the waiting list.
   */
  async update(tenantId: string, workshopId: string, changes: WorkshopChanges): Promise<UpdateResult> {
    const before = await this.workshops.findById(tenantId, workshopId);
    if (!before) return { status: 'not-found' };
    const now = this.clock();
    const $set: Record<string, unknown> = { updatedAt: now };
    const $unset: Record<string, true> = {};
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      if (value === null) $unset[field] = true;
      else $set[field] = (field === 'startsAt' || field === 'endsAt') && value instanceof Date ? toMinute(value) : value;
    }
    const merged = { ...before, ...$set } as Workshop;
    for (const field of Object.keys($unset)) delete (merged as unknown as Record<string, unknown>)[field];
    checkWorkshop(merged);
    const update: Update = { $set };
    if (Object.keys($unset).length > 0) update.$unset = $unset;
    // A change a calendar shows: the calendar file gets a higher SEQUENCE.
    if (CALENDAR_FIELDS.some((field) => !sameValue(before[field], merged[field]))) update.$inc = { revision: 1 };
    const workshop = (await this.workshops.update(tenantId, workshopId, update))!;
    const moved = MOVE_FIELDS.some((field) => !sameValue(before[field], workshop[field]));
    let notified = 0;
    // Reminders and follow-up depend only on the time, the place and the status: re-plan only then.
    if (workshop.status === 'scheduled' && (moved || before.status !== workshop.status)) {
      for (const registration of await this.registrations.listActive(tenantId, workshopId)) {
        await planRegistrationJobs(this.scheduler, workshop, registration, now);
        if (moved) {
          await scheduleNotice(this.scheduler, workshop, registration.profileId, 'moved', randomUUID(), now);
          notified += 1;
        }
      }
    }
    const movedUp = this.isOpen(workshop) ? await this.fillFreeSeats(workshop) : [];
    return { status: 'updated', workshop, moved, notified, movedUp };
  }

  /** Cancels a workshop: reminders are removed and everyone registered or waiting is told. */
  async cancelWorkshop(tenantId: string, workshopId: string): Promise<CancelWorkshopResult> {
    const before = await this.workshops.findById(tenantId, workshopId);
    if (!before) return { status: 'not-found' };
    if (before.status === 'cancelled') return { status: 'already-cancelled', workshop: before };
    const now = this.clock();
    const workshop = (await this.workshops.update(tenantId, workshopId, { $set: { status: 'cancelled', updatedAt: now }, $inc: { revision: 1 } }))!;
    for (const name of [WORKSHOP_REMINDER_JOB, WORKSHOP_FOLLOW_UP_JOB]) await this.scheduler.cancel({ tenantId, name, keyPrefix: workshopJobPrefix(workshopId) });
    let notified = 0;
    for (const registration of await this.registrations.listActive(tenantId, workshopId)) {
      // The seat (or waiting-list place) ends with the workshop: "my workshops" and the export say so.
      const ended = await this.registrations.updateIfStatus(registration, registration.status, {
        $set: { status: 'cancelled', cancelReason: 'workshop-cancelled', updatedAt: now },
      });
      if (!ended || before.endsAt <= now) continue;
      await scheduleNotice(this.scheduler, workshop, registration.profileId, 'cancelled', randomUUID(), now);
      notified += 1;
    }
    return { status: 'cancelled', workshop, notified };
  }

  /**
   * Registered and waiting people of a workshop, for the staff console; for a cancelled workshop,
   * `cancelledWithWorkshop` lists those who were registered or waiting when staff cancelled it.
   */
  async participants(
    tenantId: string,
    workshopId: string,
  ): Promise<{ registered: WorkshopRegistration[]; waiting: WorkshopRegistration[]; cancelledWithWorkshop: WorkshopRegistration[] }> {
    const [registered, waiting, cancelledWithWorkshop] = await Promise.all([
      this.registrations.listRegistered(tenantId, workshopId),
      this.registrations.listWaiting(tenantId, workshopId),
      this.registrations.listCancelledWithWorkshop(tenantId, workshopId),
    ]);
    return { registered, waiting, cancelledWithWorkshop };
  }

  // ----- privacy -----

  /** "Delete me": seats are given back (the waiting list moves up), then everything is deleted. */
  async eraseProfile(tenantId: string, profileId: string): Promise<void> {
    for (const registration of await this.registrations.listByProfile(tenantId, profileId)) {
      if (registration.status !== 'cancelled') await this.cancel(tenantId, registration.workshopId, profileId);
    }
    await this.registrations.deleteByProfile(tenantId, profileId);
    await this.registrations.deletePreferences(tenantId, profileId);
  }

  // ----- internals -----

  private unavailable(workshop: Workshop | null): Unavailable | null {
    if (!workshop) return { status: 'not-found' };
    if (workshop.status === 'cancelled') return { status: 'cancelled', workshop };
    if (workshop.startsAt <= this.clock()) return { status: 'past', workshop };
    return null;
  }

  /** Inserts the registration, or revives a cancelled one; null when another request got there first. */
  private async store(
    existing: WorkshopRegistration | null,
    fields: Pick<WorkshopRegistration, 'tenantId' | 'workshopId' | 'profileId' | 'status' | 'remindersOn'> & { registeredAt?: Date; waitingSince?: Date },
    now: Date,
  ): Promise<WorkshopRegistration | null> {
    if (existing) {
      return this.registrations.updateIfStatus(existing, 'cancelled', { $set: { ...fields, updatedAt: now }, $unset: { cancelReason: true } });
    }
    return this.registrations.insertNew({
      _id: registrationIdFor(fields.workshopId, fields.profileId),
      sent: [],
      createdAt: now,
      updatedAt: now,
      ...fields,
    });
  }

  /** True when the registration is among the first `capacity` seat holders. */
  private async holdsSeat(workshop: Workshop, registration: WorkshopRegistration): Promise<boolean> {
    const seats = await this.registrations.listRegistered(workshop.tenantId, workshop._id);
    const index = seats.findIndex((seat) => seat._id === registration._id);
    return index >= 0 && index < workshop.capacity;
  }

  /** Moves people up from the waiting list while seats are free; returns who moved up. */
  private async fillFreeSeats(workshop: Workshop): Promise<string[]> {
    const movedUp: string[] = [];
    for (let round = 0; round < workshop.capacity + 10; round++) {
      const taken = await this.registrations.countByStatus(workshop.tenantId, workshop._id, 'registered');
      if (taken >= workshop.capacity) break;
      const [first] = await this.registrations.listWaiting(workshop.tenantId, workshop._id, 1);
      if (!first) break;
      const now = this.clock();
      const promoted = await this.registrations.updateIfStatus(first, 'waiting', {
        $set: { status: 'registered', registeredAt: now, updatedAt: now },
        $unset: { waitingSince: true },
      });
      if (!promoted) continue;
      if (!(await this.holdsSeat(workshop, promoted))) {
        // Another request filled the seat at the same moment: back to the head of the list.
        await this.registrations.updateIfStatus(promoted, 'registered', { $set: { status: 'waiting', waitingSince: first.waitingSince ?? now }, $unset: { registeredAt: true } });
        break;
      }
      await planRegistrationJobs(this.scheduler, workshop, promoted, now);
      await scheduleNotice(this.scheduler, workshop, promoted.profileId, 'moved-up', randomUUID(), now);
      movedUp.push(promoted.profileId);
    }
    return movedUp;
  }
}

/** What a calendar file shows of a workshop (a change raises its revision). */
const CALENDAR_FIELDS = ['title', 'description', 'startsAt', 'endsAt', 'place', 'onlineUrl', 'organiser'] as const satisfies ReadonlyArray<keyof Workshop>;
/** A change of these tells the people registered that the workshop moved. */
const MOVE_FIELDS = ['startsAt', 'endsAt', 'place', 'onlineUrl'] as const satisfies ReadonlyArray<keyof Workshop>;

/** The start of the minute: workshop times are kept and compared at minute precision. */
export function toMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return toMinute(a).getTime() === toMinute(b).getTime();
  return stableJson(a) === stableJson(b);
}

/** JSON with sorted keys and without empty fields: `{ name, address }` equals `{ address, name }`. */
function stableJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>).filter(([, field]) => field !== undefined && field !== null);
  return `{${entries
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, field]) => `${JSON.stringify(key)}:${stableJson(field)}`)
    .join(',')}}`;
}

function checkWorkshop(workshop: Pick<Workshop, 'startsAt' | 'endsAt' | 'capacity'> & Partial<Pick<Workshop, 'place' | 'onlineUrl'>>): void {
  if (!(workshop.startsAt instanceof Date) || Number.isNaN(workshop.startsAt.getTime())) throw new WorkshopInputError('startsAt');
  if (!(workshop.endsAt instanceof Date) || !(workshop.endsAt > workshop.startsAt)) throw new WorkshopInputError('endsAt');
  if (!Number.isInteger(workshop.capacity) || workshop.capacity < 1) throw new WorkshopInputError('capacity');
  if (!workshop.place && !workshop.onlineUrl) throw new WorkshopInputError('place');
}
