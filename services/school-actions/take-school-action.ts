/**
 * The one door for a school's action, from its e-mailed link: the school's pages and the JSON API
 * both come here. It opens and checks the link (valid, this journey, this step, within its scope),
 * sends the action to the journey as its Update, and marks a single-use link used: in that order,
 * and only here.
 *
 * Both or neither, without a transaction across Temporal and PostgreSQL: the Update of a
 * single-use link carries an id derived from the link (`link-<linkId>`). Should the process die
 * after the Update but before the link is marked, the link is still valid; the school's retry
 * sends the same id, Temporal answers with the first Update's outcome instead of taking the step
 * again (it deduplicates Updates by id within a run), and the link is marked then. A refused
 * Update is not kept, so a corrected retry is taken. A multi-use link (an application, a
 * trajectory choice, a registration) is never marked, so each of its Updates gets its own id.
 */
import type { JourneyView } from '../../domain/journey';
import { schoolViewOf, type SchoolJourneyView } from '../../domain/school-view';
import { AppError } from '../errors';
import { validate } from '../validate';
import { schoolActionSpec, sendJourneyUpdate, type JourneyActionSpec, type SchoolAction } from '../journeys/journey-actions';
import { readJourney } from '../journeys/journey-record';
import { markLinkUsed, type LinkGrant, type LinkRefusal } from '../links/open-link';
import type { SchoolActionDependencies } from './read-school-view';
import { openSchoolLink } from './school-link';

type SchoolActionSpec = ReturnType<typeof schoolActionSpec>;

export interface SchoolActionRequest {
  /** The link's token, as the mail carried it. */
  token: string;
  /** The journey acted on: the JSON API's path, or the link's own on a page. */
  journeyId: string;
  action: SchoolAction;
  /** Validated here against the action's schema. */
  input: unknown;
}

/** The step was taken (the answer: the journey as the school may see it), or the link opens nothing. */
export type SchoolActionOutcome = { ok: true; link: LinkGrant; journey: SchoolJourneyView } | { ok: false; refusal: LinkRefusal };

/** The id of the one Update a single-use link may send. */
export const linkUpdateId = (link: Pick<LinkGrant, 'id'>): string => `link-${link.id}`;

/**
 * A school action whose link opens only part of its step (one form, one offered place) is refused
 * when the input reaches beyond the link's scope, and when no link is given at all: it fails closed.
 */
export function checkLinkScope(action: JourneyActionSpec, input: never, link: Pick<LinkGrant, 'scope'> | undefined): void {
  if (action.who.office || !action.who.withinScope) return;
  if (!link) throw new AppError('link_required', 'Deze actie vraagt om de link uit de e-mail aan de school (Authorization: Bearer <token>).');
  const refusal = action.who.withinScope(link.scope, input);
  if (refusal) throw new AppError('link_wrong_purpose', refusal);
}

/** A link for one part of the journey (an application link: its round) acts on that part only; as the page, so the JSON API. */
async function checkJourneyScope(deps: SchoolActionDependencies, action: SchoolActionSpec, link: LinkGrant): Promise<void> {
  if (!action.who.withinJourney) return;
  const refusal = action.who.withinJourney(link.scope, await readJourney(deps, link.journeyId));
  if (refusal) throw new AppError('not_allowed_now', refusal);
}

/**
 * Sends the checked action as its Update, without marking the link: the half of the step the
 * workflow keeps. Only takeSchoolAction (and a test of the crash between the halves) calls it.
 */
export function sendSchoolUpdate(deps: SchoolActionDependencies, link: LinkGrant, action: SchoolActionSpec, input: never): Promise<JourneyView> {
  return sendJourneyUpdate(deps, link.journeyId, action.update, input, link.singleUse ? linkUpdateId(link) : undefined);
}

/**
 * Takes a school's action through its link. A link that opens nothing comes back as its refusal;
 * a link for another journey, step or scope, input the action's schema refuses, and the journey's
 * own refusal are thrown as AppError (or the workflow's error, which the API layer words).
 */
export async function takeSchoolAction(deps: SchoolActionDependencies, request: SchoolActionRequest): Promise<SchoolActionOutcome> {
  const action = schoolActionSpec(request.action);
  const check = await openSchoolLink(deps.db, request.token, { journeyId: request.journeyId, purpose: action.who.linkPurpose });
  if (check.status !== 'valid') return { ok: false, refusal: check };
  const { link } = check;
  // What the link reaches comes first, as on its page: a link of another round hears that, not what its input lacks.
  await checkJourneyScope(deps, action, link);
  const input = validate(action.schema, request.input) as never;
  checkLinkScope(action, input, link);
  const journey = await sendSchoolUpdate(deps, link, action, input);
  if (link.singleUse) await markLinkUsed(deps.db, link.id);
  return { ok: true, link, journey: schoolViewOf(journey) };
}
