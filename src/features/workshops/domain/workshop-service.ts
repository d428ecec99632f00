import type { Clock } from '../../../platform/clock.js';
import type { JobScheduler } from '../../../platform/scheduler/job-scheduler.js';
import type { WorkshopRegistrationRepository, WorkshopRepository } from './workshop-repository.js';
import type { Workshop, WorkshopPreferences, WorkshopRegistration } from './workshop.js';
import { seriesIdFor } from './series-id.js';
import type { WorkshopSeriesChoice } from './workshop-series-choices.js';
import { WorkshopCatalogue, type CancelWorkshopResult, type NewWorkshop, type Participants, type UpdateResult, type WorkshopChanges } from './workshop-catalogue.js';
import { WorkshopSeats, type Availability, type CancelResult, type MyWorkshop, type RegisterResult } from './workshop-seats.js';

export { toMinute, WorkshopCatalogue, WorkshopInputError, type CancelWorkshopResult, type NewWorkshop, type Participants, type UpdateResult, type WorkshopChanges } from './workshop-catalogue.js';
export type { WorkshopSeriesChoice } from './workshop-series-choices.js';
export { WorkshopSeats, type Availability, type CancelResult, type MyWorkshop, type RegisterResult, type Unavailable } from './workshop-seats.js';

type Registration = Pick<WorkshopRegistration, 'tenantId' | '_id'>;

/**
 * Workshops and registrations, for the chat and the staff console: the catalogue (workshops staff
 * create, move and cancel) and the seats (registrations and the waiting list). Messages go out
 * through scheduler jobs (sent at most once each).
 */
export class WorkshopService {
  private readonly seats: WorkshopSeats;
  private readonly catalogue: WorkshopCatalogue;

  constructor(
    private readonly workshops: WorkshopRepository,
    registrations: WorkshopRegistrationRepository,
    scheduler: JobScheduler,
    clock: Clock,
  ) {
    this.seats = new WorkshopSeats(workshops, registrations, scheduler, clock);
    this.catalogue = new WorkshopCatalogue(workshops, registrations, this.seats, scheduler, clock);
  }

  // ----- the catalogue -----

  get(tenantId: string, workshopId: string): Promise<Workshop | null> {
    return this.catalogue.get(tenantId, workshopId);
  }

  listUpcoming(tenantId: string, options?: { seriesId?: string; limit?: number }): Promise<Workshop[]> {
    return this.catalogue.listUpcoming(tenantId, options);
  }

  listSeries(tenantId: string): Promise<WorkshopSeriesChoice[]> {
    return this.catalogue.listSeries(tenantId);
  }

  /** Every workshop of a city, past and cancelled included (the console's list). */
  listAll(tenantId: string): Promise<Workshop[]> {
    return this.workshops.listAll(tenantId);
  }

  findByIds(tenantId: string, ids: readonly string[]): Promise<Workshop[]> {
    return this.workshops.findByIds(tenantId, ids);
  }

  /** The series id for a title staff typed: the existing series of that title, else a new one. */
  seriesIdFor(tenantId: string, title: string, current?: Workshop['series']): Promise<string> {
    return seriesIdFor(this.workshops, tenantId, title, current);
  }

  /** How many workshops a city has (the demo content loads only into an empty catalogue). */
  count(tenantId: string): Promise<number> {
    return this.workshops.count(tenantId);
  }

  nextPart(workshop: Workshop): Promise<Workshop | null> {
    return this.catalogue.nextPart(workshop);
  }

  create(tenantId: string, input: NewWorkshop): Promise<Workshop> {
    return this.catalogue.create(tenantId, input);
  }

  update(tenantId: string, workshopId: string, changes: WorkshopChanges): Promise<UpdateResult> {
    return this.catalogue.update(tenantId, workshopId, changes);
  }

  cancelWorkshop(tenantId: string, workshopId: string): Promise<CancelWorkshopResult> {
    return this.catalogue.cancelWorkshop(tenantId, workshopId);
  }

  participants(tenantId: string, workshopId: string): Promise<Participants> {
    return this.catalogue.participants(tenantId, workshopId);
  }

  // ----- seats and the waiting list -----

  isOpen(workshop: Workshop): boolean {
    return this.seats.isOpen(workshop);
  }

  availability(workshop: Workshop): Promise<Availability> {
    return this.seats.availability(workshop);
  }

  availabilityOf(tenantId: string, workshops: readonly Workshop[]): Promise<Map<string, Availability>> {
    return this.seats.availabilityOf(tenantId, workshops);
  }

  register(tenantId: string, workshopId: string, profileId: string, options?: { waitingList?: boolean }): Promise<RegisterResult> {
    return this.seats.register(tenantId, workshopId, profileId, options);
  }

  cancel(tenantId: string, workshopId: string, profileId: string): Promise<CancelResult> {
    return this.seats.cancel(tenantId, workshopId, profileId);
  }

  registrationOf(tenantId: string, workshopId: string, profileId: string): Promise<WorkshopRegistration | null> {
    return this.seats.findRegistration(tenantId, workshopId, profileId);
  }

  activeRegistrations(tenantId: string, workshopId: string): Promise<WorkshopRegistration[]> {
    return this.seats.activeRegistrations(tenantId, workshopId);
  }

  waitingPosition(registration: WorkshopRegistration): Promise<number> {
    return this.seats.waitingPosition(registration);
  }

  myWorkshops(tenantId: string, profileId: string): Promise<MyWorkshop[]> {
    return this.seats.myWorkshops(tenantId, profileId);
  }

  setReminders(tenantId: string, workshopId: string, profileId: string, remindersOn: boolean): Promise<WorkshopRegistration | null> {
    return this.seats.setReminders(tenantId, workshopId, profileId, remindersOn);
  }

  setAllReminders(tenantId: string, profileId: string, remindersOn: boolean): Promise<void> {
    return this.seats.setAllReminders(tenantId, profileId, remindersOn);
  }

  remindersWanted(tenantId: string, profileId: string): Promise<boolean> {
    return this.seats.remindersWanted(tenantId, profileId);
  }

  preferencesOf(tenantId: string, profileId: string): Promise<WorkshopPreferences | null> {
    return this.seats.preferencesOf(tenantId, profileId);
  }

  registrationsOfProfile(tenantId: string, profileId: string): Promise<WorkshopRegistration[]> {
    return this.seats.registrationsOfProfile(tenantId, profileId);
  }

  claimMessage(registration: Registration, mark: string): Promise<boolean> {
    return this.seats.claimMessage(registration, mark);
  }

  releaseMessage(registration: Registration, mark: string): Promise<void> {
    return this.seats.releaseMessage(registration, mark);
  }

  eraseProfile(tenantId: string, profileId: string): Promise<void> {
    return this.seats.eraseProfile(tenantId, profileId);
  }
}
