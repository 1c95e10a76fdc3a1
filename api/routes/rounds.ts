import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { OpenRound } from '../../domain/journey';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import { roundOpened } from '../../workflows/expertschool-journey.messages';
import { errorResponse, jsonBody, jsonResponse, type OpenAPIRegistry } from '../openapi';
import { validate } from '../validate';

/** Journeys that a round opening concerns: not yet applying, not closed. */
const PHASES_BEFORE_APPLYING = ['conversation', 'intake', 'awaiting_round'];
const SIGNAL_BATCH = 100;

/**
 * Tells every journey that has not applied yet that a round opened. A placeholder for the round
 * machinery (scheduled round workflows), which will call the same signal.
 */
export async function announceRound(db: Db, temporal: Client, round: OpenRound): Promise<number> {
  let signalled = 0;
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.journey.findMany({
      where: { track: 'expertschool', phase: { in: PHASES_BEFORE_APPLYING }, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: SIGNAL_BATCH,
    });
    if (batch.length === 0) return signalled;
    await Promise.all(batch.map(({ id }) => temporal.workflow.getHandle(id).signal(roundOpened, round)));
    signalled += batch.length;
    cursor = batch[batch.length - 1]!.id;
  }
}

export function roundsRouter(db: Db, temporal: Client, registry: OpenAPIRegistry): Router {
  const router = Router();
  registry.registerPath({
    method: 'post',
    path: '/api/rounds/open',
    summary: 'Open a subsidy round now: every journey that has not applied yet joins it',
    request: { body: jsonBody(OpenRound) },
    responses: {
      202: jsonResponse('Journeys told', z.object({ signalled: z.number().int() })),
      400: errorResponse('Invalid round'),
    },
  });
  router.post('/api/rounds/open', async (req, res) => {
    const round = validate(OpenRound, req.body);
    res.status(202).json({ signalled: await announceRound(db, temporal, round) });
  });
  return router;
}
