/**
 * The journey routes of the JSON API: start and read a journey, the office's actions and the
 * school's (through its link, by the one door for school actions), the timeline, the decision
 * letter, and revoking or resending a school's links. Each parses, calls a service, and answers.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { JourneyView, Track } from '../../domain/journey';
import { Brin } from '../../domain/school';
import { SchoolJourneyView } from '../../domain/school-view';
import { z } from '../../domain/zod';
import { LinkPurpose } from '../../domain/links';
import { revokeLinks } from '../../services/links/revoke-links';
import type { Db } from '../../platform/db';
import * as journey from '../../workflows/contracts/journey';
import { letterDocument, loadDecisionFacts } from '../../services/journeys/decision-letter';
import { journeyAction, journeyActions, takeJourneyAction, type SchoolAction } from '../../services/journeys/journey-actions';
import { openSchoolView } from '../../services/school-actions/read-school-view';
import { takeSchoolAction } from '../../services/school-actions/take-school-action';
import { readJourney } from '../../services/journeys/journey-record';
import { AppError } from '../../services/errors';
import { journeyTimeline, TimelineEntry } from '../../services/journeys/journey-timeline';
import { startJourney } from '../../services/journeys/start-journey';
import { requestLinkResend } from '../../services/links/new-links';
import { withStoredDraft } from '../../services/journeys/staged-drafts';
import { officeSession } from '../office/authenticate';
import { errorResponse, jsonBody, jsonResponse } from '../openapi';
import type { RouteTable } from '../route';
import { refusalError } from '../school/link-refusals';
import { bearerToken } from '../school/require-link';
import { validate } from '../../services/validate';

const StartJourneyRequest = z
  .object({
    brin: Brin,
    track: Track.default('expertschool'),
    hasAspirantYearBehind: z.boolean().default(false).describe('The school did the aspirant year in the previous school year'),
  })
  .openapi('StartJourneyRequest');

const ResendLink = z
  .object({
    purpose: LinkPurpose.describe('The step whose link is sent anew'),
    requestId: z.uuid().optional().describe('Send the same id again and no second mail goes out'),
  })
  .openapi('ResendLink');

const RevokeLinks = z
  .object({ purpose: LinkPurpose.optional().describe('Only the links for this step; all live links of the journey without it') })
  .openapi('RevokeLinks');

export const JourneyParams = z.object({ journeyId: z.string().regex(journey.JOURNEY_ID_PATTERN, { message: 'Onbekende reis.' }) });

export interface JourneyRouteDependencies {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** Requests per minute one address may make to the school's JSON actions, as to its pages (default 120). */
  schoolRequestsPerMinute?: number | undefined;
}

