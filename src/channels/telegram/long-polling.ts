import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logging/logger.js';
import { StoreUnavailableError } from '../../store/document-store.js';
import { describeError } from './telegram-errors.js';
import { ALLOWED_UPDATES } from './update-to-activity.js';
import type { UpdatePipeline } from './update-pipeline.js';

export interface LongPollingOptions {
  bot: Bot;
  tenantId: string;
  pipeline: UpdatePipeline;
  logger: Logger;
  /** getUpdates long-poll timeout; grammY's default is 30 s. */
  timeoutSeconds?: number;
}

export interface LongPolling {
  start(): void;
  stop(): Promise<void>;
}

// While the store is down, the update waits (the offset is not confirmed): 1 s doubling to 30 s.
const STORE_RETRY_FIRST_MS = 1000;
const STORE_RETRY_MAX_MS = 30_000;

/**
 * Long polling (no public URL): grammY's simple loop fetches updates and hands each to the same
 * pipeline as the webhook. A turn is not awaited, so that one slow chat does not hold up the
 * others; the turn queue keeps each chat in order and is drained at shutdown.
 */
export function createLongPolling(options: LongPollingOptions): LongPolling {
  const { bot, tenantId, pipeline, logger } = options;
  let running = false;

  bot.use(async (ctx) => {
    await accept(ctx.update);
  });
  // Without a handler, one failing update stops grammY's polling loop for good.
  bot.catch((error) => logger.error({ tenantId, ...describeError(error.error) }, 'telegram polling: update failed'));

  async function accept(update: Update): Promise<void> {
    for (let delay = STORE_RETRY_FIRST_MS; ; delay = Math.min(delay * 2, STORE_RETRY_MAX_MS)) {
      try {
        const accepted = await pipeline(update, bot.botInfo);
        // Failures were logged by the pipeline.
        if (accepted.outcome === 'accepted') accepted.done.catch(() => undefined);
        return;
      } catch (error) {
        if (!(error instanceof StoreUnavailableError) || !running) throw error;
        logger.warn({ tenantId, updateId: update.update_id, retryInMs: delay }, 'telegram polling: store unavailable, waiting');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
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
      // Confirms the last offset with one more getUpdates, so a restart does not repeat updates.
      if (bot.isRunning()) await bot.stop().catch((error: unknown) => logger.warn({ tenantId, ...describeError(error) }, 'telegram polling: stop failed'));
    },
  };
}
