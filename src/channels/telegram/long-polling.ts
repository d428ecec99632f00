import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../platform/logging/logger.js';
import { StoreUnavailableError } from '../../platform/store/document-store.js';
import { describeError } from './telegram-errors.js';
import { ALLOWED_UPDATES } from './update-to-activity.js';
import type { Accepted, UpdatePipeline } from './update-pipeline.js';

export interface LongPollingOptions {
  bot: Bot;
  tenantId: string;
  pipeline: UpdatePipeline;
  logger: Logger;
  /** getUpdates long-poll timeout; grammY's default is 30 s. */
  timeoutSeconds?: number;
  /** Back-off while the store is down (before and during a turn); default 1 s doubling to 30 s. */
  retry?: { firstMs: number; maxMs: number };
}

export interface LongPolling {
  start(): void;
  stop(): Promise<void>;
}

export const DEFAULT_POLLING_RETRY = { firstMs: 1000, maxMs: 30_000 };

/**
 * Long polling (no public URL): grammY's simple loop fetches updates and hands each to the same
 * pipeline as the webhook. A turn is not awaited, so that one slow chat does not hold up the
 * others; the turn queue keeps each chat in order and is drained at shutdown.
 *
 * Nothing is dropped for a store outage: while the update cannot even be claimed, polling waits (the
 * offset stays unconfirmed, so a restart fetches it again). An update whose turn failed because the
 * store went away, or that another turn still holds (e.g. a process that died mid-turn, until its
 * claim expires), has been confirmed to Telegram already: it is run again later from memory, after
 * the turns that came meanwhile, until stop().
 */
export function createLongPolling(options: LongPollingOptions): LongPolling {
  const { bot, tenantId, pipeline, logger } = options;
  const retry = options.retry ?? DEFAULT_POLLING_RETRY;
  const backoff = (attempt: number): number => Math.min(retry.firstMs * 2 ** Math.min(attempt, 30), retry.maxMs);
  let running = false;
  const waiting = new Map<number, NodeJS.Timeout>();

  bot.use(async (ctx) => {
    await accept(ctx.update, 0);
  });
  // Without a handler, one failing update stops grammY's polling loop for good.
  bot.catch((error) => logger.error({ tenantId, ...describeError(error.error) }, 'telegram polling: update failed'));

  async function accept(update: Update, attempt: number): Promise<void> {
    const accepted = await acceptWhenStoreIsUp(update);
    if (accepted.outcome === 'in-progress') {
      // When its claim expires the update is either handled (a duplicate then) or can be taken over.
      runLater(update, accepted.retryInMs, attempt);
    } else if (accepted.outcome === 'accepted') {
      accepted.done.catch((error: unknown) => {
        // Other failures were logged by the pipeline and are not retried: they would fail again.
        if (error instanceof StoreUnavailableError) runLater(update, backoff(attempt), attempt + 1);
      });
    }
  }

  async function acceptWhenStoreIsUp(update: Update): Promise<Accepted> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await pipeline(update, bot.botInfo);
      } catch (error) {
        if (!(error instanceof StoreUnavailableError) || !running) throw error;
        const delay = backoff(attempt);
        logger.warn({ tenantId, updateId: update.update_id, retryInMs: delay }, 'telegram polling: store unavailable, waiting');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  function runLater(update: Update, delay: number, attempt: number): void {
    const updateId = update.update_id;
    if (!running) {
      logger.warn({ tenantId, updateId }, 'telegram polling: stopped, update not run again');
      return;
    }
    logger.info({ tenantId, updateId, retryInMs: delay }, 'telegram polling: update will be run again later');
    clearTimeout(waiting.get(updateId));
    const timer = setTimeout(() => {
      waiting.delete(updateId);
      accept(update, attempt).catch((error: unknown) => logger.error({ tenantId, updateId, ...describeError(error) }, 'telegram polling: update failed'));
    }, delay);
    waiting.set(updateId, timer);
  }

  return {
    start() {
      if (running) return;
      running = true;
      // bot.start deletes a webhook first (Telegram sends no updates to getUpdates while one is set)
      // and resolves only when polling stops.
      bot
        .start({ allowed_updates: ALLOWED_UPDATES, drop_pending_updates: false, timeout: options.timeoutSeconds })
        .then(() => logger.info({ tenantId }, 'telegram polling: stopped'))
        .catch((error: unknown) => {
          running = false;
          logger.error({ tenantId, ...describeError(error) }, 'telegram polling: stopped by an error');
        });
      logger.info({ tenantId }, 'telegram polling: started');
    },
    async stop() {
      running = false;
      if (waiting.size > 0) {
        // Confirmed to Telegram already: these are lost with the process.
        logger.warn({ tenantId, updateIds: [...waiting.keys()] }, 'telegram polling: stopped, updates waiting to run again are dropped');
        for (const timer of waiting.values()) clearTimeout(timer);
        waiting.clear();
      }
      // Confirms the last offset with one more getUpdates, so a restart does not repeat updates.
      if (bot.isRunning()) await bot.stop().catch((error: unknown) => logger.warn({ tenantId, ...describeError(error) }, 'telegram polling: stop failed'));
    },
  };
}
