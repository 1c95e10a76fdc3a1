import { Router } from 'express';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import { CaseFilters, CaseList, listCases, MailProblem, mailProblems } from '../../services/office/case-list';
import { buildReports, ReportPeriod, Reports } from '../../services/office/reports';
import { errorResponse, jsonResponse } from '../openapi';
import type { RouteTable } from '../route';
import { validate } from '../../services/validate';

/** What the office's pages show, as JSON: the case list, the problems, the reports. */
export function officeRouter({ db }: { db: Db }, routes: RouteTable): Router {
  const router = Router();

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/cases',
      access: 'staff',
      summary: 'Every case, filtered and searched, what needs attention first; 50 a page',
      request: { query: CaseFilters },
      responses: { 200: jsonResponse('A page of cases', CaseList), 400: errorResponse('A filter that cannot be read') },
    },
    async (req, res) => {
      res.json(await listCases(db, validate(CaseFilters, req.query)));
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/problems',
      access: 'staff',
      summary: 'Mails that keep failing (being retried), with their last error',
      responses: { 200: jsonResponse('Oldest first', z.array(MailProblem)) },
    },
    async (_req, res) => {
      res.json(await mailProblems(db));
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/reports',
      access: 'staff',
      summary: 'KPIs against targets, schools per phase and round, subsidy per round, equal-access monitor of the inflow',
      request: { query: ReportPeriod },
      responses: { 200: jsonResponse('The figures', Reports), 400: errorResponse('A date that cannot be read') },
    },
    async (req, res) => {
      res.json(await buildReports(db, validate(ReportPeriod, req.query)));
    },
  );

  return router;
}
