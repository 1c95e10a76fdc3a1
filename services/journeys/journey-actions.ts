/**
 * The actions on a journey, each the workflow's Update: who may take it (the office, or the school
 * through its link for one step), its input schema, and for office actions the field that names
 * who acted, which comes from the session and never from the request. The office's actions are
 * taken here; the school's in services/school-actions (its one door, where the link is checked).
 */
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import {
  AcceptPlace,
  AnswerForm,
  CancelJourney,
  ChooseTrajectory,
  DecideApplication,
  PlanConversation,
  RecordAspirantOutcome,
  RecordConversationReport,
  RecordIntakeOutcome,
  RegisterExpertTeam,
  RespondToConversation,
  SaveApplicationDraft,
  SubmitApplication,
  type JourneyView,
} from '../../domain/journey';
import { SubmitRegistration } from '../../domain/cohort';
import type { z } from '../../domain/zod';
import type { SCHOOL_ACTIONS } from '../../domain/school-view';
import {
  acceptWithinScope,
  answerWithinScope,
  applicationWithinRound,
  chooseWithinScope,
  parseFormScope,
  type JourneyScopeRule,
  type ScopeRule,
} from '../../domain/links';
import type { LinkPurpose } from '../../domain/links';
import * as journey from '../../workflows/contracts/journey';
import type { Db } from '../../platform/db';
import { AppError } from '../errors';
import { executeJourneyUpdate } from './staged-drafts';
import { updateAcrossHandOver } from './update-across-hand-over';
import { validate } from '../validate';

/** An action a school takes through its link, by its Update's name. */
export type SchoolAction = (typeof SCHOOL_ACTIONS)[number];

export interface JourneyActionSpec {
  /** The URL segment: POST /api/journeys/{journeyId}/{name} */
  name: string;
  summary: string;
  update: UpdateDefinition<JourneyView, [never]>;
  /** The Update's input. */
  schema: z.ZodType;
  /** What a request sends: the input without the actor field for office actions. */
  requestSchema: z.ZodType;
  who:
    | { office: true; actorField: string }
    | {
        office: false;
        linkPurpose: LinkPurpose;
        /** For steps a link opens only part of (one form, one offered place): what its scope allows. */
        withinScope?: ScopeRule<never>;
        /** For steps whose link is for one part of the journey (the application of one round). */
        withinJourney?: JourneyScopeRule;
      };
}

function office<S extends z.ZodObject>(
  name: string,
  update: UpdateDefinition<JourneyView, [z.output<S>]>,
  schema: S,
  actorField: keyof S['shape'] & string,
  summary: string,
): JourneyActionSpec {
  const requestSchema = schema.omit({ [actorField]: true } as never).openapi(`${name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}Request`);
  return { name, summary, update: update as UpdateDefinition<JourneyView, [never]>, schema, requestSchema, who: { office: true, actorField } };
}

function school<T>(
  name: string,
  update: UpdateDefinition<JourneyView, [T]>,
  schema: z.ZodType<T>,
  linkPurpose: LinkPurpose,
  summary: string,
  withinScope?: ScopeRule<T>,
  withinJourney?: JourneyScopeRule,
): JourneyActionSpec {
  const who = {
    office: false as const,
    linkPurpose,
    ...(withinScope ? { withinScope: withinScope as ScopeRule<never> } : {}),
    ...(withinJourney ? { withinJourney } : {}),
  };
  return { name, summary, update: update as UpdateDefinition<JourneyView, [never]>, schema, requestSchema: schema, who };
}

