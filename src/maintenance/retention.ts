import type { Logger } from '../logging/logger.js';

export interface RetentionTask {
  name: string;
  /** Keep data this long. */
  keepMs: number;
  purgeOlderThan(date: Date): Promise<unknown>;
}

/**
 * Data minimisation without a scheduler yet: purges what has outlived its purpose once at start and
 * then hourly. (The job scheduler of the workshops issue takes this over.)
 */
export function startRetention(tasks: readonly RetentionTask[], logger: Logger, clock: () => Date, intervalMs = 3600_000): () => void {
  const run = async (): Promise<void> => {
    for (const task of tasks) {
      try {
        const purged = await task.purgeOlderThan(new Date(clock().getTime() - task.keepMs));
        logger.debug({ task: task.name, purged }, 'retention purge');
      } catch (error) {
        logger.warn({ task: task.name, err: { name: (error as Error).name, message: (error as Error).message } }, 'retention purge failed');
      }
    }
  };
  const first = setTimeout(() => void run(), 5_000);
  const timer = setInterval(() => void run(), intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
