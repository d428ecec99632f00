import { randomUUID } from 'node:crypto';
import type { Update } from '../../../platform/store/document-store.js';
import type { Clock } from '../../../platform/clock.js';
import type { JobScheduler } from '../../../platform/scheduler/job-scheduler.js';
import { newWorkshopId, type WorkshopRegistrationRepository, type WorkshopRepository } from './workshop-repository.js';
import type { Workshop, WorkshopRegistration } from './workshop.js';
import type { ContentTranslations } from '../../../platform/i18n/content-translations.js';
import { seriesOf, type WorkshopSeriesChoice } from './workshop-series-choices.js';
import { planRegistrationJobs, scheduleNotice, workshopJobPrefix, WORKSHOP_FOLLOW_UP_JOB, WORKSHOP_REMINDER_JOB } from './workshop-jobs.js';
import type { WorkshopSeats } from './workshop-seats.js';

/** What staff enter for a new workshop. */
export type NewWorkshop = Omit<Workshop, '_id' | 'tenantId' | 'status' | 'createdAt' | 'updatedAt'> & { _id?: string };

/** Staff changes; `null` removes an optional field (e.g. the place of a workshop that went online). */
export type WorkshopChanges = Partial<Pick<Workshop, 'title' | 'description' | 'startsAt' | 'endsAt' | 'capacity' | 'language' | 'targetGroup' | 'organiser'>> & {
  series?: Workshop['series'] | null;
  place?: Workshop['place'] | null;
  onlineUrl?: string | null;
  materialUrl?: string | null;
  /** Replaces the stored translations; `null`: none any more. */
  translations?: ContentTranslations | null;
};

export type UpdateResult = { status: 'not-found' } | { status: 'updated'; workshop: Workshop; moved: boolean; notified: number; movedUp: string[] };
export type CancelWorkshopResult = { status: 'not-found' } | { status: 'already-cancelled'; workshop: Workshop } | { status: 'cancelled'; workshop: Workshop; notified: number };

export interface Participants {
  registered: WorkshopRegistration[];
  waiting: WorkshopRegistration[];
  /** For a cancelled workshop: who was registered or waiting when staff cancelled it. */
  cancelledWithWorkshop: WorkshopRegistration[];
}

/** Staff entered something impossible (ends before it starts, no place and no link). */
export class WorkshopInputError extends Error {
  override name = 'WorkshopInputError';
  constructor(readonly field: string) {
    super(`invalid workshop: ${field}`);
  }
}

/**
 * The workshops themselves: what the chat lists, and what staff create, move and cancel in the
 * console. A change that concerns the people registered tells them through scheduler jobs.
 */
export class WorkshopCatalogue {
  constructor(
    private readonly workshops: WorkshopRepository,
    private readonly registrations: WorkshopRegistrationRepository,
    private readonly seats: WorkshopSeats,
    private readonly scheduler: JobScheduler,
    private readonly clock: Clock,
  ) {}

  get(tenantId: string, workshopId: string): Promise<Workshop | null> {
    return this.workshops.findById(tenantId, workshopId);
  }

  listUpcoming(tenantId: string, options: { seriesId?: string; limit?: number } = {}): Promise<Workshop[]> {
    return this.workshops.listUpcoming(tenantId, this.clock(), options);
  }

  /** The series that have upcoming parts, for the filter (with the translations of their title). */
  async listSeries(tenantId: string): Promise<WorkshopSeriesChoice[]> {
    return seriesOf(await this.listUpcoming(tenantId));
  }

  /** The next part of the workshop's series that is still ahead (this run of the series, not last year's). */
  async nextPart(workshop: Workshop): Promise<Workshop | null> {
    if (!workshop.series) return null;
    const now = this.clock();
    const after = workshop.startsAt > now ? workshop.startsAt : now;
    return this.workshops.findSeriesPart(workshop.tenantId, workshop.series.id, workshop.series.part + 1, after);
  }

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
    const movedUp = this.seats.isOpen(workshop) ? await this.seats.fillFreeSeats(workshop) : [];
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

  /** Registered and waiting people of a workshop, for the staff console. */
  async participants(tenantId: string, workshopId: string): Promise<Participants> {
    const [registered, waiting, cancelledWithWorkshop] = await Promise.all([
      this.registrations.listRegistered(tenantId, workshopId),
      this.registrations.listWaiting(tenantId, workshopId),
      this.registrations.listCancelledWithWorkshop(tenantId, workshopId),
    ]);
    return { registered, waiting, cancelledWithWorkshop };
  }
}

/** What a calendar file shows of a workshop, in any language (a change raises its revision). */
const CALENDAR_FIELDS = ['title', 'description', 'translations', 'startsAt', 'endsAt', 'place', 'onlineUrl', 'organiser'] as const satisfies ReadonlyArray<keyof Workshop>;
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
