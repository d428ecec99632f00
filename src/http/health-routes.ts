import { Router } from 'express';
import type { DocumentStore } from '../store/document-store.js';

/** `/healthz`: the process answers. `/readyz`: it can serve requests (the store answers). */
export function healthRoutes(store: DocumentStore, isShuttingDown: () => boolean): Router {
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
      res.json({ status: 'ready', store: store.kind });
    } catch {
      res.status(503).json({ status: 'unavailable', store: store.kind });
    }
  });
  return router;
}
