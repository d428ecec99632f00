import { createHash, randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import {
  computeJobState,
  toJobId,
  type JobParameters,
  type JobRepository,
  type JobRepositoryOptions,
  type JobsOverview,
  type JobsQueryOptions,
  type JobsResult,
  type JobState,
  type JobWithState,
  type RemoveJobsOptions,
} from 'agenda';
import type { Clock } from '../clock.js';
import { SYSTEM_TENANT } from './job-scheduler.js';
import type { CollectionDefinition, DocumentCollection, DocumentStore, Filter, StoredDocument } from '../store/document-store.js';


/** A job as the embedded store keeps it: agenda's fields, with explicit nulls so that filters on null match. */
interface JobDocument extends StoredDocument {
  name: string;
  priority: number;
  nextRunAt: Date | null;
  type: 'normal' | 'single';
  lockedAt: Date | null;
  lastRunAt: Date | null;
  lastFinishedAt: Date | null;
  failedAt: Date | null;
  failCount: number | null;
  failReason: string | null;
  data: unknown;
  disabled: boolean;
  progress: number | null;
  repeatInterval: string | number | null;
  repeatAt: string | null;
  repeatTimezone: string | null;
  lastModifiedBy: string | null;
}

const jobSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    name: { type: String, required: true, maxlength: 200 },
    priority: { type: Number, default: 0 },
    nextRunAt: { type: Date, default: null },
    type: { type: String, enum: ['normal', 'single'], default: 'normal' },
    lockedAt: { type: Date, default: null },
    lastRunAt: { type: Date, default: null },
    lastFinishedAt: { type: Date, default: null },
    failedAt: { type: Date, default: null },
    failCount: { type: Number, default: null },
    failReason: { type: String, default: null, maxlength: 2000 },
    data: { type: Schema.Types.Mixed },
    disabled: { type: Boolean, default: false },
    progress: { type: Number, default: null },
    repeatInterval: { type: Schema.Types.Mixed, default: null },
    repeatAt: { type: String, default: null },
    repeatTimezone: { type: String, default: null },
    lastModifiedBy: { type: String, default: null },
  },
  { versionKey: false, minimize: false },
);

export const jobsCollection: CollectionDefinition = {
  name: 'agendaJobs',
  schema: jobSchema,
  indexes: [{ fields: { name: 1, nextRunAt: 1 } }, { fields: { tenantId: 1, 'data.profileId': 1 } }],
};

/**
 * agenda's job repository over the embedded document store: one process owns the files, so a mutex
 * makes find-and-lock atomic. Time comes from the app's clock, so tests can move time forward
 * without waiting: agenda passes scan deadlines computed from the real time, which are shifted by
 * the clock's offset.
 */
