import { Router } from 'express';
import type { DocumentStore } from '../store/document-store.js';

/**
 * `/healthz`: the process answers. `/readyz`: it can serve requests: the store answers, every
 * collection loaded and its last write succeeded (see DocumentStore.health). Damaged data files that
 * were copied aside are listed but leave the instance ready: the service works without their damaged
 * lines, and an operator decides what to restore. Telegram's state is reported but does not make the
 * instance unready: the web chat works without it, and Telegram redelivers what a not-yet-ready
 * webhook refused.
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
    // health() reports failures rather than throwing; a bug in it must still read as "not ready".
    const { problems, damaged } = await store.health().catch(() => ({ problems: [{ reason: 'the store health check failed' }], damaged: [] }));
    if (problems.length > 0) {
      res.status(503).json({ status: 'unavailable', store: store.kind, problems, damaged });
      return;
    }
    res.json({ status: 'ready', store: store.kind, telegram: telegramStatus(), damaged });
  });
  return router;
}
