import express, { type Express, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logging/logger.js';
import { errorHandler, notFound } from './error-handler.js';
import { rejectOperatorKeys } from './reject-operator-keys.js';
import { securityHeaders } from './security-headers.js';

export interface HttpAppOptions {
  logger: Logger;
  routers: readonly Router[];
  /** Routers that authenticate before they read a body (the Telegram webhook checks its secret first). */
  routersBeforeBodyParsing?: readonly Router[];
  /** Hop count of trusted reverse proxies (for client IPs in rate limits); 0 when none. */
  trustProxy?: number;
  /** Browsers reach the service over https (see servedOverHttps); false: no upgrade-insecure-requests, no HSTS. */
  https?: boolean;
}

/** Direct Line allows activities of 300K characters; JSON escaping can double that. */
const BODY_LIMIT = '1mb';

export function createHttpApp({ logger, routers, routersBeforeBodyParsing = [], trustProxy = 0, https = true }: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  app.use(
    pinoHttp({
      logger,
      // Paths only: query strings and bodies may carry tokens or personal data.
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      // 503 is said on purpose (not ready, shutting down, store unavailable: Telegram redelivers), once per probe: a warning.
      customLogLevel: (_req, res, error) => (error ? 'error' : res.statusCode === 503 ? 'warn' : res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
      // pino-http makes up an Error with a stack for every 5xx; only a real error's is worth a line.
      customErrorObject: (_req, _res, error, value: Record<string, unknown>) => (error.message.startsWith('failed with status code') ? { res: value['res'], responseTime: value['responseTime'] } : value),
    }),
  );
  app.use(securityHeaders({ https }));
  for (const router of routersBeforeBodyParsing) app.use(router);
  app.use(express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use(rejectOperatorKeys());
  for (const router of routers) app.use(router);
  app.use(notFound());
  app.use(errorHandler(logger));
  return app;
}