export class EmbeddedJobRepository implements JobRepository {
  private readonly jobs: DocumentCollection<JobDocument>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    store: DocumentStore,
    private readonly clock: Clock,
  ) {
    this.jobs = store.collection<JobDocument>(jobsCollection);
  }

  async connect(): Promise<void> {}

  async queryJobs(options: JobsQueryOptions = {}): Promise<JobsResult> {
    const now = this.clock();
    const filter: Filter = { ...this.filterOf(options), ...(options.includeDisabled === false ? { disabled: { $ne: true } } : {}) };
    const sortField = options.sort ? Object.keys(options.sort)[0] : undefined;
    const sort = sortField ? { [sortField]: (options.sort as Record<string, 1 | -1>)[sortField]! } : { nextRunAt: 1 as const };
    let jobs: JobWithState[] = (await this.jobs.find(filter, { sort })).map((doc) => {
      const params = toParameters(doc);
      return { ...params, _id: params._id!, state: computeJobState(params, now) };
    });
    if (options.state) jobs = jobs.filter((job) => job.state === options.state);
    if (options.search) jobs = jobs.filter((job) => job.name.includes(options.search!));
    const total = jobs.length;
    const skip = options.skip ?? 0;
    return { jobs: jobs.slice(skip, options.limit === undefined ? undefined : skip + options.limit), total };
  }

  async getJobsOverview(): Promise<JobsOverview[]> {
    const { jobs } = await this.queryJobs();
    const overview = new Map<string, JobsOverview>();
    for (const job of jobs) {
      const entry = overview.get(job.name) ?? { name: job.name, total: 0, running: 0, scheduled: 0, queued: 0, completed: 0, failed: 0, repeating: 0, paused: 0 };
      entry.total += 1;
      entry[job.state satisfies JobState] += 1;
      overview.set(job.name, entry);
    }
    return [...overview.values()];
  }

  async getDistinctJobNames(): Promise<string[]> {
    return [...new Set((await this.jobs.find({})).map((job) => job.name))].sort();
  }

  async getJobById(id: string): Promise<JobParameters | null> {
    const doc = await this.jobs.findOne({ _id: id });
    return doc ? toParameters(doc) : null;
  }

  async getQueueSize(): Promise<number> {
    return this.jobs.count({ nextRunAt: { $ne: null, $lt: this.clock() } });
  }

  async removeJobs(options: RemoveJobsOptions): Promise<number> {
    const filter = this.filterOf(options);
    if (Object.keys(filter).length === 0) return 0;
    return this.exclusive(() => this.jobs.deleteMany(filter));
  }

  async saveJob<DATA = unknown>(job: JobParameters<DATA>, options: JobRepositoryOptions | undefined): Promise<JobParameters<DATA>> {
    return this.exclusive(async () => {
      const { _id, unique, uniqueOpts, ...props } = job;
      const fields = { ...toFields(props as JobParameters), lastModifiedBy: options?.lastModifiedBy ?? null };
      if (_id) {
        const updated = await this.jobs.updateOne({ _id: String(_id), name: props.name }, { $set: fields });
        return updated ? (toParameters(updated) as JobParameters<DATA>) : job;
      }
      if (props.type === 'single' || unique) {
        // One job per name (type single) or per unique query: its id is derived from them.
        const id = uniqueId(props.name, props.type === 'single' ? null : unique!);
        const existing = await this.jobs.findOne({ _id: id });
        if (existing && uniqueOpts?.insertOnly) return toParameters(existing) as JobParameters<DATA>;
        if (existing && props.type === 'single' && props.nextRunAt && props.nextRunAt <= this.clock()) delete (fields as Partial<typeof fields>).nextRunAt;
        const saved = await this.jobs.updateOne({ _id: id }, { $set: { ...fields, tenantId: tenantOf(props.data) } }, { upsert: true });
        return toParameters(saved!) as JobParameters<DATA>;
      }
      const inserted = await this.jobs.insertOne({ _id: `job-${randomUUID()}`, tenantId: tenantOf(props.data), ...fields } as JobDocument);
      return toParameters(inserted) as JobParameters<DATA>;
    });
  }

  async saveJobState(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<void> {
    if (!job._id) throw new Error('Cannot save job state without job ID');
    const updated = await this.exclusive(() =>
      this.jobs.updateOne(
        { _id: String(job._id), name: job.name },
        {
          $set: {
            lockedAt: job.lockedAt ?? null,
            nextRunAt: job.nextRunAt ?? null,
            lastRunAt: job.lastRunAt ?? null,
            progress: job.progress ?? null,
            failReason: job.failReason ?? null,
            failCount: job.failCount ?? null,
            failedAt: job.failedAt ?? null,
            lastFinishedAt: job.lastFinishedAt ?? null,
            lastModifiedBy: options?.lastModifiedBy ?? null,
          },
        },
      ),
    );
    if (!updated) throw new Error(`job ${job._id} (name: ${job.name}) cannot be updated: it no longer exists`);
  }

  async lockJob(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<JobParameters | undefined> {
    if (!job._id) return undefined;
    return this.exclusive(async () => {
      const current = await this.jobs.findOne({ _id: String(job._id), name: job.name, lockedAt: null, disabled: { $ne: true } });
      if (!current || current.nextRunAt?.getTime() !== job.nextRunAt?.getTime()) return undefined;
      const locked = await this.jobs.updateOne({ _id: current._id }, { $set: { lockedAt: this.clock(), lastModifiedBy: options?.lastModifiedBy ?? null } });
      return locked ? toParameters(locked) : undefined;
    });
  }

  async unlockJob(job: JobParameters): Promise<void> {
    if (!job._id) return;
    await this.exclusive(() => this.jobs.updateOne({ _id: String(job._id), nextRunAt: { $ne: null } }, { $set: { lockedAt: null } }));
  }

  async unlockJobs(jobIds: readonly string[]): Promise<void> {
    if (jobIds.length === 0) return;
    await this.exclusive(() => this.jobs.updateMany({ _id: { $in: jobIds.map(String) } }, { $set: { lockedAt: null } }));
  }

  async getNextJobToRun(
    jobName: string,
    nextScanAt: Date,
    lockDeadline: Date,
    now: Date | undefined,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    // agenda computes both limits from the real time; ours runs on the app's clock.
    const offset = this.clock().getTime() - Date.now();
    const scanUntil = new Date(nextScanAt.getTime() + offset);
    const staleLocksBefore = new Date(lockDeadline.getTime() + offset);
    return this.exclusive(async () => {
      const [candidate] = await this.jobs.find(
        {
          name: jobName,
          disabled: { $ne: true },
          $or: [{ lockedAt: null, nextRunAt: { $ne: null, $lte: scanUntil } }, { lockedAt: { $ne: null, $lte: staleLocksBefore } }],
        },
        { sort: { nextRunAt: 1, priority: -1 }, limit: 1 },
      );
      if (!candidate) return undefined;
      const locked = await this.jobs.updateOne(
        { _id: candidate._id },
        { $set: { lockedAt: now ?? this.clock(), lastModifiedBy: options?.lastModifiedBy ?? null } },
      );
      return locked ? toParameters(locked) : undefined;
    });
  }

  async disableJobs(options: RemoveJobsOptions): Promise<number> {
    const filter = this.filterOf(options);
    return Object.keys(filter).length === 0 ? 0 : this.exclusive(() => this.jobs.updateMany(filter, { $set: { disabled: true } }));
  }

  async enableJobs(options: RemoveJobsOptions): Promise<number> {
    const filter = this.filterOf(options);
    return Object.keys(filter).length === 0 ? 0 : this.exclusive(() => this.jobs.updateMany(filter, { $set: { disabled: false } }));
  }

  async purgeAllJobs(): Promise<number> {
    return this.exclusive(() => this.jobs.deleteMany({}));
  }

  /** Runs read-modify-write steps one at a time (one process owns the embedded files). */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private filterOf(options: RemoveJobsOptions & { state?: unknown }): Filter {
    const filter: Filter = {};
    if (options.id) filter._id = String(options.id);
    else if (options.ids?.length) filter._id = { $in: options.ids.map(String) };
    if (typeof options.name === 'string') filter.name = options.name;
    else if (options.names?.length) filter.name = { $in: options.names.filter((name) => typeof name === 'string') };
    else if (options.notNames?.length) filter.name = { $nin: options.notNames.filter((name) => typeof name === 'string') };
    if (options.data && typeof options.data === 'object' && !Array.isArray(options.data)) {
      for (const [key, value] of Object.entries(options.data as Record<string, unknown>)) {
        if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) filter[`data.${key}`] = value as string | number | boolean | null;
      }
    }
    return filter;
  }
}

