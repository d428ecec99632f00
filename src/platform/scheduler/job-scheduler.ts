/**
 * The job scheduler every feature uses for work at a later time (reminders, follow-ups, broadcast
 * delivery, retention). Backed by agenda 6: on MongoDB through @agendajs/mongo-backend, on the
 * embedded store through our own job repository. Jobs survive restarts; with several instances on
 * one MongoDB each job runs on one instance (agenda's locks).
 *
 * agenda runs a job at least once: a handler that sends messages must tolerate a second run
 * (check what was already sent before sending).
 */

/** Jobs of no municipality (retention) carry this tenant id. */
export const SYSTEM_TENANT = '_system';

/** Every job names its municipality, and the person it concerns if any (for export and erasure). */
export interface JobData {
  tenantId: string;
  /** The profile the job concerns: "delete me" cancels these jobs, "export" lists them. */
  profileId?: string;
}

/**
 * What a handler does with a job that cannot be done (the person was deleted or blocked the bot):
 * return normally; the job is finished and not retried. A handler that throws is retried with
 * back-off up to `maxAttempts` times, then recorded as failed (visible through `failures`).
 */
export type JobHandler<D extends JobData> = (data: D) => Promise<void>;

export interface JobDefinitionOptions {
  /** Runs before the job counts as failed (default 5). */
  maxAttempts?: number;
  /** First back-off delay in ms, doubled on each retry (default 60 000). */
  retryDelayMs?: number;
  /** Jobs of this name that may run at the same time in one instance (default 5). */
  concurrency?: number;
}

export interface ScheduleOptions {
  /**
   * Identity of the job among jobs of the same name and tenant: scheduling again with the same key
   * moves the pending job instead of adding a second one (e.g. `workshop-12:profile-ab:1d`). While
   * that job runs, scheduling waits for it, so a handler must not re-plan its own key.
   */
  key?: string;
}

export interface JobQuery {
  tenantId: string;
  name?: string;
  /** Exact key. */
  key?: string;
  /** Keys that start with this text (e.g. all reminders of one workshop: `workshop-12:`). */
  keyPrefix?: string;
  profileId?: string;
}

export interface ScheduledJob {
  id: string;
  name: string;
  tenantId: string;
  profileId?: string;
  key?: string;
  data: JobData;
  nextRunAt: Date | null;
  lastRunAt?: Date;
  failCount: number;
  failReason?: string;
  /** Set when the job has used up its attempts. */
  failedAt?: Date;
}

export interface JobScheduler {
  /** Registers what a job name does. Call before `start()`. */
  define<D extends JobData>(name: string, handler: JobHandler<D>, options?: JobDefinitionOptions): void;
  /** Plans a job; with a key, replaces the pending job of the same name, tenant and key. */
  schedule<D extends JobData>(name: string, runAt: Date, data: D, options?: ScheduleOptions): Promise<void>;
  /** Plans a job that repeats every `intervalMs` (one per name across all instances), e.g. retention. */
  every<D extends JobData>(name: string, intervalMs: number, data: D): Promise<void>;
  /** Removes pending jobs matching the query; returns how many. */
  cancel(query: JobQuery): Promise<number>;
  /** Pending jobs matching the query, soonest first. */
  pending(query: JobQuery): Promise<ScheduledJob[]>;
  /** Removes jobs that failed for good before this date (retention); returns how many. */
  purgeFailures(olderThan: Date): Promise<number>;
  /** Jobs that used up their attempts, newest first. */
  failures(query: { tenantId: string; name?: string }): Promise<ScheduledJob[]>;
  start(): Promise<void>;
  /** Stops taking new jobs and waits for running ones (bounded). */
  stop(): Promise<void>;
  /**
   * Runs every job due at the clock's current time and waits until they finished. For tests (with
   * a controllable clock) and for operators; the running scheduler does this by itself.
   */
  runDue(): Promise<number>;
}
