import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import type { JobScheduler } from '../../../platform/scheduler/job-scheduler.js';
import type { WorkshopRegistrationRepository, WorkshopRepository } from './workshop-repository.js';
import { registrationIdFor, type Workshop, type WorkshopPreferences, type WorkshopRegistration } from './workshop.js';
import { cancelRegistrationJobs, planRegistrationJobs, scheduleNotice } from './workshop-jobs.js';

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

/**
 * A person's side of workshops: seats, the waiting list (people move up as seats free), reminder
 * wishes and the once-only marks of the messages to a registration.
 */
export class WorkshopSeats {
  constructor(
    private readonly workshops: WorkshopRepository,
    private readonly registrations: WorkshopRegistrationRepository,
    private readonly scheduler: JobScheduler,
    private readonly clock: Clock,
  ) {}

  isOpen(workshop: Workshop): boolean {
    return workshop.status === 'scheduled' && workshop.startsAt > this.clock();
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

  findRegistration(tenantId: string, workshopId: string, profileId: string): Promise<WorkshopRegistration | null> {
    return this.registrations.find(tenantId, workshopId, profileId);
  }

  /** Everyone registered or waiting for one workshop. */
  activeRegistrations(tenantId: string, workshopId: string): Promise<WorkshopRegistration[]> {
    return this.registrations.listActive(tenantId, workshopId);
  }

  /** 1 for the first person waiting. */
  async waitingPosition(registration: WorkshopRegistration): Promise<number> {
    const waiting = await this.registrations.listWaiting(registration.tenantId, registration.workshopId);
    return waiting.findIndex((candidate) => candidate._id === registration._id) + 1;
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
    return (await this.preferencesOf(tenantId, profileId))?.remindersOn ?? true;
  }

  /** The person's stored reminder wish; null when they never chose (reminders are on). */
  preferencesOf(tenantId: string, profileId: string): Promise<WorkshopPreferences | null> {
    return this.registrations.findPreferences(tenantId, profileId);
  }

  /** Every registration of the person, cancelled ones included (the data export). */
  registrationsOfProfile(tenantId: string, profileId: string): Promise<WorkshopRegistration[]> {
    return this.registrations.listByProfile(tenantId, profileId);
  }

  /** Claims a message to the registration (`mark`); false when it was claimed already (a job that runs twice sends once). */
  claimMessage(registration: Pick<WorkshopRegistration, 'tenantId' | '_id'>, mark: string): Promise<boolean> {
    return this.registrations.claimMessage(registration, mark);
  }

  /** Gives a claimed message back after sending failed, so that the retry sends it. */
  releaseMessage(registration: Pick<WorkshopRegistration, 'tenantId' | '_id'>, mark: string): Promise<void> {
    return this.registrations.releaseMessage(registration, mark);
  }

  /** "Delete me": seats are given back (the waiting list moves up), then everything is deleted. */
  async eraseProfile(tenantId: string, profileId: string): Promise<void> {
    for (const registration of await this.registrations.listByProfile(tenantId, profileId)) {
      if (registration.status !== 'cancelled') await this.cancel(tenantId, registration.workshopId, profileId);
    }
    await this.registrations.deleteByProfile(tenantId, profileId);
    await this.registrations.deletePreferences(tenantId, profileId);
  }

  /** Moves people up from the waiting list while seats are free; returns who moved up. */
  async fillFreeSeats(workshop: Workshop): Promise<string[]> {
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
}
