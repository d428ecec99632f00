import type { Logger } from '../logging/logger.js';
import { SYSTEM_TENANT, type JobScheduler } from '../scheduler/job-scheduler.js';

export interface RetentionTask {
  name: string;
  /** Keep data this long. */
  keepMs: number;
  purgeOlderThan(date: Date): Promise<unknown>;
}

export interface Retention {
  /** Runs every task once (what the hourly `retention` job does). */
  runOnce(): Promise<void>;
}

export const RETENTION_JOB = 'retention';
const HOURLY = 3_600_000;

/**
 * Data minimisation: purges what has outlived its purpose. The scheduler runs it hourly as one
 * repeating job, so that with several instances only one of them purges at a time.
 */
export async function scheduleRetention(retention: Retention, scheduler: JobScheduler): Promise<void> {
  scheduler.define(RETENTION_JOB, () => retention.runOnce(), { concurrency: 1 });
  await scheduler.every(RETENTION_JOB, HOURLY, { tenantId: SYSTEM_TENANT });
}

export function createRetention(tasks: readonly RetentionTask[], logger: Logger, clock: () => Date): Retention {
  const runOnce = async (): Promise<void> => {
    for (const task of tasks) {
      try {
        const purged = await task.purgeOlderThan(new Date(clock().getTime() - task.keepMs));
        logger.debug({ task: task.name, purged }, 'retention purge');
      } catch (error) {
        logger.warn({ task: task.name, err: { name: (error as Error).name, message: (error as Error).message } }, 'retention purge failed');
      }
    }
  };
  return { runOnce };
}