export const journeyActions: JourneyActionSpec[] = [
  office(
    'conversation-plan',
    journey.planConversation,
    PlanConversation,
    'plannedBy',
    'Office: plan the (evaluation) conversation; the school gets an invitation with a calendar file',
  ),
  school(
    'conversation-response',
    journey.respondToConversation,
    RespondToConversation,
    'conversation',
    'School: confirm the planned conversation or ask for another moment',
  ),
  office(
    'conversation-report',
    journey.recordConversationReport,
    RecordConversationReport,
    'recordedBy',
    'Office: record the report of the (evaluation) conversation',
  ),
  office('intake-outcome', journey.recordIntakeOutcome, RecordIntakeOutcome, 'recordedBy', 'Office: record the intake outcome, which routes the school'),
  school(
    'application-draft',
    journey.saveApplicationDraft,
    SaveApplicationDraft,
    'application',
    "School: save a half-filled application to resume later (with a link of the application's round)",
    undefined,
    applicationWithinRound,
  ),
  school(
    'application',
    journey.submitApplication,
    SubmitApplication,
    'application',
    "School: submit the application, checked against the subsidy rules (with a link of the application's round)",
    undefined,
    applicationWithinRound,
  ),
  office('decision', journey.decideApplication, DecideApplication, 'decidedBy', 'Office: approve or reject the application, with a reason'),
  school('expert-team', journey.registerExpertTeam, RegisterExpertTeam, 'expert-team', 'School: name the expert team of the aspirant year'),
  office('aspirant-outcome', journey.recordAspirantOutcome, RecordAspirantOutcome, 'recordedBy', 'Office: record how the aspirant year ended'),
  school(
    'trajectory-choice',
    journey.chooseTrajectory,
    ChooseTrajectory,
    'enrolment',
    "Ontwikkelschool: choose a learning trajectory of the school year; a place while one is free, else a place on its waiting list (needs the choice link, not an offer's)",
    chooseWithinScope,
  ),
  school(
    'place-acceptance',
    journey.acceptPlace,
    AcceptPlace,
    'enrolment',
    "Ontwikkelschool: accept the place offered when one came free, before the offer's deadline (an offer's link accepts only its own trajectory)",
    acceptWithinScope,
  ),
  school(
    'form-answer',
    journey.answerForm,
    AnswerForm,
    'form',
    'School: answer a form it was sent (a measurement, a self-evaluation, an evaluation); the link answers only the form it was sent for',
    answerWithinScope,
  ),
  school(
    'registration',
    journey.submitRegistration,
    SubmitRegistration,
    'form',
    "School development: the school leader completes the registration for the cohort (themes, self-evaluation, school leader); a place first come, first served, or the waiting list (needs the registration mail's link)",
    registrationWithinScope,
  ),
  office('cancel', journey.cancelJourney, CancelJourney, 'cancelledBy', 'Office: stop the journey, with a reason'),
];

/** The registration is sent with the link of the registration mail: a form link for the self-evaluation. */
function registrationWithinScope(linkScope: string): string | null {
  return parseFormScope(linkScope)?.kind === 'self_evaluation'
    ? null
    : 'Deze link hoort bij een andere vragenlijst. Gebruik de link uit de e-mail over de aanmelding voor het schoolontwikkeltraject.';
}

export function journeyAction(name: string): JourneyActionSpec | undefined {
  return journeyActions.find((action) => action.name === name);
}

/** A school action's spec, by its Update's name. */
export function schoolActionSpec(action: SchoolAction): JourneyActionSpec & { who: { office: false } } {
  const spec = journeyActions.find((a) => a.update.name === action && !a.who.office);
  if (!spec) throw new Error(`No school action ${action}`);
  return spec as JourneyActionSpec & { who: { office: false } };
}

async function journeyHasEnded(handle: WorkflowHandle): Promise<boolean> {
  const description = await handle.describe().catch(() => undefined);
  return description !== undefined && description.status.name !== 'RUNNING';
}

/**
 * Sends a validated action to the journey as its Update (with the database: a draft is stored
 * first and sent by reference, and the answer shows its content); answers the journey as the
 * workflow then sees it. A journey that has ended is refused in words.
 */
export async function sendJourneyUpdate(
  deps: { temporal: Client; db?: Db | undefined },
  journeyId: string,
  update: UpdateDefinition<JourneyView, [never]>,
  input: never,
  updateId?: string,
): Promise<JourneyView> {
  const handle = deps.temporal.workflow.getHandle(journeyId);
  try {
    return deps.db ? await executeJourneyUpdate(deps.db, handle, update, input, updateId) : await updateAcrossHandOver(handle, update, input, updateId);
  } catch (error) {
    // A journey that has ended is still found, but takes no more Updates.
    if (error instanceof WorkflowNotFoundError && (await journeyHasEnded(handle))) {
      throw new AppError('not_allowed_now', journey.JOURNEY_CLOSED_MESSAGE);
    }
    throw error;
  }
}

/**
 * An office action: validates the input with the action's schema, the actor named by the caller
 * (from the session), and sends it as the Update; answers the journey as the workflow then sees it.
 * A school action is refused here: it goes through takeSchoolAction, which checks the link.
 */
export async function takeJourneyAction(
  temporal: Client,
  journeyId: string,
  action: JourneyActionSpec,
  body: unknown,
  actorName: string,
  /** With the database, a draft is stored first and sent by reference, and the answer shows its content. */
  db?: Db,
): Promise<JourneyView> {
  if (!action.who.office) throw new Error(`${action.name} is a school action: take it with takeSchoolAction`);
  const raw = typeof body === 'object' && body !== null ? { ...body, [action.who.actorField]: actorName } : body;
  return sendJourneyUpdate({ temporal, db }, journeyId, action.update, validate(action.schema, raw) as never);
}