function tenantOf(data: unknown): string {
  const tenantId = (data as { tenantId?: unknown } | null | undefined)?.tenantId;
  return typeof tenantId === 'string' && tenantId ? tenantId : SYSTEM_TENANT;
}

function uniqueId(name: string, unique: Record<string, unknown> | null): string {
  return 'job-' + createHash('sha256').update(JSON.stringify([name, unique])).digest('hex').slice(0, 32);
}

function toFields(job: JobParameters): Omit<JobDocument, '_id' | 'tenantId'> {
  return {
    name: job.name,
    priority: job.priority ?? 0,
    nextRunAt: job.nextRunAt ?? null,
    type: job.type ?? 'normal',
    lockedAt: job.lockedAt ?? null,
    lastRunAt: job.lastRunAt ?? null,
    lastFinishedAt: job.lastFinishedAt ?? null,
    failedAt: job.failedAt ?? null,
    failCount: job.failCount ?? null,
    failReason: job.failReason ?? null,
    data: job.data ?? null,
    disabled: job.disabled ?? false,
    progress: job.progress ?? null,
    repeatInterval: job.repeatInterval ?? null,
    repeatAt: job.repeatAt ?? null,
    repeatTimezone: job.repeatTimezone ?? null,
    lastModifiedBy: job.lastModifiedBy ?? null,
  };
}

function toParameters(doc: JobDocument): JobParameters {
  const params: JobParameters = { _id: toJobId(doc._id), name: doc.name, priority: doc.priority, nextRunAt: doc.nextRunAt, type: doc.type, data: doc.data };
  if (doc.lockedAt) params.lockedAt = doc.lockedAt;
  if (doc.lastRunAt) params.lastRunAt = doc.lastRunAt;
  if (doc.lastFinishedAt) params.lastFinishedAt = doc.lastFinishedAt;
  if (doc.failedAt) params.failedAt = doc.failedAt;
  if (doc.failCount !== null) params.failCount = doc.failCount;
  if (doc.failReason !== null) params.failReason = doc.failReason;
  if (doc.disabled) params.disabled = doc.disabled;
  if (doc.progress !== null) params.progress = doc.progress;
  if (doc.repeatInterval !== null) params.repeatInterval = doc.repeatInterval;
  if (doc.repeatAt !== null) params.repeatAt = doc.repeatAt;
  if (doc.repeatTimezone !== null) params.repeatTimezone = doc.repeatTimezone;
  if (doc.lastModifiedBy !== null) params.lastModifiedBy = doc.lastModifiedBy;
  return params;
}
