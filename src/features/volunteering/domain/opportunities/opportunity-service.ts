import { randomUUID } from 'node:crypto';
import { DuplicateKeyError } from '../../../../platform/store/document-store.js';
import type { JobScheduler } from '../../../../platform/scheduler/job-scheduler.js';
import type { StaffNotice, StaffNoticeService } from '../../../../staff/notices/staff-notices.js';
import type { VolunteerProfile } from '../volunteers/volunteer-profile.js';
import { rankOpportunities, type MatchProfile, type OpportunityMatch } from './matching.js';
import { endOf, isPast, type Opportunity, type OpportunityInput, type OpportunityRegistration } from './opportunity.js';
import { registrationIdFor, type OpportunityRepository } from './opportunity-repository.js';
import { partialUpdate } from '../../../../platform/store/partial-update.js';

export const DEED_FOLLOW_UP_JOB = 'deed-follow-up';
/** Tells one registered person that staff withdrew the deed (one job per registration). */
export const DEED_WITHDRAWN_JOB = 'deed-withdrawn-notice';
const DAY_MS = 86_400_000;

export interface DeedFollowUpData {
  tenantId: string;
  profileId: string;
  registrationId: string;
}

export type DeedWithdrawnData = DeedFollowUpData;

/** What staff may change on a deed (anything else in `changes` is ignored). */
const EDITABLE: ReadonlyArray<keyof OpportunityInput> = [
  'title', 'organisation', 'description', 'district', 'online', 'startsAt', 'endsAt', 'timeNeeded', 'hoursPerMonth', 'slots', 'interests', 'skills', 'places', 'contact',
];

/** Why a deed cannot be joined (any more). */
export type Unavailable = 'withdrawn' | 'full' | 'past';

export type RegisterResult =
  /** `staffEmailedTo`: where the notice was e-mailed (absent: it is only in the staff console). */
  | { status: 'registered'; opportunity: Opportunity; registration: OpportunityRegistration; staffEmailedTo?: string }
  | { status: 'already'; opportunity: Opportunity; registration: OpportunityRegistration }
  | { status: Unavailable; opportunity: Opportunity }
  | { status: 'unknown' };

export interface StaffEvent {
  kind: 'registration' | 'withdrawal' | 'contactAdded';
  tenantId: string;
  opportunity: Opportunity;
  volunteer: VolunteerProfile | null;
  registration: OpportunityRegistration;
}

export interface OpportunityServiceOptions {
  repository: OpportunityRepository;
  notices: StaffNoticeService;
  scheduler: JobScheduler;
  clock: () => Date;
  /** The volunteer profile of a person (for matching and for the staff notice). */
  volunteerOf(tenantId: string, profileId: string): Promise<VolunteerProfile | null>;
  /** Subject and text of a staff notice, in the city's language. */
  staffText(event: StaffEvent): { subject: string; text: string };
  /** The city's staff address (tenant.staffEmail), if any. */
  staffEmailOf(tenantId: string): string | undefined;
  /** Subject of the notice, without personal data, when a person's registration ends with their erasure. */
  erasureSubject(tenantId: string, opportunity: Opportunity): string;
  /** Days after a dated deed when the person is asked how it went. */
  followUpDays?: number;
}

export interface OpportunityDetails {
  opportunity: Opportunity;
  placesLeft: number;
  /** Null when it can be joined. */
  unavailable: Unavailable | null;
  registration: OpportunityRegistration | null;
}

export interface OpportunityWithRegistrations {
  opportunity: Opportunity;
  registrations: OpportunityRegistration[];
}

export interface WithdrawOutcome extends OpportunityWithRegistrations {
  /** False when the deed had already been withdrawn (nobody is told twice). */
  changed: boolean;
}

export function matchProfileOf(volunteer: VolunteerProfile | null): MatchProfile | null {
  if (!volunteer) return null;
  return { interests: volunteer.interests, district: volunteer.district, slots: volunteer.slots, hoursPerMonth: volunteer.hoursPerMonth, skills: volunteer.skills };
}

