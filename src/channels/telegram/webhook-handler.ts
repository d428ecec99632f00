import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Logger } from '../../platform/logging/logger.js';
import { operatorKeyMessage, scanForOperatorKeys } from '../../platform/http/operator-keys.js';
import { isUndecodableBody, UNDECODABLE_BODY } from '../../platform/http/body-errors.js';
import { StoreUnavailableError } from '../../platform/store/document-store.js';
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
// Updates are a few KB (a message is at most 4096 characters plus entities); 1 MB is plenty.
const BODY_LIMIT = '1mb';

/**
 * The webhook as Express handlers, in the order that does the least work for a stranger: secret
 * header (401) before the body is even read, readiness (503), then the JSON body (400 invalid JSON,
 * 413 too large, 400 keys starting with "$", 400 not an update), then the update pipeline.
 * Self-contained: it parses and checks the body itself and answers every refusal as
 * `{ error: { code, message } }`, so it can be mounted before the host's own body parser.
 * Not grammY's webhookCallback: it cannot answer 400/503 or tell a store outage from a bad turn.
 */
export function createWebhookHandlers(options: WebhookOptions): RequestHandler[] {
  const { tenantId, logger } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const json = express.json({ limit: BODY_LIMIT });

  const checkSecret: RequestHandler = (req, res, next) => {
    if (secretMatches(options.secret, req.get('x-telegram-bot-api-secret-token'))) return next();
    logger.warn({ tenantId }, 'telegram webhook: wrong or missing secret token');
    refuse(res, 401, 'Unauthorized', 'wrong or missing secret token');
  };

  const checkReady: RequestHandler = (_req, res, next) => {
    if (options.accepting() && options.botInfo()) return next();
    refuse(res, 503, 'ServiceUnavailable', 'the bot is not ready; try again later');
  };

  const parseBody: RequestHandler = (req, res, next) => {
    json(req, res, (error?: unknown) => {
      if (error === undefined) return next();
      const refusal = parserRefusal(error);
      if (!refusal) return next(error);
      logger.warn({ tenantId, status: refusal.status, reason: refusal.message }, 'telegram webhook: body refused');
      refuse(res, refusal.status, refusal.code, refusal.message);
    });
  };

  const handleUpdate = async (req: Request, res: Response): Promise<void> => {
    const invalid = invalidBody(req.body);
    if (invalid) {
      // The answer names the offending key; the log line only what was wrong (no text of the body).
      logger.warn({ tenantId, reason: invalid.logged ?? invalid.message }, 'telegram webhook: invalid update rejected');
      refuse(res, 400, 'BadArgument', invalid.message);
      return;
    }
    const update = req.body as Update;
    const bot = options.botInfo();
    if (!bot) {
      refuse(res, 503, 'ServiceUnavailable', 'the bot is not ready; try again later');
      return;
    }
    try {
      const accepted = await options.pipeline(update, bot);
      if (accepted.outcome === 'malformed') {
        refuse(res, 400, 'BadArgument', 'malformed update');
        return;
      }
      if (accepted.outcome === 'in-progress') {
        // Not 2xx: if the turn holding the claim died, only a later redelivery can run it (after its lease).
        res.set('Retry-After', String(Math.ceil(accepted.retryInMs / 1000)));
        refuse(res, 503, 'ServiceUnavailable', 'the update is being handled; deliver it again later');
        return;
      }
      if (accepted.outcome === 'accepted' && (await settledWithin(accepted.done, timeoutMs)) === 'timeout') {
        // The turn goes on and keeps its claim; a redelivery meanwhile is asked to come again later.
        logger.warn({ tenantId, updateId: update.update_id, timeoutMs }, 'telegram webhook: turn still running, acknowledged');
      }
      res.sendStatus(200);
    } catch (error) {
      // Non-2xx makes Telegram deliver the update again later; the claim was released (or expires) or was never taken.
      if (error instanceof StoreUnavailableError) {
        logger.warn({ tenantId, updateId: update.update_id, ...describeError(error) }, 'telegram webhook: store unavailable');
        refuse(res, 503, 'ServiceUnavailable', 'the data store is not reachable; try again later');
      } else {
        refuse(res, 500, 'ServiceError', 'the turn failed');
      }
    }
  };

  return [checkSecret, checkReady, parseBody, handleUpdate];
}

/** Mounts the handlers at `path` (e.g. `/telegram/dortmund/webhook`); needs no body parser before it. */
export function webhookRouter(path: string, handlers: RequestHandler[]): express.Router {
  const router = express.Router();
  router.post(path, ...handlers);
  return router;
}

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** body-parser's errors (they carry `type` and `status`) as answers; anything else goes to the host. */
function parserRefusal(error: unknown): Refusal | undefined {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (type === 'entity.parse.failed') return { status: 400, code: 'BadArgument', message: 'the request body is not valid JSON' };
  if (type === 'entity.too.large') return { status: 413, code: 'MessageSizeTooBig', message: 'the request body is too large' };
  if (isUndecodableBody(error)) return { status: 400, code: 'BadArgument', message: UNDECODABLE_BODY };
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return { status: 415, code: 'BadArgument', message: 'the request body has an unsupported charset or encoding' };
  }
  if (typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: 'BadArgument', message: 'the request body could not be read' };
  }
  return undefined;
}

function invalidBody(body: unknown): { message: string; logged?: string } | undefined {
  // Undefined: not sent as JSON, so the parser left it alone.
  if (body === undefined) return { message: 'the request body must be JSON (Content-Type: application/json)' };
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { message: 'body must be a JSON object' };
  // The host's operator-key check does not run for this router: whatever reaches the store must be plain values.
  const scan = scanForOperatorKeys(body);
  if (scan.found === 'too-deep') return { message: operatorKeyMessage(scan) };
  if (scan.found === 'operator') return { message: operatorKeyMessage(scan), logged: 'key starting with "$"' };
  const updateId = (body as { update_id?: unknown }).update_id;
  if (typeof updateId !== 'number' || !Number.isSafeInteger(updateId) || updateId < 0) {
    return { message: 'update_id must be a non-negative integer' };
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
