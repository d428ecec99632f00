import type { JobScheduler } from '../../platform/scheduler/job-scheduler.js';

/** A job that used up its attempts, as admins see it: what, how often, why, when. Never the job's data. */
export interface FailedJobView {
  name: string;
  failCount: number;
  failReason: string;
  failedAt: Date | null;
}

export interface FailedJobs {
  list(tenantId: string): Promise<FailedJobView[]>;
}

const MAX_SHOWN = 50;

/** The scheduler's failed jobs of one city, reduced to what the console may show. */
export function failedJobs(scheduler: Pick<JobScheduler, 'failures'>): FailedJobs {
  return {
    async list(tenantId) {
      const failures = await scheduler.failures({ tenantId });
      return failures.slice(0, MAX_SHOWN).map((job) => ({
        name: job.name,
        failCount: job.failCount,
        // Reasons are error messages: short, and without line breaks or stack traces.
        failReason: (job.failReason ?? '').split('\n')[0]!.slice(0, 300),
        failedAt: job.failedAt ?? job.lastRunAt ?? null,
      }));
    },
  };
}
