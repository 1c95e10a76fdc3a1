/**
 * The record of who in the programme office read or changed what. Every request a signed-in member
 * makes is logged when it finishes: the route pattern (never the URL), the case or school it named,
 * and the answer's status. A failure to log is logged, not the request's failure.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import { JOURNEY_ID_PATTERN as BRIN_IN_JOURNEY_ID } from '../../workflows/contracts/journey';

export function auditOfficeAccess(db: Db, log: Logger): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      const session = res.locals.session;
      if (!session || !req.route) return;
      const params = req.params as Record<string, string | undefined>;
      const journeyId = params.journeyId && BRIN_IN_JOURNEY_ID.test(params.journeyId) ? params.journeyId : null;
      const brin = params.brin ?? (journeyId ? BRIN_IN_JOURNEY_ID.exec(journeyId)![1]! : null);
      db.officeAccess
        .create({
          data: {
            id: randomUUID(),
            staffId: session.staff.id,
            staffName: session.staff.name,
            kind: req.method === 'GET' ? 'read' : 'change',
            route: `${req.method} ${req.baseUrl}${req.route.path as string}`,
            journeyId,
            brin: brin && /^[0-9]{2}[A-Z]{2}$/.test(brin) ? brin : null,
            status: res.statusCode,
          },
        })
        .catch((error: unknown) => log.error({ err: error }, 'office access not recorded'));
    });
    next();
  };
}

export const OfficeAccessEntry = z
  .object({
    at: z.iso.datetime(),
    staffName: z.string(),
    kind: z.enum(['read', 'change']),
    route: z.string(),
    journeyId: z.string().nullable(),
    brin: z.string().nullable(),
    status: z.number().int(),
  })
  .openapi('OfficeAccessEntry');
export type OfficeAccessEntry = z.infer<typeof OfficeAccessEntry>;

export async function officeAccessFor(db: Db, where: { brin?: string; staffId?: string }, take = 500): Promise<OfficeAccessEntry[]> {
  const rows = await db.officeAccess.findMany({ where, orderBy: { at: 'desc' }, take });
  return rows.map((r) => ({
    at: r.at.toISOString(),
    staffName: r.staffName,
    kind: r.kind === 'read' ? 'read' : 'change',
    route: r.route,
    journeyId: r.journeyId,
    brin: r.brin,
    status: r.status,
  }));
}
