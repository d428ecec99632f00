import { hostname } from 'node:os';
import { InMemoryNotificationChannel, type AgendaBackend } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Collection } from 'mongodb';
import type { Logger } from '../logging/logger.js';
import type { DocumentStore } from '../store/document-store.js';
import type { MongoStore } from '../store/mongo/mongo-store.js';
import type { Clock } from '../clock.js';
import { createAgendaScheduler } from './agenda-scheduler.js';
import { EmbeddedJobRepository } from './embedded-job-repository.js';
import type { JobScheduler } from './job-scheduler.js';

const JOBS_COLLECTION = 'agendaJobs';

/**
 * Our queries beside agenda's own: by tenant and key (moving a reminder), by person (export,
 * erasure); and one keyed job per name, tenant and key even when two instances plan it at once.
 */
async function ensureJobIndexes(jobs: Collection): Promise<void> {
  await jobs.createIndex({ 'data.tenantId': 1, 'data.jobKey': 1 });
  await jobs.createIndex({ 'data.tenantId': 1, 'data.profileId': 1 });
  await jobs.createIndex(
    { name: 1, 'data.tenantId': 1, 'data.jobKey': 1 },
    { unique: true, partialFilterExpression: { 'data.jobKey': { $exists: true } }, name: 'oneJobPerKey' },
  );
}

export interface SchedulerSettings {
  store: DocumentStore;
  logger: Logger;
  clock: Clock;
  /** `manual`: jobs run only when runDue() is called (tests that move a fake clock). */
  mode?: 'automatic' | 'manual';
  processEvery?: number;
}

/**
 * The scheduler on the app's own store: on MongoDB agenda's MongoDB backend on the store's
 * connection (collection `agendaJobs`, locks shared by every instance); on the embedded store our
 * job repository over the same files, with in-process notifications so that a job due soon is not
 * left waiting for the next scan.
 */
export async function openJobScheduler(settings: SchedulerSettings): Promise<JobScheduler> {
  const { store, logger, clock } = settings;
  let backend: AgendaBackend;
  if (store.kind === 'mongodb') {
    const db = (store as MongoStore).connection.db;
    if (!db) throw new Error('MongoDB connection has no database');
    backend = new MongoBackend({ mongo: db, collection: JOBS_COLLECTION });
    await ensureJobIndexes(db.collection(JOBS_COLLECTION));
  } else {
    const repository = new EmbeddedJobRepository(store, clock);
    backend = {
      name: 'KoSI embedded store',
      repository,
      notificationChannel: new InMemoryNotificationChannel(),
      ownsConnection: false,
      connect: () => repository.connect(),
      disconnect: async () => {},
    };
  }
  return createAgendaScheduler({
    backend,
    logger,
    clock,
    mode: settings.mode ?? 'automatic',
    processEvery: settings.processEvery,
    instanceName: `${hostname()}-${process.pid}`,
  });
}
