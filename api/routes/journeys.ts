import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { Router } from 'express';
import {
  CancelJourney,
  DecideApplication,
  JourneyView,
  PlanConversation,
  RecordAspirantOutcome,
  RecordConversationReport,
  RecordIntakeOutcome,
  RegisterExpertTeam,
  RespondToConversation,
  SaveApplicationDraft,
  SubmitApplication,
  Track,
} from '../../domain/journey';
import { Brin } from '../../domain/school';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import * as journey from '../../workflows/expertschool-journey.messages';
import { markLinkUsed, revokeLinks } from '../../links/open-link';
import { LinkPurpose } from '../../links/link-token';
import { journeyTimeline, TimelineEntry } from '../journeys/journey-timeline';
import { startJourney } from '../journeys/start-journey';
import { requireLink } from '../school/require-link';
import { errorResponse, jsonBody, jsonResponse, type OpenAPIRegistry } from '../openapi';
import { AppError } from '../errors';
import { validate } from '../validate';

const StartJourneyRequest = z
  .object({
    brin: Brin,
    track: Track.default('expertschool'),
    hasAspirantYearBehind: z.boolean().default(false).describe('The school did the aspirant year in the previous school year'),
  })
  .openapi('StartJourneyRequest');

const RevokeLinks = z
  .object({
    purpose: LinkPurpose.optional().describe('Only the links for this step; all live links of the journey without it'),
    revokedBy: z.string().trim().min(2, { message: 'Vul in wie de links intrekt.' }).max(200),
  })
  .openapi('RevokeLinks');

const JourneyParams = z.object({ journeyId: z.string().regex(/^journey-[a-z]+-[0-9]{2}[A-Z]{2}$/, { message: 'Onbekende reis.' }) });

interface ActionRoute {
  schema: z.ZodType;
  summary: string;
  /** For a school's action: the step its link must be for. Office actions have none. */
  linkPurpose?: LinkPurpose;
  /** Validates the body with the action's schema and sends it as the workflow's Update. */
  run(handle: WorkflowHandle, body: unknown): Promise<JourneyView>;
}

function action<T>(update: UpdateDefinition<JourneyView, [T]>, schema: z.ZodType<T>, summary: string): ActionRoute {
  return { schema, summary, run: (handle, body) => handle.executeUpdate(update, { args: [validate(schema, body)] }) };
}

/** A school acts with the token of the link it was mailed for this step. */
function schoolAction<T>(update: UpdateDefinition<JourneyView, [T]>, schema: z.ZodType<T>, summary: string, linkPurpose: LinkPurpose): ActionRoute {
  return { ...action(update, schema, summary), linkPurpose };
}

/** One route per action: POST /api/journeys/{journeyId}/{action}. */
const actions: Record<string, ActionRoute> = {
  'conversation-plan': action(journey.planConversation, PlanConversation, 'Office: plan the (evaluation) conversation; the school gets an invitation with a calendar file'),
  'conversation-response': schoolAction(journey.respondToConversation, RespondToConversation, 'School: confirm the planned conversation or ask for another moment', 'conversation'),
  'conversation-report': action(journey.recordConversationReport, RecordConversationReport, 'Office: record the report of the (evaluation) conversation'),
  'intake-outcome': action(journey.recordIntakeOutcome, RecordIntakeOutcome, 'Office: record the intake outcome, which routes the school'),
  'application-draft': schoolAction(journey.saveApplicationDraft, SaveApplicationDraft, 'School: save a half-filled application to resume later', 'application'),
  application: schoolAction(journey.submitApplication, SubmitApplication, 'School: submit the application (checked against the subsidy rules)', 'application'),
  decision: action(journey.decideApplication, DecideApplication, 'Office: approve or reject the application, with a reason'),
  'expert-team': schoolAction(journey.registerExpertTeam, RegisterExpertTeam, 'School: name the expert team of the aspirant year', 'expert-team'),
  'aspirant-outcome': action(journey.recordAspirantOutcome, RecordAspirantOutcome, 'Office: record how the aspirant year ended'),
  cancel: action(journey.cancelJourney, CancelJourney, 'Office: stop the journey, with a reason'),
};

async function journeyHasEnded(handle: WorkflowHandle): Promise<boolean> {
  const description = await handle.describe().catch(() => undefined);
  return description !== undefined && description.status.name !== 'RUNNING';
}

export interface JourneyRouteDependencies {
  db: Db;
  temporal: Client;
  taskQueue: string;
}

