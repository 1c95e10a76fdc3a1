/** GET /health: what a load balancer or the office asks to know whether the API can do its work. */
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import type { RouteTable } from '../route';
import { jsonResponse } from '../openapi';

// What is down, never why in the system's own words: error text can name hosts, users and paths.
const Check = z.object({ ok: z.boolean(), error: z.enum(['unreachable']).optional().describe('Set when this one is down; the reason is in the log') });
const Health = z.object({ status: z.enum(['ok', 'unavailable']), temporal: Check, database: Check }).openapi('Health');

async function check(name: string, probe: () => Promise<unknown>, log?: Logger): Promise<z.infer<typeof Check>> {
  try {
    await probe();
    return { ok: true };
  } catch (error) {
    log?.warn({ err: error, dependency: name }, 'health check failed');
    return { ok: false, error: 'unreachable' };
  }
}

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
      const [temporalCheck, database] = await Promise.all([
        check('temporal', () => temporal.connection.withDeadline(Date.now() + 2_000, () => temporal.workflowService.getSystemInfo({})), log),
        check('database', () => db.$queryRaw`SELECT 1`, log),
      ]);
      const ok = temporalCheck.ok && database.ok;
      res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', temporal: temporalCheck, database });
    },
  );
  return router;
}
