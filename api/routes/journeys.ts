import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { Router } from 'express';
import {
  CancelJourney,
  DecideApplication,
  JourneyView,
  RecordAspirantOutcome,
  RecordConversationReport,
  RecordIntakeOutcome,
  RegisterExpertTeam,
  SaveApplicationDraft,
  SubmitApplication,
  Track,
} from '../../domain/journey';
import { Brin } from '../../domain/school';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import * as journey from '../../workflows/expertschool-journey.messages';
import { startJourney } from '../journeys/start-journey';
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

const JourneyParams = z.object({ journeyId: z.string().regex(/^journey-[a-z]+-[0-9]{2}[A-Z]{2}$/, { message: 'Onbekende reis.' }) });

interface ActionRoute {
  schema: z.ZodType;
  summary: string;
  /** Validates the body with the action's schema and sends it as the workflow's Update. */
  run(handle: WorkflowHandle, body: unknown): Promise<JourneyView>;
}

function action<T>(update: UpdateDefinition<JourneyView, [T]>, schema: z.ZodType<T>, summary: string): ActionRoute {
  return { schema, summary, run: (handle, body) => handle.executeUpdate(update, { args: [validate(schema, body)] }) };
}

/** One route per action: POST /api/journeys/{journeyId}/{action}. */
const actions: Record<string, ActionRoute> = {
  'conversation-report': action(journey.recordConversationReport, RecordConversationReport, 'Office: record the report of the (evaluation) conversation'),
  'intake-outcome': action(journey.recordIntakeOutcome, RecordIntakeOutcome, 'Office: record the intake outcome, which routes the school'),
  'application-draft': action(journey.saveApplicationDraft, SaveApplicationDraft, 'School: save a half-filled application to resume later'),
  application: action(journey.submitApplication, SubmitApplication, 'School: submit the application (checked against the subsidy rules)'),
  decision: action(journey.decideApplication, DecideApplication, 'Office: approve or reject the application, with a reason'),
  'expert-team': action(journey.registerExpertTeam, RegisterExpertTeam, 'School: name the expert team of the aspirant year'),
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

  for (const [name, { schema, summary, run }] of Object.entries(actions)) {
    registry.registerPath({
      method: 'post',
      path: `/api/journeys/{journeyId}/${name}`,
      summary,
      request: { params: JourneyParams, body: jsonBody(schema) },
      responses: {
        200: jsonResponse('The journey after the action', JourneyView),
        400: errorResponse('Invalid input'),
        404: errorResponse('Unknown journey'),
        409: errorResponse('Not possible in the current phase'),
        422: errorResponse('Against the subsidy rules'),
      },
    });
    router.post(`/api/journeys/:journeyId/${name}`, async (req, res) => {
      const { journeyId } = validate(JourneyParams, req.params);
      const handle = temporal.workflow.getHandle(journeyId);
      try {
        res.json(await run(handle, req.body));
      } catch (error) {
        // A journey that has ended is still found, but takes no more Updates.
        if (error instanceof WorkflowNotFoundError && (await journeyHasEnded(handle))) {
          throw new AppError('not_allowed_now', journey.JOURNEY_CLOSED_MESSAGE);
        }
        throw error;
      }
    });
  }

  return router;
}
