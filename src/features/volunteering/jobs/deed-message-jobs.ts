import type { ProactiveMessenger } from '../../../bot/proactive-messenger.js';
import type { Clock } from '../../../platform/clock.js';
import type { JobDefinition } from '../../feature-module.js';
import { isPast } from '../domain/opportunities/opportunity.js';
import { DEED_FOLLOW_UP_JOB, DEED_WITHDRAWN_JOB, type DeedFollowUpData, type DeedWithdrawnData, type OpportunityService } from '../domain/opportunities/opportunity-service.js';
import { deedFollowUpMessages, deedWithdrawnMessages } from '../dialogs/volunteering-messages.js';

export interface DeedMessageJobs {
  /** "How was it?" some days after a dated deed, asked once. */
  followUp(data: DeedFollowUpData): Promise<void>;
  /** Tells one registered person that staff withdrew the deed, once. */
  tellWithdrawn(data: DeedWithdrawnData): Promise<void>;
  jobs: JobDefinition[];
}

export function deedMessageJobs(opportunities: OpportunityService, messenger: ProactiveMessenger, clock: Clock): DeedMessageJobs {
  async function followUp(data: DeedFollowUpData): Promise<void> {
    const registration = await opportunities.findRegistration(data.tenantId, data.registrationId);
    if (!registration || registration.status !== 'registered' || registration.profileId !== data.profileId || registration.followUpSentAt) return;
    const opportunity = await opportunities.findOpportunity(data.tenantId, registration.opportunityId);
    if (!opportunity || opportunity.status !== 'open') return;
    // Staff moved the deed later (its job was moved too): this run is early, ask nothing.
    if (!isPast(opportunity, clock())) return;
    // Checkpoint first: a job that runs twice asks once.
    if (!(await opportunities.markFollowUpSent(data.tenantId, registration._id))) return;
    try {
      await messenger.sendToProfile(data.tenantId, data.profileId, (t, locale) => deedFollowUpMessages(t, locale, opportunity, registration));
    } catch (error) {
      // Not delivered: let the job retry.
      await opportunities.unmarkFollowUpSent(data.tenantId, registration._id);
      throw error;
    }
  }

  async function tellWithdrawn(data: DeedWithdrawnData): Promise<void> {
    // Checkpoint first: the registration is closed and marked before the message, so a second run tells nobody twice.
    const registration = await opportunities.markCancelledByOrganiser(data.tenantId, data.registrationId, data.profileId);
    if (!registration) return;
    const opportunity = await opportunities.findOpportunity(data.tenantId, registration.opportunityId);
    if (!opportunity) return;
    try {
      await messenger.sendToProfile(data.tenantId, data.profileId, (t, locale) => deedWithdrawnMessages(t, locale, opportunity));
    } catch (error) {
      // Not delivered: unmarked, so that the job's retry tells the person.
      await opportunities.unmarkCancelledByOrganiser(data.tenantId, data.registrationId);
      throw error;
    }
  }

  return {
    followUp,
    tellWithdrawn,
    jobs: [
      { name: DEED_FOLLOW_UP_JOB, run: (data) => followUp(data as DeedFollowUpData) },
      { name: DEED_WITHDRAWN_JOB, run: (data) => tellWithdrawn(data as DeedWithdrawnData) },
    ],
  };
}
