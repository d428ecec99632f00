import type { Logger } from '../logging/logger.js';
import type { DocumentStore } from '../store/document-store.js';
import type { Clock } from '../domain/profiles/profile-service.js';
import type { JobScheduler } from './job-scheduler.js';

export interface SchedulerOptions {
  store: DocumentStore;
  logger: Logger;
  clock: Clock;
}

// PROVISIONAL (being replaced by the agenda-backed scheduler within this change).
export async function openJobScheduler(options: SchedulerOptions): Promise<JobScheduler> {
  void options;
  return {
    define() {},
    async schedule() {},
    async cancel() { return 0; },
    async pending() { return []; },
    async failures() { return []; },
    async start() {},
    async stop() {},
    async runDue() { return 0; },
  };
}
