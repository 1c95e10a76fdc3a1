/**
 * What every school page shares: the opened link, the journey it belongs to as the school may see
 * it now (its own view: nothing that stays with the office can reach a page), and sending an
 * action to the workflow as an Update whose refusal becomes a page.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Request, Response } from 'express';
import type { JourneyView } from '../../domain/journey';
import { schoolViewOf, type SchoolJourneyView } from '../../domain/school-view';
import type { OpenLink } from '../../services/links/open-link';
import type { Db } from '../../platform/db';
import { getJourney } from '../../workflows/contracts/journey';
import type { AppError } from '../errors';
import { toAppError } from '../errors-middleware';
import { executeJourneyUpdate, withStoredDraft } from '../../services/journeys/staged-drafts';

export interface StepContext {
  token: string;
  link: OpenLink;
  db: Db;
  handle: WorkflowHandle;
  journey: SchoolJourneyView;
}

export interface SchoolStep {
  show(ctx: StepContext, req: Request, res: Response): Promise<void>;
  act(ctx: StepContext, req: Request, res: Response): Promise<void>;
}

export async function loadStep(deps: { db: Db; temporal: Client }, token: string, link: OpenLink): Promise<StepContext> {
  const handle = deps.temporal.workflow.getHandle(link.journeyId);
  return { token, link, db: deps.db, handle, journey: schoolViewOf(await withStoredDraft(deps.db, await handle.query(getJourney))) };
}

export type UpdateOutcome = { ok: true; journey: SchoolJourneyView } | { ok: false; error: AppError };

/** Sends the school's action to its journey; a refusal comes back as the API's AppError. */
export async function sendAction<T>(ctx: StepContext, update: UpdateDefinition<JourneyView, [T]>, input: T): Promise<UpdateOutcome> {
  try {
    return { ok: true, journey: schoolViewOf(await executeJourneyUpdate(ctx.db, ctx.handle, update, input)) };
  } catch (error) {
    const known = toAppError(error);
    if (known) return { ok: false, error: known };
    throw error;
  }
}