export function journeysRouter(deps: JourneyRouteDependencies, routes: RouteTable): Router {
  const router = Router();
  const { temporal } = deps;

  // A school's action asks the workflow and the database, as its pages do: a flood from one address is slowed alike.
  // Middleware, not a route: the routes themselves are declared (and documented) below.
  const schoolActionLimit = rateLimit({
    windowMs: 60_000,
    limit: deps.schoolRequestsPerMinute ?? 120,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Without a link there is nothing to slow down: the request is refused (401) before any work.
    skip: (req) => req.method !== 'POST' || !req.headers.authorization || journeyAction(String(req.params.action))?.who.office !== false,
    handler: (_req, _res, next) =>
      next(new AppError('too_many_requests', 'Er kwamen veel verzoeken tegelijk van uw netwerk. Probeer het over een minuut opnieuw.')),
  });
  router.use('/api/journeys/:journeyId/:action', schoolActionLimit);

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/journeys',
      access: 'staff',
      summary: "Start a school's journey",
      request: { body: jsonBody(StartJourneyRequest) },
      responses: {
        201: jsonResponse('Started', z.object({ journeyId: z.string() })),
        400: errorResponse('Invalid input'),
        404: errorResponse('Unknown school'),
        409: errorResponse('The school has a journey under way in this track (one that closed does not count: a new one starts)'),
      },
    },
    async (req, res) => {
      res.status(201).json(await startJourney(deps, validate(StartJourneyRequest, req.body)));
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/journeys/{journeyId}',
      access: 'staff',
      summary: 'A journey as the workflow sees it now (a closed one whose workflow Temporal no longer keeps: as its record keeps it)',
      request: { params: JourneyParams },
      responses: { 200: jsonResponse('The journey', JourneyView), 404: errorResponse('Unknown journey') },
    },
    async (req, res) => {
      const { journeyId } = validate(JourneyParams, req.params);
      res.json(await withStoredDraft(deps.db, await readJourney(deps, journeyId)));
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/journeys/{journeyId}/school-view',
      access: 'school',
      summary: 'The journey as the school sees it now (e.g. its place in line), with any of its live links as Bearer',
      request: { params: JourneyParams },
      responses: {
        200: jsonResponse('The journey, as the school sees it', SchoolJourneyView),
        401: errorResponse('No link token, or an unknown one'),
        403: errorResponse('The link is for another journey'),
        404: errorResponse('Unknown journey'),
        410: errorResponse('The link was revoked, used, or has expired, or the journey is closed'),
      },
    },
    async (req, res) => {
      const { journeyId } = validate(JourneyParams, req.params);
      const opened = await openSchoolView(deps, bearerToken(req.headers.authorization), { journeyId });
      if (!opened.ok) throw refusalError(opened.refusal);
      res.json(SchoolJourneyView.parse(opened.journey));
    },
  );

  for (const action of journeyActions) {
    const { who } = action;
    routes.add(
      router,
      {
        method: 'post',
        path: `/api/journeys/{journeyId}/${action.name}`,
        access: who.office ? 'staff' : 'school',
        ...(who.office ? { actorField: who.actorField } : {}),
        summary: action.summary,
        request: { params: JourneyParams, body: jsonBody(action.requestSchema) },
        responses: {
          // The school sees its own view of the journey; the office the whole of it.
          200: who.office
            ? jsonResponse('The journey after the action', JourneyView)
            : jsonResponse('The journey after the action, as the school sees it', SchoolJourneyView),
          400: errorResponse('Invalid input'),
          ...(who.office
            ? {}
            : {
                401: errorResponse('No link token, or an unknown one'),
                403: errorResponse('The link is for another journey or another step'),
                410: errorResponse('The link was revoked, used, or has expired, or the journey is closed'),
                429: errorResponse('Too many requests from this address (SCHOOL_PAGE_REQUESTS_PER_MINUTE)'),
              }),
          404: errorResponse('Unknown journey'),
          409: errorResponse('Not possible in the current phase'),
          422: errorResponse('Against the subsidy rules'),
        },
      },
      async (req, res) => {
        const { journeyId } = validate(JourneyParams, req.params);
        if (who.office) {
          res.json(await takeJourneyAction(temporal, journeyId, action, req.body, officeSession(res, 'staff').staff.name, deps.db));
          return;
        }
        const token = bearerToken(req.headers.authorization);
        const taken = await takeSchoolAction(deps, { token, journeyId, action: action.update.name as SchoolAction, input: req.body });
        if (!taken.ok) throw refusalError(taken.refusal);
        res.json(SchoolJourneyView.parse(taken.journey));
      },
    );
  }

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/journeys/{journeyId}/timeline',
      access: 'staff',
      summary: "The case's timeline: its recorded steps and the mails sent about it",
      request: { params: JourneyParams },
      responses: { 200: jsonResponse('Oldest first', z.object({ entries: z.array(TimelineEntry) })) },
    },
    async (req, res) => {
      const { journeyId } = validate(JourneyParams, req.params);
      res.json({ entries: await journeyTimeline(deps.db, journeyId) });
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/journeys/{journeyId}/decision-letter.pdf',
      access: 'staff',
      summary: 'The decision letter (PDF) on the latest decided application: the same letter the school received with its decision mail',
      request: { params: JourneyParams },
      responses: {
        200: {
          description: 'The letter, made again from the stored decision',
          content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
        },
      },
    },
    async (req, res) => {
      const { journeyId } = validate(JourneyParams, req.params);
      const facts = await loadDecisionFacts(deps.db, { journeyId });
      if (!facts) throw new AppError('not_found', 'Over deze aanvraag is nog geen besluit genomen: er is nog geen besluitbrief.');
      const { filename, content } = await letterDocument(facts);
      res.set({ 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' });
      res.type('application/pdf').send(content);
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/journeys/{journeyId}/links/revoke',
      access: 'staff',
      summary: "Office: revoke the school's live links for this journey (e.g. a mail went to the wrong person)",
      request: { params: JourneyParams, body: jsonBody(RevokeLinks) },
      responses: { 200: jsonResponse('How many links were revoked', z.object({ revoked: z.number().int() })), 400: errorResponse('Invalid input') },
    },
    async (req, res) => {
      const { journeyId } = validate(JourneyParams, req.params);
      const { purpose } = validate(RevokeLinks, req.body);
      const revokedBy = officeSession(res, 'staff').staff.name;
      res.json({ revoked: await revokeLinks(deps.db, { journeyId, revokedBy, ...(purpose ? { purpose } : {}) }) });
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/journeys/{journeyId}/links/resend',
      access: 'staff',
      summary: "Office: mail the school a fresh link for a step (to its known address); the step's earlier links stop working",
      request: { params: JourneyParams, body: jsonBody(ResendLink) },
      responses: { 202: jsonResponse('Will be sent (when the step is still open)', z.object({ requestId: z.string() })), 400: errorResponse('Invalid input') },
    },
    async (req, res) => {
      const { journeyId } = validate(JourneyParams, req.params);
      const { purpose, requestId = randomUUID() } = validate(ResendLink, req.body);
      await requestLinkResend(deps, { journeyId, purpose, requestId, requestedBy: officeSession(res, 'staff').staff.name });
      res.status(202).json({ requestId });
    },
  );

  return router;
}