/** Good deeds: matching, registration ("Ich mache mit"), withdrawal, feedback, and staff management. */
export class OpportunityService {
  private readonly repository: OpportunityRepository;

  constructor(private readonly options: OpportunityServiceOptions) {
    this.repository = options.repository;
  }

  /** Every deed the person can still join, best first. */
  async matchesFor(tenantId: string, profileId: string | null): Promise<OpportunityMatch[]> {
    const [opportunities, volunteer, mine] = await Promise.all([
      this.repository.listOpen(tenantId),
      profileId ? this.options.volunteerOf(tenantId, profileId) : Promise.resolve(null),
      profileId ? this.repository.registrationsOfProfile(tenantId, profileId) : Promise.resolve([]),
    ]);
    const taken = await this.repository.takenPlaces(tenantId, opportunities.map((opportunity) => opportunity._id));
    const exclude = new Set(mine.filter((registration) => registration.status === 'registered').map((registration) => registration.opportunityId));
    return rankOpportunities({ opportunities, taken, profile: matchProfileOf(volunteer), now: this.options.clock(), exclude });
  }

  async details(tenantId: string, opportunityId: string, profileId: string | null): Promise<OpportunityDetails | null> {
    const opportunity = await this.repository.findById(tenantId, opportunityId);
    if (!opportunity) return null;
    const taken = await this.repository.countRegistered(tenantId, opportunityId);
    const registration = profileId ? await this.repository.findRegistrationOf(tenantId, opportunityId, profileId) : null;
    const placesLeft = Math.max(0, opportunity.places - taken);
    return { opportunity, placesLeft, unavailable: this.unavailable(opportunity, placesLeft), registration };
  }

