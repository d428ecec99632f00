import { DuplicateKeyError } from '../../../../platform/store/document-store.js';
import type { StaffNotice } from '../../../../staff/notices/staff-notices.js';
import { isPast, type Opportunity, type OpportunityRegistration } from './opportunity.js';
import { registrationIdFor, type OpportunityRepository } from './opportunity-repository.js';
import { DEED_FOLLOW_UP_JOB, scheduleFollowUp } from './deed-jobs.js';
import type { OpportunityServiceOptions, StaffEvent } from './opportunity-service-options.js';

/** Why a deed cannot be joined (any more). */
export type Unavailable = 'withdrawn' | 'full' | 'past';

export type RegisterResult =
  /** `staffEmailedTo`: where the notice was e-mailed (absent: it is only in the staff console). */
  | { status: 'registered'; opportunity: Opportunity; registration: OpportunityRegistration; staffEmailedTo?: string }
  | { status: 'already'; opportunity: Opportunity; registration: OpportunityRegistration }
  | { status: Unavailable; opportunity: Opportunity }
  | { status: 'unknown' };

export function unavailableReason(opportunity: Opportunity, placesLeft: number, now: Date): Unavailable | null {
  if (opportunity.status === 'withdrawn') return 'withdrawn';
  if (isPast(opportunity, now)) return 'past';
  if (placesLeft <= 0) return 'full';
  return null;
}

/**
 * A person's registrations for good deeds: "Ich mache mit" and withdrawing (staff are told each
 * time), the follow-up and its feedback, the checkpoints of the messages, and erasure.
 */
export class OpportunityRegistrations {
  private readonly repository: OpportunityRepository;

  constructor(private readonly options: OpportunityServiceOptions) {
    this.repository = options.repository;
  }

  /** "Ich mache mit": stored once per person and deed, however often it is pressed. */
  async register(tenantId: string, opportunityId: string, profileId: string): Promise<RegisterResult> {
    const opportunity = await this.repository.findById(tenantId, opportunityId);
    if (!opportunity) return { status: 'unknown' };
    const id = registrationIdFor(tenantId, opportunityId, profileId);
    const existing = await this.repository.findRegistration(tenantId, id);
    if (existing?.status === 'registered') return { status: 'already', opportunity, registration: existing };
    const unavailable = unavailableReason(opportunity, opportunity.places - (await this.repository.countRegistered(tenantId, opportunityId)), this.options.clock());
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
    await scheduleFollowUp(this.options.scheduler, opportunity, registration, this.options.followUpDays);
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

  /** Withdraws the person's own registration; null when there is none active. */
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

  /** A comment on the rating given before (none without a rating). */
  async saveComment(tenantId: string, registrationId: string, profileId: string, comment: string): Promise<OpportunityRegistration | null> {
    return this.repository.updateRegistration(tenantId, registrationId, { $set: { 'feedback.comment': comment.slice(0, 1000) } }, { profileId, feedback: { $exists: true } });
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

  /** Checkpoint of the "deed withdrawn" message: null when the person was told already (or withdrew). */
  async markCancelledByOrganiser(tenantId: string, registrationId: string, profileId: string): Promise<OpportunityRegistration | null> {
    const now = this.options.clock();
    return this.repository.updateRegistration(tenantId, registrationId, { $set: { status: 'withdrawn', withdrawnAt: now, cancelledByOrganiserAt: now } }, { profileId, status: 'registered' });
  }

  /** The message could not go out: undone, so that the job's retry tells the person. */
  async unmarkCancelledByOrganiser(tenantId: string, registrationId: string): Promise<void> {
    await this.repository.updateRegistration(tenantId, registrationId, { $set: { status: 'registered' }, $unset: { withdrawnAt: true, cancelledByOrganiserAt: true } }, { cancelledByOrganiserAt: { $exists: true } });
  }

  private async alreadyOr(tenantId: string, id: string, opportunity: Opportunity): Promise<RegisterResult> {
    const current = await this.repository.findRegistration(tenantId, id);
    return current?.status === 'registered' ? { status: 'already', opportunity, registration: current } : { status: 'full', opportunity };
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
