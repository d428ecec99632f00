import type { JobScheduler } from '../../../../platform/scheduler/job-scheduler.js';
import { endOf, type Opportunity, type OpportunityRegistration } from './opportunity.js';

/** Asks one registered person how the deed went, some days after it (one job per registration). */
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

/** Plans (or moves: same key) the follow-up `followUpDays` after the deed (default 2); a deed without dates gets none. */
export async function scheduleFollowUp(scheduler: JobScheduler, opportunity: Opportunity, registration: OpportunityRegistration, followUpDays = 2): Promise<void> {
  const end = endOf(opportunity);
  if (!end) {
    await scheduler.cancel({ tenantId: registration.tenantId, name: DEED_FOLLOW_UP_JOB, key: registration._id });
    return;
  }
  const runAt = new Date(end.getTime() + followUpDays * DAY_MS);
  const data: DeedFollowUpData = { tenantId: registration.tenantId, profileId: registration.profileId, registrationId: registration._id };
  await scheduler.schedule(DEED_FOLLOW_UP_JOB, runAt, data, { key: registration._id });
}

/** Tells the person that staff withdrew the deed, and asks nothing afterwards. */
export async function scheduleWithdrawnNotice(scheduler: JobScheduler, registration: OpportunityRegistration, now: Date): Promise<void> {
  await scheduler.cancel({ tenantId: registration.tenantId, name: DEED_FOLLOW_UP_JOB, key: registration._id });
  const data: DeedWithdrawnData = { tenantId: registration.tenantId, profileId: registration.profileId, registrationId: registration._id };
  await scheduler.schedule(DEED_WITHDRAWN_JOB, now, data, { key: registration._id });
}
