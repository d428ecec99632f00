import { Router } from 'express';
import type { DocumentStore } from '../store/document-store.js';

/**
 * `/healthz`: the process answers. `/readyz`: it can serve requests (the store answers). Telegram's
 * state is reported but does not make the instance unready: the web chat works without it, and
 * Telegram redelivers what a not-yet-ready webhook refused.
 */
export function healthRoutes(store: DocumentStore, isShuttingDown: () => boolean, telegramStatus: () => Record<string, 'ready' | 'starting'> = () => ({})): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (isShuttingDown()) {
      res.status(503).json({ status: 'shutting-down' });
      return;
    }
    try {
      await store.ping();
      res.json({ status: 'ready', store: store.kind, telegram: telegramStatus() });
    } catch {
      res.status(503).json({ status: 'unavailable', store: store.kind });
    }
  });
  return router;
}
