/**
 * The contract every school journey shares, whatever its track: its id scheme, input and result,
 * the query, the Updates (one per action) and the round signals. Services, activities and tests
 * import these; nobody repeats the strings. Each track's own entry sits in its own contract.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ClosingOutcome,
  AcceptPlace,
  AnswerForm,
  ChooseTrajectory,
  CancelJourney,
  DecideApplication,
  JourneyView,
  OpenRound,
  PlanConversation,
  RecordAspirantOutcome,
  RecordConversationReport,
  RecordIntakeOutcome,
  RegisterExpertTeam,
  RespondToConversation,
  SaveApplicationDraftInput,
  SchoolSnapshot,
  SubmitApplication,
} from '../../domain/journey';
import type { SubmitRegistration } from '../../domain/cohort';
import type { ExpertschoolEntry } from './expertschool-journey';
import type { OntwikkelschoolEntry } from './ontwikkelschool-journey';
import type { SchoolDevelopmentEntry } from './school-development-journey';

/**
 * A school may have several journeys in one track, one after another (it stops and comes back a
 * year later; a VO school moves to another cohort). Each is its own workflow and case: the first
 * keeps the plain id (`journey-expertschool-12AB`, as before generations existed), later ones
 * carry their number (`journey-expertschool-12AB-2`), so steps, mails and links never collide.
 */
export function journeyWorkflowId(brin: string, track: string, generation = 1): string {
  return generation > 1 ? `journey-${track}-${brin}-${generation}` : `journey-${track}-${brin}`;
}

/** The generation a journey id names (1 for the plain id), or null when it is not this school's and track's. */
export function journeyGeneration(journeyId: string, brin: string, track: string): number | null {
  const base = journeyWorkflowId(brin, track);
  if (journeyId === base) return 1;
  const match = journeyId.startsWith(`${base}-`) ? /^([2-9]|[1-9][0-9]+)$/.exec(journeyId.slice(base.length + 1)) : null;
  return match ? Number(match[1]) : null;
}

/** The shape of every journey id, with or without its generation. */
export const JOURNEY_ID_PATTERN = /^journey-[a-z]+-([0-9]{2}[A-Z]{2})(?:-[1-9][0-9]*)?$/;

export type JourneyEntry = ExpertschoolEntry | OntwikkelschoolEntry | SchoolDevelopmentEntry;

export interface JourneyInput<Entry extends JourneyEntry = JourneyEntry> {
  journeyId: string;
  school: SchoolSnapshot;
  /** True for a school that did the aspirant year: it has an evaluation conversation and a shorter plan. */
  hasAspirantYearBehind: boolean;
  /** Programme years completed by earlier runs (0 for the first). */
  cycle: number;
  /** Audit steps recorded by earlier runs, so step keys stay unique across continueAsNew. */
  stepsRecorded: number;
  entry: Entry;
  /** Signals that reached the previous run while it handed over to this one; handled at this run's start. */
  carriedSignals?: CarriedSignal[];
}

/** A signal kept for the next run: its name and arguments as they arrived. */
export interface CarriedSignal {
  name: string;
  args: unknown[];
}

export interface JourneyResult {
  outcome: ClosingOutcome;
  reason: string;
}

export const getJourney = defineQuery<JourneyView>('getJourney');

export const planConversation = defineUpdate<JourneyView, [PlanConversation]>('planConversation');
export const respondToConversation = defineUpdate<JourneyView, [RespondToConversation]>('respondToConversation');
export const recordConversationReport = defineUpdate<JourneyView, [RecordConversationReport]>('recordConversationReport');
export const recordIntakeOutcome = defineUpdate<JourneyView, [RecordIntakeOutcome]>('recordIntakeOutcome');
export const saveApplicationDraft = defineUpdate<JourneyView, [SaveApplicationDraftInput]>('saveApplicationDraft');
export const submitApplication = defineUpdate<JourneyView, [SubmitApplication]>('submitApplication');
export const decideApplication = defineUpdate<JourneyView, [DecideApplication]>('decideApplication');
export const registerExpertTeam = defineUpdate<JourneyView, [RegisterExpertTeam]>('registerExpertTeam');
export const recordAspirantOutcome = defineUpdate<JourneyView, [RecordAspirantOutcome]>('recordAspirantOutcome');
export const chooseTrajectory = defineUpdate<JourneyView, [ChooseTrajectory]>('chooseTrajectory');
export const acceptPlace = defineUpdate<JourneyView, [AcceptPlace]>('acceptPlace');
export const answerForm = defineUpdate<JourneyView, [AnswerForm]>('answerForm');
export const submitRegistration = defineUpdate<JourneyView, [SubmitRegistration]>('submitRegistration');
export const cancelJourney = defineUpdate<JourneyView, [CancelJourney]>('cancelJourney');

/** Sent by the round machinery when a subsidy round opens. */
export const roundOpened = defineSignal<[OpenRound]>('roundOpened');
/** The round the journey joined changed: its deadline moved, or it closed early (full, cancelled). */
export const roundChanged = defineSignal<[OpenRound]>('roundChanged');

export const JOURNEY_CLOSED_MESSAGE = 'Deze reis is afgesloten.';
