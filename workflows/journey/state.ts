/**
 * A journey's state: what a track's flow changes, what the query shows (the view), and what each
 * stored step carries of it (the case state). Kept apart from the kernel's machinery so the shape
 * of a journey reads in one place.
 */
import type { CaseState } from '../../domain/journey-step';
import type { FormRequestView } from '../../domain/forms';
import type {
  ApplicationView,
  CancelJourney,
  EnrolmentView,
  JourneyAction,
  JourneyPhase,
  JourneyView,
  OpenRound,
  PlannedConversation,
  RecordAspirantOutcome,
  Track,
  WaitingFor,
} from '../../domain/journey';
import type { SchoolYear } from '../../domain/school-year';
import type { JourneyInput, JourneyResult } from '../contracts/journey';

/** Everything the query shows that a flow changes; the kernel derives the rest. */
export interface JourneyState {
  phase: JourneyPhase;
  waitingFor: WaitingFor | null;
  nextDeadline: string | null;
  round: OpenRound | null;
  plannedConversation: PlannedConversation | null;
  conversation: JourneyView['conversation'];
  intake: JourneyView['intake'];
  application: ApplicationView | null;
  schoolYear: SchoolYear | null;
  expertTeam: JourneyView['expertTeam'];
  aspirantOutcome: RecordAspirantOutcome | null;
  enrolment: EnrolmentView | null;
  forms: FormRequestView[];
  /** School development: the registration for a cohort, and the development group once confirmed. */
  registration: JourneyView['registration'];
  developmentGroup: JourneyView['developmentGroup'];
  outcome: JourneyResult | null;
  /** Set by the office's cancelJourney; every wait ends on it. */
  stopRequest: CancelJourney | null;
}

/** A new run's state: nothing yet, except what the track's entry says the run starts with. */
export function newJourneyState(initial: Partial<JourneyState>): JourneyState {
  return {
    phase: 'conversation',
    waitingFor: null,
    nextDeadline: null,
    round: null,
    plannedConversation: null,
    conversation: null,
    intake: null,
    application: null,
    schoolYear: null,
    expertTeam: [],
    aspirantOutcome: null,
    enrolment: null,
    forms: [],
    registration: null,
    developmentGroup: null,
    outcome: null,
    stopRequest: null,
    ...initial,
  };
}

/** What the query shows: the state (less the office's stop request), the actions open now, and steps not yet stored. */
export function journeyView(track: Track, input: JourneyInput, state: JourneyState, allowedActions: JourneyAction[], unrecordedSteps: number): JourneyView {
  const { journeyId, school, hasAspirantYearBehind, cycle } = input;
  const { stopRequest: _, ...shown } = state;
  return { journeyId, track, school, cycle, hasAspirantYearBehind, ...shown, allowedActions, unrecordedSteps };
}

/** The case as one stored step leaves it, for the office's case list. */
export function caseStateOf(track: Track, input: JourneyInput, state: JourneyState): CaseState {
  const { phase, waitingFor, nextDeadline, schoolYear, round, application, outcome } = state;
  return {
    journeyId: input.journeyId,
    brin: input.school.brin,
    track,
    cycle: input.cycle,
    phase,
    waitingFor,
    nextDeadline,
    schoolYear: schoolYear ?? round?.schoolYear ?? null,
    roundId: round?.roundId ?? application?.roundId ?? null,
    outcome: outcome?.outcome ?? null,
  };
}
