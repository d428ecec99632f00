import type { PersonalDataSource } from './personal-data.js';
import type { JobScheduler } from '../../platform/scheduler/job-scheduler.js';

/** Planned jobs about a person (reminders, follow-ups): exported with their time, cancelled on erasure. */
export function scheduledJobsDataSource(scheduler: JobScheduler): PersonalDataSource {
  return {
    section: 'scheduledMessages',
    async export(subject) {
      if (!subject.profileId) return null;
      const jobs = await scheduler.pending({ tenantId: subject.tenantId, profileId: subject.profileId });
      return jobs.length === 0 ? null : jobs.map((job) => ({ kind: job.name, due: job.nextRunAt }));
    },
    async erase(subject) {
      if (subject.profileId) await scheduler.cancel({ tenantId: subject.tenantId, profileId: subject.profileId });
    },
  };
}