  /** "Ich mache mit": stored once per person and deed, however often it is pressed. */
  async register(tenantId: string, opportunityId: string, profileId: string): Promise<RegisterResult> {
    const opportunity = await this.repository.findById(tenantId, opportunityId);
    if (!opportunity) return { status: 'unknown' };
    const id = registrationIdFor(tenantId, opportunityId, profileId);
    const existing = await this.repository.findRegistration(tenantId, id);
    if (existing?.status === 'registered') return { status: 'already', opportunity, registration: existing };
    const unavailable = this.unavailable(opportunity, opportunity.places - (await this.repository.countRegistered(tenantId, opportunityId)));
    if (unavailable) return { status: unavailable, opportunity };

    const now = this.options.clock();
    let registration: OpportunityRegistration | null;
    if (existing) {
      // Joining again after a withdrawal: the same record, active again (earlier feedback is kept).
      registration = await this.repository.updateRegistration(
        tenantId,
        id,
        { $set: { status: 'registered', registeredAt: now }, $unset: { withdrawnAt: true, followUpSentAt: true, cancelledByOrganiserAt: true } },
        { status: 'withdrawn' },
      );
      if (!registration) return this.alreadyOr(tenantId, id, opportunity);
    } else {
      try {
        registration = await this.repository.insertRegistration({ _id: id, tenantId, opportunityId, profileId, status: 'registered', registeredAt: now });
      } catch (error) {
        if (error instanceof DuplicateKeyError) return this.alreadyOr(tenantId, id, opportunity);
        throw error;
      }
    }
    // Two people took the last place at the same moment: the later one steps back.
    if ((await this.repository.countRegistered(tenantId, opportunityId)) > opportunity.places) {
      const others = (await this.repository.registrationsOf(tenantId, opportunityId)).filter((other) => other.status === 'registered');
      const lastIn = others.sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime() || a._id.localeCompare(b._id)).slice(opportunity.places);
      if (lastIn.some((other) => other._id === id)) {
        await this.repository.updateRegistration(tenantId, id, { $set: { status: 'withdrawn', withdrawnAt: now } });
        return { status: 'full', opportunity };
      }
    }
    await this.scheduleFollowUp(opportunity, registration);
    const notice = await this.notifyStaff('registration', opportunity, registration);
    return { status: 'registered', opportunity, registration, ...(notice.emailedTo ? { staffEmailedTo: notice.emailedTo } : {}) };
  }

  /** The person's registrations (active first), with their deeds. */
  async registrationsOf(tenantId: string, profileId: string): Promise<Array<{ registration: OpportunityRegistration; opportunity: Opportunity | null }>> {
    const registrations = await this.repository.registrationsOfProfile(tenantId, profileId);
    const opportunities = await this.repository.findByIds(tenantId, [...new Set(registrations.map((registration) => registration.opportunityId))]);
    const byId = new Map(opportunities.map((opportunity) => [opportunity._id, opportunity]));
    return registrations
      .map((registration) => ({ registration, opportunity: byId.get(registration.opportunityId) ?? null }))
      .sort((a, b) => Number(b.registration.status === 'registered') - Number(a.registration.status === 'registered'));
  }

  /** Withdraws the person's own registration; false when there is none active. */
  async withdrawRegistration(tenantId: string, registrationId: string, profileId: string): Promise<OpportunityRegistration | null> {
    const now = this.options.clock();
    const registration = await this.repository.updateRegistration(tenantId, registrationId, { $set: { status: 'withdrawn', withdrawnAt: now } }, { profileId, status: 'registered' });
    if (!registration) return null;
    await this.options.scheduler.cancel({ tenantId, name: DEED_FOLLOW_UP_JOB, key: registrationId });
    const opportunity = await this.repository.findById(tenantId, registration.opportunityId);
    if (opportunity) await this.notifyStaff('withdrawal', opportunity, registration);
    return registration;
  }

  findRegistration(tenantId: string, registrationId: string): Promise<OpportunityRegistration | null> {
    return this.repository.findRegistration(tenantId, registrationId);
  }

  findOpportunity(tenantId: string, opportunityId: string): Promise<Opportunity | null> {
    return this.repository.findById(tenantId, opportunityId);
  }

  /** Marks that the follow-up went out; false when it already had (a job that runs twice asks once). */
  async markFollowUpSent(tenantId: string, registrationId: string): Promise<boolean> {
    const marked = await this.repository.updateRegistration(tenantId, registrationId, { $set: { followUpSentAt: this.options.clock() } }, { followUpSentAt: { $exists: false } });
    return marked !== null;
  }

  /** A rating (pressed again: the new rating; a comment given before stays). */
  async saveRating(tenantId: string, registrationId: string, profileId: string, rating: number): Promise<OpportunityRegistration | null> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) return null;
    return this.repository.updateRegistration(tenantId, registrationId, { $set: { 'feedback.rating': rating, 'feedback.at': this.options.clock() } }, { profileId });
  }

  /** The person added a way to reach them after registering: staff get the registration's notice again. */
  async notifyContactAdded(tenantId: string, registrationId: string, profileId: string): Promise<boolean> {
    const registration = await this.repository.findRegistration(tenantId, registrationId);
    if (registration?.profileId !== profileId || registration.status !== 'registered') return false;
    const opportunity = await this.repository.findById(tenantId, registration.opportunityId);
    if (!opportunity) return false;
    await this.notifyStaff('contactAdded', opportunity, registration);
    return true;
  }

  /**
   * "Delete me": the organisation learns that a registration ended, without anything about the
   * person (the notice has no profile id, so the erasure keeps it).
   */
  async noteErasure(tenantId: string, profileId: string): Promise<void> {
    const active = (await this.repository.registrationsOfProfile(tenantId, profileId)).filter((registration) => registration.status === 'registered');
    for (const registration of active) {
      const opportunity = await this.repository.findById(tenantId, registration.opportunityId);
      if (!opportunity || opportunity.status !== 'open' || isPast(opportunity, this.options.clock())) continue;
      const subject = this.options.erasureSubject(tenantId, opportunity);
      await this.options.notices.record(tenantId, { kind: 'withdrawal', opportunityId: opportunity._id, subject, emailTo: this.emailOf(opportunity), emailText: subject });
    }
  }

  /** Checkpoint of the "deed withdrawn" message: false when the person was told already (or withdrew). */
  async markCancelledByOrganiser(tenantId: string, registrationId: string, profileId: string): Promise<OpportunityRegistration | null> {
    const now = this.options.clock();
    return this.repository.updateRegistration(tenantId, registrationId, { $set: { status: 'withdrawn', withdrawnAt: now, cancelledByOrganiserAt: now } }, { profileId, status: 'registered' });
  }

  /** The message could not go out: undone, so that the job's retry tells the person. */
  async unmarkCancelledByOrganiser(tenantId: string, registrationId: string): Promise<void> {
    await this.repository.updateRegistration(tenantId, registrationId, { $set: { status: 'registered' }, $unset: { withdrawnAt: true, cancelledByOrganiserAt: true } }, { cancelledByOrganiserAt: { $exists: true } });
  }

  async saveComment(tenantId: string, registrationId: string, profileId: string, comment: string): Promise<OpportunityRegistration | null> {
    return this.repository.updateRegistration(tenantId, registrationId, { $set: { 'feedback.comment': comment.slice(0, 1000) } }, { profileId, feedback: { $exists: true } });
  }

  // Staff console

  async create(tenantId: string, input: OpportunityInput): Promise<Opportunity> {
    const now = this.options.clock();
    return this.repository.insert({ ...input, _id: `o${randomUUID().replaceAll('-', '').slice(0, 12)}`, tenantId, status: 'open', createdAt: now, updatedAt: now });
  }

  /** Changes what staff may change; new dates move the follow-up of everyone registered. */
  async update(tenantId: string, id: string, changes: Partial<OpportunityInput>): Promise<Opportunity | null> {
    const update = partialUpdate(changes, EDITABLE, { updatedAt: this.options.clock() });
    const before = await this.repository.findById(tenantId, id);
    if (!before) return null;
    const updated = await this.repository.update(tenantId, id, update);
    if (updated && endOf(before)?.getTime() !== endOf(updated)?.getTime()) {
      for (const registration of await this.activeRegistrations(tenantId, id)) await this.scheduleFollowUp(updated, registration);
    }
    return updated;
  }

  /**
   * Withdraws a deed: not offered any more; follow-ups are cancelled, and each registered person is
   * told through a job of their own (a failure for one does not leave the others uninformed). A
   * second withdrawal changes nothing and tells nobody again.
   */
  async withdrawOpportunity(tenantId: string, id: string): Promise<WithdrawOutcome | null> {
    const now = this.options.clock();
    const opportunity = await this.repository.update(tenantId, id, { $set: { status: 'withdrawn', updatedAt: now } }, { status: 'open' });
    if (!opportunity) {
      const existing = await this.repository.findById(tenantId, id);
      return existing ? { opportunity: existing, registrations: await this.repository.registrationsOf(tenantId, id), changed: false } : null;
    }
    const registrations = await this.repository.registrationsOf(tenantId, id);
    for (const registration of registrations.filter((candidate) => candidate.status === 'registered')) {
      await this.options.scheduler.cancel({ tenantId, name: DEED_FOLLOW_UP_JOB, key: registration._id });
      const data: DeedWithdrawnData = { tenantId, profileId: registration.profileId, registrationId: registration._id };
      await this.options.scheduler.schedule(DEED_WITHDRAWN_JOB, now, data, { key: registration._id });
    }
    return { opportunity, registrations, changed: true };
  }

  /** Every deed of the city with its registrations (two queries, whatever the number of deeds). */
  async listWithRegistrations(tenantId: string): Promise<OpportunityWithRegistrations[]> {
    const opportunities = await this.repository.listAll(tenantId);
    const registrations = await this.repository.registrationsOfMany(tenantId, opportunities.map((opportunity) => opportunity._id));
    const byDeed = new Map<string, OpportunityRegistration[]>();
    for (const registration of registrations) byDeed.set(registration.opportunityId, [...(byDeed.get(registration.opportunityId) ?? []), registration]);
    return opportunities.map((opportunity) => ({ opportunity, registrations: byDeed.get(opportunity._id) ?? [] }));
  }

  /** Everyone registered for one deed (active and withdrawn), oldest first. */
  registrationsOfOpportunity(tenantId: string, opportunityId: string): Promise<OpportunityRegistration[]> {
    return this.repository.registrationsOf(tenantId, opportunityId);
  }

  /** The city's newest active registrations with their deeds, newest first. */
  async recentRegistrations(tenantId: string, limit: number): Promise<Array<{ registration: OpportunityRegistration; opportunity: Opportunity | null }>> {
    const registrations = await this.repository.recentRegistrations(tenantId, limit);
    const opportunities = await this.repository.findByIds(tenantId, [...new Set(registrations.map((registration) => registration.opportunityId))]);
    const byId = new Map(opportunities.map((opportunity) => [opportunity._id, opportunity]));
    return registrations.map((registration) => ({ registration, opportunity: byId.get(registration.opportunityId) ?? null }));
  }

  private unavailable(opportunity: Opportunity, placesLeft: number): Unavailable | null {
    if (opportunity.status === 'withdrawn') return 'withdrawn';
    if (isPast(opportunity, this.options.clock())) return 'past';
    if (placesLeft <= 0) return 'full';
    return null;
  }

  private async alreadyOr(tenantId: string, id: string, opportunity: Opportunity): Promise<RegisterResult> {
    const current = await this.repository.findRegistration(tenantId, id);
    return current?.status === 'registered' ? { status: 'already', opportunity, registration: current } : { status: 'full', opportunity };
  }

  private async activeRegistrations(tenantId: string, opportunityId: string): Promise<OpportunityRegistration[]> {
    return (await this.repository.registrationsOf(tenantId, opportunityId)).filter((registration) => registration.status === 'registered');
  }

  /** Plans (or moves: same key) the follow-up; a deed without dates gets none. */
  private async scheduleFollowUp(opportunity: Opportunity, registration: OpportunityRegistration): Promise<void> {
    const end = endOf(opportunity);
    if (!end) {
      await this.options.scheduler.cancel({ tenantId: registration.tenantId, name: DEED_FOLLOW_UP_JOB, key: registration._id });
      return;
    }
    const runAt = new Date(end.getTime() + (this.options.followUpDays ?? 2) * DAY_MS);
    const data: DeedFollowUpData = { tenantId: registration.tenantId, profileId: registration.profileId, registrationId: registration._id };
    await this.options.scheduler.schedule(DEED_FOLLOW_UP_JOB, runAt, data, { key: registration._id });
  }

  /** The deed's own contact address first, else the city's staff address. */
  private emailOf(opportunity: Opportunity): string | undefined {
    return opportunity.contact.email ?? this.options.staffEmailOf(opportunity.tenantId);
  }

  private async notifyStaff(kind: StaffEvent['kind'], opportunity: Opportunity, registration: OpportunityRegistration): Promise<StaffNotice> {
    const volunteer = await this.options.volunteerOf(registration.tenantId, registration.profileId);
    const { subject, text } = this.options.staffText({ kind, tenantId: registration.tenantId, opportunity, volunteer, registration });
    return this.options.notices.record(registration.tenantId, {
      kind,
      profileId: registration.profileId,
      opportunityId: opportunity._id,
      registrationId: registration._id,
      subject,
      emailTo: this.emailOf(opportunity),
      emailText: text,
    });
  }
}