export function journeysRouter(deps: JourneyRouteDependencies, registry: OpenAPIRegistry): Router {
  const router = Router();
  const { temporal } = deps;

  registry.registerPath({
    method: 'post',
    path: '/api/journeys',
    summary: "Start a school's journey",
    request: { body: jsonBody(StartJourneyRequest) },
    responses: {
      201: jsonResponse('Started', z.object({ journeyId: z.string() })),
      400: errorResponse('Invalid input'),
      404: errorResponse('Unknown school'),
      409: errorResponse('The school already has a journey in this track'),
    },
  });
  router.post('/api/journeys', async (req, res) => {
    const request = validate(StartJourneyRequest, req.body);
    res.status(201).json(await startJourney(deps, request));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/journeys/{journeyId}',
    summary: 'A journey as the workflow sees it now',
    request: { params: JourneyParams },
    responses: { 200: jsonResponse('The journey', JourneyView), 404: errorResponse('Unknown journey') },
  });
  router.get('/api/journeys/:journeyId', async (req, res) => {
    const { journeyId } = validate(JourneyParams, req.params);
    res.json(await temporal.workflow.getHandle(journeyId).query(journey.getJourney));
  });

  registry.registerComponent('securitySchemes', 'schoolLink', {
    type: 'http',
    scheme: 'bearer',
    description: "The token of the link e-mailed to the school for this step (the last part of https://…/s/<token>)",
  });

  for (const [name, { schema, summary, run, linkPurpose }] of Object.entries(actions)) {
    registry.registerPath({
      method: 'post',
      path: `/api/journeys/{journeyId}/${name}`,
      summary,
      ...(linkPurpose ? { security: [{ schoolLink: [] }] } : {}),
      request: { params: JourneyParams, body: jsonBody(schema) },
      responses: {
        200: jsonResponse('The journey after the action', JourneyView),
        400: errorResponse('Invalid input'),
        ...(linkPurpose
          ? {
              401: errorResponse('No link token, or an unknown one'),
              403: errorResponse('The link is for another journey or another step'),
              410: errorResponse('The link was revoked, used, or has expired, or the journey is closed'),
            }
          : {}),
        404: errorResponse('Unknown journey'),
        409: errorResponse('Not possible in the current phase'),
        422: errorResponse('Against the subsidy rules'),
      },
    });
    router.post(`/api/journeys/:journeyId/${name}`, async (req, res) => {
      const { journeyId } = validate(JourneyParams, req.params);
      const link = linkPurpose ? await requireLink(deps.db, req.headers.authorization, journeyId, linkPurpose) : null;
      const handle = temporal.workflow.getHandle(journeyId);
      try {
        const view = await run(handle, req.body);
        if (link?.singleUse) await markLinkUsed(deps.db, link.id);
        res.json(view);
      } catch (error) {
        // A journey that has ended is still found, but takes no more Updates.
        if (error instanceof WorkflowNotFoundError && (await journeyHasEnded(handle))) {
          throw new AppError('not_allowed_now', journey.JOURNEY_CLOSED_MESSAGE);
        }
        throw error;
      }
    });
  }

  registry.registerPath({
    method: 'get',
    path: '/api/journeys/{journeyId}/timeline',
    summary: "The case's timeline: its recorded steps and the mails sent about it",
    request: { params: JourneyParams },
    responses: { 200: jsonResponse('Oldest first', z.object({ entries: z.array(TimelineEntry) })) },
  });
  router.get('/api/journeys/:journeyId/timeline', async (req, res) => {
    const { journeyId } = validate(JourneyParams, req.params);
    res.json({ entries: await journeyTimeline(deps.db, journeyId) });
  });

  registry.registerPath({
    method: 'post',
    path: '/api/journeys/{journeyId}/links/revoke',
    summary: "Office: revoke the school's live links for this journey (e.g. a mail went to the wrong person)",
    request: { params: JourneyParams, body: jsonBody(RevokeLinks) },
    responses: { 200: jsonResponse('How many links were revoked', z.object({ revoked: z.number().int() })), 400: errorResponse('Invalid input') },
  });
  router.post('/api/journeys/:journeyId/links/revoke', async (req, res) => {
    const { journeyId } = validate(JourneyParams, req.params);
    const { purpose, revokedBy } = validate(RevokeLinks, req.body);
    res.json({ revoked: await revokeLinks(deps.db, { journeyId, revokedBy, ...(purpose ? { purpose } : {}) }) });
  });

  return router;
}
