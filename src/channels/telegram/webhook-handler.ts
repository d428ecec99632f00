import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Logger } from '../../logging/logger.js';
import { StoreUnavailableError } from '../../store/document-store.js';
import { secretMatches } from './secret-token.js';
import { describeError } from './telegram-errors.js';
import type { UpdatePipeline } from './update-pipeline.js';

export interface WebhookOptions {
  tenantId: string;
  secret: string | undefined;
  /** The bot's identity once getMe succeeded; undefined → not ready (503, Telegram redelivers). */
  botInfo: () => UserFromGetMe | undefined;
  /** False after stop(): the instance takes no more input. */
  accepting: () => boolean;
  pipeline: UpdatePipeline;
  logger: Logger;
  /** Answer before Telegram's (and grammY's) 10 s give-up; default 9000 ms. */
  timeoutMs?: number;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 9_000;
// Updates are a few KB; a message is at most 4096 characters plus entities.
const BODY_LIMIT = '1mb';

/**
 * The webhook as Express handlers, in the order that does the least work for a stranger: secret
 * header (401), readiness (503), JSON body, update shape (400), then the update pipeline.
 * Not grammY's webhookCallback: it cannot answer 400/503 or tell a store outage from a bad turn.
 */
export function createWebhookHandlers(options: WebhookOptions): RequestHandler[] {
  const { tenantId, logger } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;

  const checkSecret: RequestHandler = (req, res, next) => {
    if (secretMatches(options.secret, req.get('x-telegram-bot-api-secret-token'))) return next();
    logger.warn({ tenantId }, 'telegram webhook: wrong or missing secret token');
    res.status(401).json({ error: 'unauthorized' });
  };

  const checkReady: RequestHandler = (_req, res, next) => {
    if (options.accepting() && options.botInfo()) return next();
    res.status(503).json({ error: 'not ready' });
  };

  const handleUpdate = async (req: Request, res: Response): Promise<void> => {
    const reason = invalidReason(req.body);
    if (reason) {
      logger.warn({ tenantId, reason }, 'telegram webhook: invalid update rejected');
      res.status(400).json({ error: 'invalid update', reason });
      return;
    }
    const update = req.body as Update;
    const bot = options.botInfo();
    if (!bot) {
      res.status(503).json({ error: 'not ready' });
      return;
    }
    try {
      const accepted = await options.pipeline(update, bot);
      if (accepted.outcome === 'malformed') {
        res.status(400).json({ error: 'invalid update', reason: 'malformed update' });
        return;
      }
      if (accepted.outcome === 'accepted' && (await settledWithin(accepted.done, timeoutMs)) === 'timeout') {
        // The turn goes on and keeps its claim; a redelivery would only be skipped as a duplicate.
        logger.warn({ tenantId, updateId: update.update_id, timeoutMs }, 'telegram webhook: turn still running, acknowledged');
      }
      res.sendStatus(200);
    } catch (error) {
      // Non-2xx makes Telegram deliver the update again later; the claim was released or never taken.
      const status = error instanceof StoreUnavailableError ? 503 : 500;
      if (status === 503) logger.warn({ tenantId, updateId: update.update_id, ...describeError(error) }, 'telegram webhook: store unavailable');
      res.status(status).json({ error: status === 503 ? 'store unavailable' : 'turn failed' });
    }
  };

  return [checkSecret, checkReady, express.json({ limit: BODY_LIMIT }), handleUpdate];
}

/** Mounts the handlers at `path` (e.g. `/telegram/dortmund/webhook`). */
export function webhookRouter(path: string, handlers: RequestHandler[]): express.Router {
  const router = express.Router();
  router.post(path, ...handlers);
  return router;
}

function invalidReason(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object';
  const updateId = (body as { update_id?: unknown }).update_id;
  if (typeof updateId !== 'number' || !Number.isSafeInteger(updateId) || updateId < 0) {
    return 'update_id must be a non-negative integer';
  }
  return undefined;
}

async function settledWithin(done: Promise<void>, ms: number): Promise<'settled' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    const result = await Promise.race([done.then(() => 'settled' as const), timeout]);
    // A turn that fails after the answer was logged by the pipeline; nobody else awaits it.
    if (result === 'timeout') done.catch(() => undefined);
    return result;
  } finally {
    clearTimeout(timer);
  }
}
