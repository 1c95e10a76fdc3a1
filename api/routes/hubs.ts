/** The office's regional hubs as JSON: their list, one hub with its actions, and the open learning trajectories schools can join. */
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { HubId, HubView } from '../../domain/hub';
import { SchoolYear, schoolYearOf } from '../../domain/school-year';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import { hubActions, readHub, takeHubAction } from '../../services/hubs/hub-actions';
import { HubSummary, listHubs } from '../../services/hubs/hub-record';
import { OpenTrajectory, openTrajectories } from '../../services/hubs/open-trajectories';
import { officeSession } from '../office/authenticate';
import { errorResponse, jsonBody, jsonResponse } from '../openapi';
import type { RouteTable } from '../route';
import { validate } from '../../services/validate';

export const HubParams = z.object({ hubId: HubId });

const BySchoolYear = z
  .object({
    schoolYear: SchoolYear.optional().describe('Default: the current school year'),
  })
  .openapi('BySchoolYear');

const schoolYearIn = (query: unknown) => validate(BySchoolYear, query).schoolYear ?? schoolYearOf(new Date());

/** Hubs (an expertschool's year with its learning trajectories): the office reads them and records what happened. */
export function hubsRouter(deps: { db: Db; temporal: Client }, routes: RouteTable): Router {
  const router = Router();
  const { db, temporal } = deps;

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/hubs',
      access: 'staff',
      summary: 'The hubs of a school year, with how full their trajectories are',
      request: { query: BySchoolYear },
      responses: { 200: jsonResponse('By expertschool name', z.array(HubSummary)), 400: errorResponse('A school year that cannot be read') },
    },
    async (req, res) => {
      res.json(await listHubs(db, { schoolYear: schoolYearIn(req.query) }));
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/hubs/{hubId}',
      access: 'staff',
      summary: 'A hub as its workflow sees it now (as the record keeps it once the workflow is gone)',
      request: { params: HubParams },
      responses: { 200: jsonResponse('The hub', HubView), 404: errorResponse('Unknown hub') },
    },
    async (req, res) => {
      const { hubId } = validate(HubParams, req.params);
      res.json(await readHub(deps, hubId));
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/trajectories',
      access: 'staff',
      summary: 'The learning trajectories of open hubs in a school year, with free places: what an ontwikkelschool can choose from',
      request: { query: BySchoolYear },
      responses: { 200: jsonResponse('By expertschool name, then position', z.array(OpenTrajectory)), 400: errorResponse('A school year that cannot be read') },
    },
    async (req, res) => {
      res.json(await openTrajectories(db, { schoolYear: schoolYearIn(req.query) }));
    },
  );

  for (const action of hubActions) {
    routes.add(
      router,
      {
        method: 'post',
        path: `/api/hubs/{hubId}/${action.name}`,
        access: 'staff',
        actorField: action.actorField,
        summary: action.summary,
        request: { params: HubParams, body: jsonBody(action.requestSchema) },
        responses: {
          200: jsonResponse('The hub after the action', HubView),
          400: errorResponse('Invalid input'),
          404: errorResponse('Unknown hub'),
          409: errorResponse('Not possible now (the year is over, the hub is closed, the outcome is already recorded)'),
        },
      },
      async (req, res) => {
        const { hubId } = validate(HubParams, req.params);
        res.json(await takeHubAction(temporal, hubId, action, req.body, officeSession(res, 'staff').staff.name));
      },
    );
  }

  return router;
}
