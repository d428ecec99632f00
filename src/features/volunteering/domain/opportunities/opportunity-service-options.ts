import type { JobScheduler } from '../../../../platform/scheduler/job-scheduler.js';
import type { StaffNoticeService } from '../../../../staff/notices/staff-notices.js';
import type { VolunteerProfile } from '../volunteers/volunteer-profile.js';
import type { Opportunity, OpportunityRegistration } from './opportunity.js';
import type { OpportunityRepository } from './opportunity-repository.js';

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
