/** What the privacy rules ask of the office as JSON: a school's data exported, and who in the office looked at what. */
import { Router } from 'express';
import { Brin } from '../../domain/school';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import { OfficeAccessEntry, officeAccessFor } from '../../services/privacy/office-access-log';
import { exportSchool } from '../../services/privacy/school-export';
import { AppError } from '../../services/errors';
import { errorResponse, jsonResponse } from '../openapi';
import type { RouteTable } from '../route';
import { validate } from '../../services/validate';

const BrinParams = z.object({ brin: Brin });
const AccessQuery = z.object({ brin: Brin.optional(), staffId: z.uuid().optional() }).openapi('OfficeAccessQuery');

/** Privacy (AVG): everything held about a school, and who in the office read or changed what. */
export function privacyRouter({ db }: { db: Db }, routes: RouteTable): Router {
  const router = Router();

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/schools/{brin}/export',
      access: 'admin',
      summary: 'Everything Koers holds about one school (its journeys, records, mails, links, and who in the office accessed them)',
      request: { params: BrinParams },
      responses: { 200: jsonResponse('The export, as a download', z.object({ exportedAt: z.string() }).loose()), 404: errorResponse('Unknown school') },
    },
    async (req, res) => {
      const { brin } = validate(BrinParams, req.params);
      const exported = await exportSchool(db, brin);
      if (!exported) throw new AppError('school_not_found', `Er is geen school met BRIN-code ${brin} bekend.`);
      res.attachment(`koers-${brin}-${exported.exportedAt.slice(0, 10)}.json`).json(exported);
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/office-access',
      access: 'admin',
      summary: 'Who in the office read or changed what, newest first (500 at most); by school or by staff member',
      request: { query: AccessQuery },
      responses: { 200: jsonResponse('Entries', z.array(OfficeAccessEntry)) },
    },
    async (req, res) => {
      const { brin, staffId } = validate(AccessQuery, req.query);
      res.json(await officeAccessFor(db, { ...(brin ? { brin } : {}), ...(staffId ? { staffId } : {}) }));
    },
  );

  return router;
}
