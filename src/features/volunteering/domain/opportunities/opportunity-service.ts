import type { OpportunityMatch } from './matching.js';
import type { Opportunity, OpportunityInput, OpportunityRegistration } from './opportunity.js';
import { OpportunityCatalogue, type OpportunityDetails, type OpportunityWithRegistrations, type WithdrawOutcome } from './opportunity-catalogue.js';
import { OpportunityRegistrations, type RegisterResult } from './opportunity-registrations.js';
import type { OpportunityServiceOptions } from './opportunity-service-options.js';

export { DEED_FOLLOW_UP_JOB, DEED_WITHDRAWN_JOB, type DeedFollowUpData, type DeedWithdrawnData } from './deed-jobs.js';
export { matchProfileOf, OpportunityCatalogue, type OpportunityCatalogueOptions, type OpportunityDetails, type OpportunityWithRegistrations, type WithdrawOutcome } from './opportunity-catalogue.js';
export { OpportunityRegistrations, type RegisterResult, type Unavailable } from './opportunity-registrations.js';
export type { OpportunityServiceOptions, StaffEvent } from './opportunity-service-options.js';

type RegistrationWithDeed = { registration: OpportunityRegistration; opportunity: Opportunity | null };

/**
 * Good deeds, for the chat and the staff console: the catalogue (matching, staff management) and
 * the registrations ("Ich mache mit", withdrawal, feedback).
 */
export class OpportunityService {
  private readonly catalogue: OpportunityCatalogue;
  private readonly registrations: OpportunityRegistrations;
  private readonly repository: OpportunityServiceOptions['repository'];

  constructor(options: OpportunityServiceOptions) {
    this.repository = options.repository;
    this.catalogue = new OpportunityCatalogue(options);
    this.registrations = new OpportunityRegistrations(options);
  }

  // ----- the catalogue -----

  matchesFor(tenantId: string, profileId: string | null): Promise<OpportunityMatch[]> {
    return this.catalogue.matchesFor(tenantId, profileId);
  }

  details(tenantId: string, opportunityId: string, profileId: string | null): Promise<OpportunityDetails | null> {
    return this.catalogue.details(tenantId, opportunityId, profileId);
  }

  findOpportunity(tenantId: string, opportunityId: string): Promise<Opportunity | null> {
    return this.catalogue.findOpportunity(tenantId, opportunityId);
  }

  create(tenantId: string, input: OpportunityInput): Promise<Opportunity> {
    return this.catalogue.create(tenantId, input);
  }

  update(tenantId: string, id: string, changes: Partial<OpportunityInput>): Promise<Opportunity | null> {
    return this.catalogue.update(tenantId, id, changes);
  }

  withdrawOpportunity(tenantId: string, id: string): Promise<WithdrawOutcome | null> {
    return this.catalogue.withdrawOpportunity(tenantId, id);
  }

  listWithRegistrations(tenantId: string): Promise<OpportunityWithRegistrations[]> {
    return this.catalogue.listWithRegistrations(tenantId);
  }

  registrationsOfOpportunity(tenantId: string, opportunityId: string): Promise<OpportunityRegistration[]> {
    return this.catalogue.registrationsOfOpportunity(tenantId, opportunityId);
  }

  recentRegistrations(tenantId: string, limit: number): Promise<RegistrationWithDeed[]> {
    return this.catalogue.recentRegistrations(tenantId, limit);
  }

  // ----- registrations -----

  register(tenantId: string, opportunityId: string, profileId: string): Promise<RegisterResult> {
    return this.registrations.register(tenantId, opportunityId, profileId);
  }

  registrationsOf(tenantId: string, profileId: string): Promise<RegistrationWithDeed[]> {
    return this.registrations.registrationsOf(tenantId, profileId);
  }

  withdrawRegistration(tenantId: string, registrationId: string, profileId: string): Promise<OpportunityRegistration | null> {
    return this.registrations.withdrawRegistration(tenantId, registrationId, profileId);
  }

  findRegistration(tenantId: string, registrationId: string): Promise<OpportunityRegistration | null> {
    return this.registrations.findRegistration(tenantId, registrationId);
  }

  markFollowUpSent(tenantId: string, registrationId: string): Promise<boolean> {
    return this.registrations.markFollowUpSent(tenantId, registrationId);
  }

  saveRating(tenantId: string, registrationId: string, profileId: string, rating: number): Promise<OpportunityRegistration | null> {
    return this.registrations.saveRating(tenantId, registrationId, profileId, rating);
  }

  saveComment(tenantId: string, registrationId: string, profileId: string, comment: string): Promise<OpportunityRegistration | null> {
    return this.registrations.saveComment(tenantId, registrationId, profileId, comment);
  }

  notifyContactAdded(tenantId: string, registrationId: string, profileId: string): Promise<boolean> {
    return this.registrations.notifyContactAdded(tenantId, registrationId, profileId);
  }

  noteErasure(tenantId: string, profileId: string): Promise<void> {
    return this.registrations.noteErasure(tenantId, profileId);
  }

  markCancelledByOrganiser(tenantId: string, registrationId: string, profileId: string): Promise<OpportunityRegistration | null> {
    return this.registrations.markCancelledByOrganiser(tenantId, registrationId, profileId);
  }

  unmarkCancelledByOrganiser(tenantId: string, registrationId: string): Promise<void> {
    return this.registrations.unmarkCancelledByOrganiser(tenantId, registrationId);
  }

  /** The follow-up was not delivered: the job's retry asks again. */
  async unmarkFollowUpSent(tenantId: string, registrationId: string): Promise<void> {
    await this.repository.updateRegistration(tenantId, registrationId, { $unset: { followUpSentAt: true } });
  }

  /** "Delete me": the organisation learns that the registrations ended (without who it was), then they are gone. */
  async eraseRegistrationsOf(tenantId: string, profileId: string): Promise<void> {
    await this.registrations.noteErasure(tenantId, profileId);
    await this.repository.deleteRegistrationsOfProfile(tenantId, profileId);
  }

  /** How many deeds a city has (the demo content loads only into an empty catalogue). */
  count(tenantId: string): Promise<number> {
    return this.repository.count(tenantId);
  }
}
