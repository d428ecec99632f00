import { Agenda, Job, type AgendaBackend, type JobParameters, type JobWithState } from 'agenda';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../clock.js';
import type { JobData, JobDefinitionOptions, JobHandler, JobQuery, JobScheduler, ScheduledJob, ScheduleOptions } from './job-scheduler.js';

export interface AgendaSchedulerOptions {
  backend: AgendaBackend;
  logger: Logger;
  clock: Clock;
  /** `manual`: jobs run only through runDue() (tests with a controllable clock). */
  mode: 'automatic' | 'manual';
  /** How often agenda looks for due jobs, in ms (default 5000). */
  processEvery?: number;
  /** Name of this instance in job locks (lastModifiedBy). */
  instanceName?: string;
}

/** Stored with the job's data: the identity that schedule({ key }) replaces. */
interface StoredJobData extends JobData {
  jobKey?: string;
}

const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_RETRY_DELAY_MS = 60_000;
/** A job locked longer than this is taken as crashed and run again (agenda's at-least-once). */
const LOCK_LIFETIME_MS = 10 * 60_000;
const STOP_WAIT_MS = 10_000;
/** How long schedule() waits for a running job of the same key (a job must not re-plan its own key). */
const RUNNING_WAIT_MS = 15_000;
/** runDue() stops after this many runs, in case jobs keep planning more jobs due at once. */
const MAX_RUNS_PER_CALL = 10_000;

/**
 * The JobScheduler over agenda 6. Retries are ours (not agenda's backoff): a failed run is planned
 * again on the app's clock, so that tests move time instead of waiting, and after `maxAttempts`
 * the job stays stored with failedAt and its reason, without a next run.
 */
