/**
 * What the office does to a hub, each the hub workflow's Update, with the field that names who
 * acted, which comes from the session and never from the request; and how the office reads a hub.
 */
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import {
  RecordHubOutcome,
  RecordHubOutcomeRequest,
  RecordKnowledgeSharing,
  RecordKnowledgeSharingRequest,
  RecordTrajectorySession,
  RecordTrajectorySessionRequest,
  ReleasePlace,
  ReleasePlaceRequest,
  type HubView,
} from '../../domain/hub';
import type { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import * as hub from '../../workflows/contracts/hub-year';
import { AppError } from '../errors';
import { validate } from '../validate';
import { hubFromRecord } from './hub-record';

export interface HubActionSpec {
  /** The URL segment: POST /api/hubs/{hubId}/{name} */
  name: string;
  summary: string;
  update: UpdateDefinition<HubView, [never]>;
  /** The Update's input. */
  schema: z.ZodType;
  /** What a request sends: the input without the actor field. */
  requestSchema: z.ZodType;
  actorField: string;
}

function action<T>(
  name: string,
  update: UpdateDefinition<HubView, [T]>,
  schema: z.ZodType<T>,
  requestSchema: z.ZodType,
  actorField: keyof T & string,
  summary: string,
): HubActionSpec {
  return { name, summary, update: update as UpdateDefinition<HubView, [never]>, schema, requestSchema, actorField };
}

export const hubActions: HubActionSpec[] = [
  action(
    'sessions',
    hub.recordTrajectorySession,
    RecordTrajectorySession,
    RecordTrajectorySessionRequest,
    'recordedBy',
    "Office: record a trajectory's start session or a training",
  ),
  action(
    'knowledge-sharing',
    hub.recordKnowledgeSharing,
    RecordKnowledgeSharing,
    RecordKnowledgeSharingRequest,
    'recordedBy',
    'Office: record a knowledge-sharing activity of the expertschool (lecture, webinar, inspiration session)',
  ),
  action(
    'outcome',
    hub.recordHubOutcome,
    RecordHubOutcome,
    RecordHubOutcomeRequest,
    'decidedBy',
    'Office: decide whether the expertschool continues after this year',
  ),
  action(
    'release',
    hub.releasePlace,
    ReleasePlace,
    ReleasePlaceRequest,
    'releasedBy',
    "Office: release a school's place or place in line, with a reason; the place is offered to the next in line",
  ),
];

export function hubAction(name: string): HubActionSpec | undefined {
  return hubActions.find((a) => a.name === name);
}

const HUB_UNKNOWN_MESSAGE = 'Deze hub bestaat niet.';

async function isRunning(handle: WorkflowHandle): Promise<boolean> {
  const description = await handle.describe().catch(() => undefined);
  return description?.status.name === 'RUNNING';
}

/** Validates the input (the actor named by the caller) and sends it as the Update; answers the hub as it then stands. */
export async function takeHubAction(temporal: Client, hubId: string, spec: HubActionSpec, body: unknown, actorName: string): Promise<HubView> {
  const raw = typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, [spec.actorField]: actorName } : body;
  const input = validate(spec.schema, raw) as never;
  const handle = temporal.workflow.getHandle(hubId);
  try {
    return await handle.executeUpdate(spec.update, { args: [input] });
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    // A hub whose year is closed is still found, but takes no more Updates.
    const description = await handle.describe().catch(() => undefined);
    throw description ? new AppError('not_allowed_now', hub.HUB_CLOSED_MESSAGE) : new AppError('not_found', HUB_UNKNOWN_MESSAGE);
  }
}

/** The hub as its workflow sees it now; once the workflow is gone or closed, as the record keeps it. */
export async function readHub(deps: { db: Db; temporal: Client }, hubId: string): Promise<HubView> {
  const handle = deps.temporal.workflow.getHandle(hubId);
  try {
    return await handle.query(hub.getHub);
  } catch (error) {
    if (await isRunning(handle)) throw error;
    const recorded = await hubFromRecord(deps.db, hubId);
    if (!recorded) throw new AppError('not_found', HUB_UNKNOWN_MESSAGE);
    return recorded;
  }
}
