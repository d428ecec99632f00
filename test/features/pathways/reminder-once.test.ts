import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ProactiveMessenger } from '../../../src/bot/proactive-messenger.js';
import type { FeatureServices } from '../../../src/features/feature-module.js';
import { createPathwaysFeature, type PathwayReminderData } from '../../../src/features/pathways/index.js';
import { PATHWAY_REMINDER_JOB } from '../../../src/features/pathways/domain/pathway-service.js';
import { createLogger } from '../../../src/platform/logging/logger.js';
import type { JobHandler, JobScheduler } from '../../../src/platform/scheduler/job-scheduler.js';
import type { DocumentStore } from '../../../src/platform/store/document-store.js';
import { describeEachBackend } from '../../support/store-backends.js';
import { NOW, pathway } from './pathway-fixtures.js';

/**
 * agenda runs a job at least once, and two runs of one job may overlap (a lock that expired, two
 * instances): the person still gets the reminder once.
 */
describeEachBackend('the pathway reminder job', (backend) => {
  let store: DocumentStore;
  let now: Date;
  let handler: JobHandler<PathwayReminderData>;
  let sent: string[];
  let failNext: boolean;
  let feature: ReturnType<typeof createPathwaysFeature>;

  beforeEach(async () => {
    store = await backend.open();
    now = NOW;
    sent = [];
    failNext = false;
    const scheduler = {} as unknown as JobScheduler;
    const messenger = {
      async sendToProfile(_tenantId: string, _profileId: string, build: (t: (key: string, vars?: Record<string, unknown>) => string, locale: string) => Array<{ text?: string }>) {
        // Sending takes a moment (a network call): time enough for a second run to come in.
        await new Promise((resolve) => setTimeout(resolve, 30));
        if (failNext) {
          failNext = false;
          throw new Error('Telegram answered 502');
        }
        sent.push(...build((key, vars) => `${key} ${String(vars?.['title'] ?? '')}`, 'de').map((activity) => activity.text ?? ''));
        return 'sent';
      },
    } as unknown as ProactiveMessenger;
    feature = createPathwaysFeature({ store, clock: () => now, scheduler, messenger, tenants: new Map(), logger: createLogger('silent') } as unknown as FeatureServices);
    handler = feature.jobs!.find((job) => job.name === PATHWAY_REMINDER_JOB)!.run as JobHandler<PathwayReminderData>;
    const service = feature.service;
    await service.create('dortmund', { ...pathway('x'), title: 'Lagerhelfer/in' }, 'p1');
    const remindAt = await service.planReminder('dortmund', 'ann', 'p1');
    now = remindAt;
  });
  afterEach(() => store.close());

  const run = () => handler({ tenantId: 'dortmund', profileId: 'ann', pathwayId: 'p1' });

  it('sends once when the job runs twice at the same time, and not again on a later run', async () => {
    await Promise.all([run(), run()]);
    await run();
    expect(sent).toEqual(['pathways:reminder Lagerhelfer/in']);
  });

  it('sends on the retry when the first sending failed', async () => {
    failNext = true;
    await expect(run()).rejects.toThrow(/502/);
    expect(sent).toEqual([]);
    await run();
    await run();
    expect(sent).toEqual(['pathways:reminder Lagerhelfer/in']);
  });

  it('sends again when the person asks for a new reminder later', async () => {
    await run();
    now = await feature.service.planReminder('dortmund', 'ann', 'p1');
    await run();
    expect(sent).toHaveLength(2);
  });
});