export function createAgendaScheduler(options: AgendaSchedulerOptions): JobScheduler {
  const { logger, clock } = options;
  const agenda = new Agenda({
    backend: options.backend,
    name: options.instanceName ?? `kosi-${process.pid}`,
    processEvery: options.processEvery ?? 5000,
    defaultLockLifetime: LOCK_LIFETIME_MS,
    removeOnComplete: true,
  });
  agenda.on('error', (error: Error) => logger.error({ err: error.message }, 'scheduler error'));
  let started = false;

  function define<D extends JobData>(name: string, handler: JobHandler<D>, settings: JobDefinitionOptions = {}): void {
    const maxAttempts = settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const retryDelayMs = settings.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    agenda.define<StoredJobData>(
      name,
      async (job) => {
        const attempt = (job.attrs.failCount ?? 0) + 1;
        const { jobKey, ...data } = job.attrs.data;
        void jobKey;
        try {
          await handler(data as D);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (job.attrs.repeatInterval) {
            // A repeating job keeps its rhythm: the next regular run is its retry.
            logger.warn({ job: name, err: reason }, 'repeating job failed');
          } else if (attempt < maxAttempts) {
            // Saved by agenda after the run, together with failCount and failReason.
            job.attrs.nextRunAt = new Date(clock().getTime() + retryDelayMs * 2 ** (attempt - 1));
            logger.warn({ job: name, tenantId: data.tenantId, attempt, err: reason }, 'job failed, will retry');
          } else {
            job.attrs.nextRunAt = null;
            logger.error({ job: name, tenantId: data.tenantId, attempts: attempt, err: reason }, 'job failed for good');
          }
          throw error;
        }
      },
      { concurrency: settings.concurrency ?? 5, lockLifetime: LOCK_LIFETIME_MS },
    );
  }

  async function find(query: JobQuery): Promise<JobWithState<StoredJobData>[]> {
    const data: Record<string, string> = { tenantId: query.tenantId };
    if (query.key) data.jobKey = query.key;
    if (query.profileId) data.profileId = query.profileId;
    const { jobs } = await agenda.queryJobs({ ...(query.name ? { name: query.name } : {}), data });
    return (jobs as JobWithState<StoredJobData>[]).filter((job) => !query.keyPrefix || job.data.jobKey?.startsWith(query.keyPrefix));
  }

  async function untilNotRunning(query: JobQuery): Promise<void> {
    const deadline = Date.now() + RUNNING_WAIT_MS;
    while ((await find(query)).some((job) => job.lockedAt) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async function runDue(): Promise<number> {
    // Each job runs at most once per call: a repeating job (retention) plans its next run from the
    // real time, which a clock moved ahead would find due again and again.
    const ran = new Set<string>();
    const exhausted = new Set<string>();
    for (let more = true; more && ran.size < MAX_RUNS_PER_CALL; ) {
      more = false;
      for (const name of Object.keys(agenda.definitions).filter((candidate) => !exhausted.has(candidate))) {
        // The embedded repository moves real time onto the clock; MongoDB's compares real time. A
        // scan too far ahead is harmless: jobs come soonest first, and one not due is put back.
        const scanUntil = new Date(Math.max(Date.now(), clock().getTime()) + 1000);
        const attrs = await agenda.db.getNextJobToRun(name, scanUntil, new Date(Date.now() - LOCK_LIFETIME_MS), undefined, { lastModifiedBy: 'runDue' });
        if (!attrs) continue;
        if ((attrs.nextRunAt && attrs.nextRunAt > clock()) || ran.has(String(attrs._id))) {
          // Not due on the clock, or already run in this call: leave it for later.
          await agenda.db.unlockJob(attrs);
          exhausted.add(name);
          continue;
        }
        ran.add(String(attrs._id));
        await new Job(agenda, attrs as JobParameters<StoredJobData> & { name: string }, true).run();
        more = true;
      }
    }
    return ran.size;
  }

  return {
    define,

    async schedule<D extends JobData>(name: string, runAt: Date, data: D, settings: ScheduleOptions = {}): Promise<void> {
      // The running job would overwrite the new time when it finishes (and remove the document).
      if (settings.key) await untilNotRunning({ tenantId: data.tenantId, name, key: settings.key });
      const job = agenda.create<StoredJobData>(name, settings.key ? { ...data, jobKey: settings.key } : data);
      if (settings.key) job.unique({ 'data.tenantId': data.tenantId, 'data.jobKey': settings.key });
      job.schedule(runAt);
      // A job planned again after it failed for good starts over.
      job.attrs.failCount = 0;
      await job.save();
    },

    async every<D extends JobData>(name: string, intervalMs: number, data: D): Promise<void> {
      await agenda.every(intervalMs, name, data, { skipImmediate: true });
    },

    async cancel(query: JobQuery): Promise<number> {
      const ids = (await find(query)).filter((job) => !job.lockedAt).map((job) => String(job._id));
      return ids.length === 0 ? 0 : agenda.cancel({ ids });
    },

    async pending(query: JobQuery): Promise<ScheduledJob[]> {
      const jobs = (await find(query)).filter((job) => job.nextRunAt);
      return jobs.map(summary).sort((a, b) => a.nextRunAt!.getTime() - b.nextRunAt!.getTime());
    },

    async purgeFailures(olderThan: Date): Promise<number> {
      const { jobs } = await agenda.queryJobs({});
      const ids = jobs.filter((job) => job.failedAt && job.failedAt < olderThan && !job.nextRunAt && !job.lockedAt).map((job) => String(job._id));
      return ids.length === 0 ? 0 : agenda.cancel({ ids });
    },

    async failures(query: { tenantId: string; name?: string }): Promise<ScheduledJob[]> {
      const jobs = (await find(query)).filter((job) => job.failedAt && !job.nextRunAt);
      return jobs.map(summary).sort((a, b) => b.failedAt!.getTime() - a.failedAt!.getTime());
    },

    async start(): Promise<void> {
      await agenda.ready;
      if (options.mode === 'manual' || started) return;
      await agenda.start();
      started = true;
    },

    async stop(): Promise<void> {
      if (!started) return;
      started = false;
      const result = await agenda.drain({ timeout: STOP_WAIT_MS, closeConnection: false });
      if (result.timedOut) logger.warn({ running: result.running }, 'scheduler stopped with jobs still running; they run again after their lock expires');
    },

    runDue,
  };
}

function summary(job: JobWithState<StoredJobData>): ScheduledJob {
  const { jobKey, ...data } = job.data;
  return {
    id: String(job._id),
    name: job.name,
    tenantId: data.tenantId,
    ...(data.profileId ? { profileId: data.profileId } : {}),
    ...(jobKey ? { key: jobKey } : {}),
    data,
    nextRunAt: job.nextRunAt ?? null,
    ...(job.lastRunAt ? { lastRunAt: job.lastRunAt } : {}),
    failCount: job.failCount ?? 0,
    ...(job.failReason ? { failReason: job.failReason } : {}),
    ...(job.failedAt ? { failedAt: job.failedAt } : {}),
  };
}
