/** GET /health: what a load balancer or the office asks to know whether the API can do its work. */
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import { checkDependencies } from '../../services/health/dependencies';
import type { RouteTable } from '../route';
import { jsonResponse } from '../openapi';

// What is down, never why in the system's own words: error text can name hosts, users and paths.
const Check = z.object({ ok: z.boolean(), error: z.enum(['unreachable']).optional().describe('Set when this one is down; the reason is in the log') });
const Health = z.object({ status: z.enum(['ok', 'unavailable']), temporal: Check, database: Check }).openapi('Health');

/** GET /health: whether the API can reach Temporal and the database (200), or which it cannot (503). */
export function healthRouter(db: Db, temporal: Client, routes: RouteTable, log?: Logger): Router {
  const router = Router();
  routes.add(
    router,
    {
      method: 'get',
      path: '/health',
      summary: 'Can the API reach Temporal and the database?',
      responses: { 200: jsonResponse('Both reachable', Health), 503: jsonResponse('One is not', Health) },
      access: 'public',
    },
    async (_req, res) => {
      const health = await checkDependencies({ db, temporal, log });
      res.status(health.status === 'ok' ? 200 : 503).json(health);
    },
  );
  return router;
}
