/**
 * What every school page shares: the opened link, the journey it belongs to as the school may see
 * it now (its own view: nothing that stays with the office can reach a page), and taking the
 * school's action through the one door for school actions, whose refusal becomes a page.
 */
import type { Request, Response } from 'express';
import type { SchoolJourneyView } from '../../domain/school-view';
import type { SchoolAction } from '../../services/journeys/journey-actions';
import type { LinkGrant } from '../../services/links/open-link';
import type { SchoolActionDependencies } from '../../services/school-actions/read-school-view';
import { takeSchoolAction } from '../../services/school-actions/take-school-action';
import type { AppError } from '../../services/errors';
import { toAppError } from '../errors-middleware';
import { refusalError } from './link-refusals';

export interface StepContext {
  token: string;
  link: LinkGrant;
  deps: SchoolActionDependencies;
  journey: SchoolJourneyView;
}

export interface SchoolStep {
  show(ctx: StepContext, req: Request, res: Response): Promise<void>;
  act(ctx: StepContext, req: Request, res: Response): Promise<void>;
}

export type UpdateOutcome = { ok: true; journey: SchoolJourneyView } | { ok: false; error: AppError };

/**
 * Takes the school's action with the page's link (checked again, its scope too, and marked used
 * when it is single-use); a refusal, the link's own or the journey's, comes back as the API's AppError.
 */
export async function sendAction(ctx: StepContext, action: SchoolAction, input: unknown): Promise<UpdateOutcome> {
  try {
    const taken = await takeSchoolAction(ctx.deps, { token: ctx.token, journeyId: ctx.link.journeyId, action, input });
    return taken.ok ? { ok: true, journey: taken.journey } : { ok: false, error: refusalError(taken.refusal) };
  } catch (error) {
    const known = toAppError(error);
    if (known) return { ok: false, error: known };
    throw error;
  }
}
