import { randomUUID } from 'node:crypto';
import { partialUpdate } from '../../../../platform/store/partial-update.js';
import type { VolunteerProfile } from '../volunteers/volunteer-profile.js';
import { rankOpportunities, type MatchProfile, type OpportunityMatch } from './matching.js';
import { endOf, type Opportunity, type OpportunityInput, type OpportunityRegistration } from './opportunity.js';
import type { OpportunityRepository } from './opportunity-repository.js';
import { scheduleFollowUp, scheduleWithdrawnNotice } from './deed-jobs.js';
import { unavailableReason, type Unavailable } from './opportunity-registrations.js';
import type { OpportunityServiceOptions } from './opportunity-service-options.js';

export type OpportunityCatalogueOptions = Pick<OpportunityServiceOptions, 'repository' | 'scheduler' | 'clock' | 'volunteerOf' | 'followUpDays'>;

/** What staff may change on a deed (anything else in `changes` is ignored). */
const EDITABLE: ReadonlyArray<keyof OpportunityInput> = [
  'title', 'organisation', 'description', 'district', 'online', 'startsAt', 'endsAt', 'timeNeeded', 'hoursPerMonth', 'slots', 'interests', 'skills', 'places', 'contact', 'translations',
];

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

/** The good deeds on offer: matched for a person in the chat, managed by staff in the console. */
export class OpportunityCatalogue {
  private readonly repository: OpportunityRepository;

  constructor(private readonly options: OpportunityCatalogueOptions) {
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
    return { opportunity, placesLeft, unavailable: unavailableReason(opportunity, placesLeft, this.options.clock()), registration };
  }

  findOpportunity(tenantId: string, opportunityId: string): Promise<Opportunity | null> {
    return this.repository.findById(tenantId, opportunityId);
  }

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
      for (const registration of await this.activeRegistrations(tenantId, id)) await scheduleFollowUp(this.options.scheduler, updated, registration, this.options.followUpDays);
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
      await scheduleWithdrawnNotice(this.options.scheduler, registration, now);
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

  private async activeRegistrations(tenantId: string, opportunityId: string): Promise<OpportunityRegistration[]> {
    return (await this.repository.registrationsOf(tenantId, opportunityId)).filter((registration) => registration.status === 'registered');
  }
}
