import { Router } from 'express';
import type { Store } from '../../store/types';
import { route } from '../route';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: store reachable, schema current). */
export function healthRoutes(store: Store): Router {
  const router = Router();
  route(router, 'GET', '/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  route(router, 'GET', '/readyz', async (_req, res) => {
    try {
      await store.ping();
      const migrations = await store.migrationStatus();
      const ready = migrations.pending.length === 0;
      res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'migrations-pending', store: store.kind, migrations });
    } catch {
      res.status(503).json({ status: 'store-unavailable', store: store.kind });
    }
  });
  return router;
}
