import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import type { RouteTable } from '../route';
import { jsonResponse } from '../openapi';

const Check = z.object({ ok: z.boolean(), error: z.string().optional() });
const Health = z.object({ status: z.enum(['ok', 'unavailable']), temporal: Check, database: Check }).openapi('Health');

async function check(probe: () => Promise<unknown>): Promise<z.infer<typeof Check>> {
  try {
    await probe();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** GET /health: whether the API can reach Temporal and the database (200), or not (503). */
export function healthRouter(db: Db, temporal: Client, routes: RouteTable): Router {
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
        check(() => temporal.connection.withDeadline(Date.now() + 2_000, () => temporal.workflowService.getSystemInfo({}))),
        check(() => db.$queryRaw`SELECT 1`),
      ]);
      const ok = temporalCheck.ok && database.ok;
      res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', temporal: temporalCheck, database });
    },
  );
  return router;
}
