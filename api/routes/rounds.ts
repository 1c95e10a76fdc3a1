/** The office's subsidy rounds and their yearly plan as JSON: the twins of /kantoor/rondes, on the same services. */
import { Router } from 'express';
import { CancelRound, CreateRound, RescheduleRound, RoundId, RoundView } from '../../domain/round';
import { z } from '../../domain/zod';
import { RoundPlan } from '../../domain/round-plan';
import { officeSession } from '../office/authenticate';
import { listRoundPlans, saveRoundPlan } from '../../services/rounds/round-plan';
import { cancelRound, createRound, getRound, listRounds, openRoundNow, rescheduleRound, type RoundDependencies } from '../../services/rounds/manage-rounds';
import { errorResponse, jsonBody, jsonResponse } from '../openapi';
import type { RouteTable } from '../route';
import { validate } from '../../services/validate';

const RoundParams = z.object({ roundId: RoundId });
const notChangeable = errorResponse('Closed or cancelled already, or open (only its closing moment can move)');

/** Office: subsidy rounds. */
export function roundsRouter(deps: RoundDependencies, routes: RouteTable): Router {
  const router = Router();

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/rounds',
      summary: 'Create a subsidy round; a Schedule opens it at its opening moment (at once when that has passed)',
      request: { body: jsonBody(CreateRound) },
      responses: {
        201: jsonResponse('Created', RoundView),
        400: errorResponse('Invalid input (e.g. closing before opening)'),
        409: errorResponse('Exists, or overlaps a round for the same track and school year'),
        422: errorResponse('Closing moment in the past, or no amounts for the school year'),
      },
      access: 'admin',
    },
    async (req, res) => {
      res.status(201).json(await createRound(deps, validate(CreateRound, req.body)));
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/rounds',
      summary: 'All subsidy rounds, newest first',
      responses: { 200: jsonResponse('Rounds', z.array(RoundView)) },
      access: 'staff',
    },
    async (_req, res) => {
      res.json(await listRounds(deps.db));
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/rounds/{roundId}',
      summary: 'A subsidy round',
      request: { params: RoundParams },
      responses: { 200: jsonResponse('The round', RoundView), 404: errorResponse('Unknown round') },
      access: 'staff',
    },
    async (req, res) => {
      res.json(await getRound(deps.db, validate(RoundParams, req.params).roundId));
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/rounds/{roundId}/reschedule',
      summary: 'Move the opening (while scheduled) or closing moment',
      request: { params: RoundParams, body: jsonBody(RescheduleRound) },
      responses: {
        200: jsonResponse('The round', RoundView),
        400: errorResponse('Invalid input'),
        404: errorResponse('Unknown round'),
        409: notChangeable,
        422: errorResponse('Closing moment in the past'),
      },
      access: 'admin',
    },
    async (req, res) => {
      const { roundId } = validate(RoundParams, req.params);
      res.json(await rescheduleRound(deps, roundId, validate(RescheduleRound, req.body)));
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/rounds/{roundId}/open-now',
      summary: 'Open a scheduled round now',
      request: { params: RoundParams },
      responses: { 200: jsonResponse('The round', RoundView), 404: errorResponse('Unknown round'), 409: notChangeable },
      access: 'admin',
    },
    async (req, res) => {
      res.json(await openRoundNow(deps, validate(RoundParams, req.params).roundId));
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/rounds/{roundId}/cancel',
      summary: 'Cancel a round; journeys applying in it wait for the next one',
      request: { params: RoundParams, body: jsonBody(CancelRound) },
      responses: { 200: jsonResponse('The round', RoundView), 400: errorResponse('Invalid input'), 404: errorResponse('Unknown round'), 409: notChangeable },
      access: 'admin',
    },
    async (req, res) => {
      const { roundId } = validate(RoundParams, req.params);
      res.json(await cancelRound(deps, roundId, validate(CancelRound, req.body).reason));
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/round-plans',
      summary: 'The yearly round plan: per track, when its round opens and closes every school year',
      responses: { 200: jsonResponse('Plans', z.array(RoundPlan)) },
      access: 'staff',
    },
    async (_req, res) => {
      res.json(await listRoundPlans(deps.db));
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/round-plans',
      summary: "Save a track's yearly round plan; its recurring Schedule makes and opens each year's round",
      request: { body: jsonBody(RoundPlan) },
      responses: {
        200: jsonResponse('The plan', RoundPlan),
        400: errorResponse('Invalid input'),
        422: errorResponse('A day not every year has, or closing on the opening day'),
      },
      access: 'admin',
    },
    async (req, res) => {
      res.json(await saveRoundPlan(deps, validate(RoundPlan, req.body), officeSession(res, 'admin').staff.name));
    },
  );

  return router;
}
