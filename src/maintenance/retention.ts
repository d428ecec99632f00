import type { Logger } from '../logging/logger.js';

export interface RetentionTask {
  name: string;
  /** Keep data this long. */
  keepMs: number;
  purgeOlderThan(date: Date): Promise<unknown>;
}

export interface Retention {
  /** Runs every task once (also what the timer does). */
  runOnce(): Promise<void>;
  /** Runs soon after start and then every `intervalMs`; the timers never keep the process alive. */
  start(intervalMs?: number): void;
  stop(): void;
}

/**
 * Data minimisation without a job scheduler yet: purges what has outlived its purpose, hourly.
 * (The scheduler of the workshops issue takes this over.)
 */
export function createRetention(tasks: readonly RetentionTask[], logger: Logger, clock: () => Date): Retention {
  const timers: NodeJS.Timeout[] = [];
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
  return {
    runOnce,
    start(intervalMs = 3600_000) {
      timers.push(setTimeout(() => void runOnce(), 5_000), setInterval(() => void runOnce(), intervalMs));
      for (const timer of timers) timer.unref();
    },
    stop() {
      for (const timer of timers.splice(0)) clearTimeout(timer);
    },
  };
}
