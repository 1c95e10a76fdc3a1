/** The office's cohorts of the school development trajectory as JSON: the twins of /kantoor/cohorten, on the same services. */
import { Router } from 'express';
import { CohortId, CohortStatus, CohortView, CreateCohort, RegisterForCohort } from '../../domain/cohort';
import { SchoolYear } from '../../domain/school-year';
import { z } from '../../domain/zod';
import {
  confirmDevelopmentGroups,
  createCohort,
  cohortView,
  listCohorts,
  proposeDevelopmentGroups,
  registerForCohort,
  type CohortDependencies,
} from '../../services/cohorts/manage-cohorts';
import { officeSession } from '../office/authenticate';
import { errorResponse, jsonBody, jsonResponse } from '../openapi';
import type { RouteTable } from '../route';
import { validate } from '../../services/validate';

const CohortParams = z.object({ cohortId: CohortId });

const CohortSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    schoolYear: SchoolYear,
    capacity: z.number().int(),
    registrationClosesAt: z.string(),
    kickOffOn: z.string(),
    startDayOn: z.string(),
    status: CohortStatus,
  })
  .openapi('CohortSummary');

/** Office: cohorts of the school development trajectory (VO), their registrations and development groups. */
export function cohortsRouter(deps: CohortDependencies, routes: RouteTable): Router {
  const router = Router();

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/cohorts',
      summary: 'Create a cohort of the school development trajectory: its places, registration deadline, kick-off and start day',
      request: { body: jsonBody(CreateCohort) },
      responses: {
        201: jsonResponse('Created', CohortSummary),
        400: errorResponse('Invalid input (e.g. the kick-off not before the start day)'),
        409: errorResponse('A cohort with this id exists'),
      },
      access: 'admin',
    },
    async (req, res) => {
      res.status(201).json(await createCohort(deps, validate(CreateCohort, req.body)));
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/cohorts',
      summary: 'All cohorts, latest start day first',
      responses: { 200: jsonResponse('Cohorts', z.array(CohortSummary)) },
      access: 'staff',
    },
    async (_req, res) => {
      res.json(await listCohorts(deps.db));
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/cohorts/{cohortId}',
      summary: 'A cohort as its workflow holds it: places, waiting list, schools ready for grouping, the proposal with its problems, the confirmed groups',
      request: { params: CohortParams },
      responses: { 200: jsonResponse('The cohort', CohortView), 404: errorResponse('Unknown cohort') },
      access: 'staff',
    },
    async (req, res) => {
      res.json(await cohortView(deps, validate(CohortParams, req.params).cohortId));
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/cohorts/{cohortId}/registrations',
      summary: 'Register a VO school for the cohort: its journey starts and the school leader is mailed the link to complete the registration',
      request: { params: CohortParams, body: jsonBody(RegisterForCohort) },
      responses: {
        201: jsonResponse('Started', z.object({ journeyId: z.string() })),
        404: errorResponse('Unknown cohort or school'),
        409: errorResponse('Registration closed, or the school already has a journey in this track'),
        422: errorResponse('The school is not a VO school'),
      },
      access: 'staff',
    },
    async (req, res) => {
      const { cohortId } = validate(CohortParams, req.params);
      res.status(201).json(await registerForCohort(deps, cohortId, validate(RegisterForCohort, req.body).brin));
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/cohorts/{cohortId}/groups/proposal',
      summary: 'Propose development groups of 5 to 7 schools by theme from the placed schools whose intake is done; problems say who cannot be grouped and why',
      request: { params: CohortParams },
      responses: {
        200: jsonResponse('The cohort with its proposal', CohortView),
        404: errorResponse('Unknown cohort'),
        409: errorResponse('The groups have started'),
      },
      access: 'staff',
    },
    async (req, res) => {
      const { cohortId } = validate(CohortParams, req.params);
      res.json(await proposeDevelopmentGroups(deps, cohortId, officeSession(res, 'staff').staff.name));
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/cohorts/{cohortId}/groups/confirm',
      summary: 'Confirm the proposed development groups: each member school is told its group, kick-off and start day',
      request: { params: CohortParams },
      responses: {
        200: jsonResponse('The cohort with its groups', CohortView),
        404: errorResponse('Unknown cohort'),
        409: errorResponse('No proposal, or an outdated one'),
        422: errorResponse('No group can be formed: the problems, in Dutch'),
      },
      access: 'staff',
    },
    async (req, res) => {
      const { cohortId } = validate(CohortParams, req.params);
      res.json(await confirmDevelopmentGroups(deps, cohortId, officeSession(res, 'staff').staff.name));
    },
  );

  return router;
}
