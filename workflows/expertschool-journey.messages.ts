/**
 * Everything a client needs to talk to the expertschool journey workflow: its name, id scheme,
 * Updates (one per action), query, signal and search attributes. The API and tests import these;
 * nobody repeats the strings.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type {
  ApplicationView,
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
  SaveApplicationDraft,
  SchoolSnapshot,
  SubmitApplication,
} from '../domain/journey';
import type { Participant } from '../domain/application';
import type { SchoolYear } from '../domain/school-year';

export const TASK_QUEUE_DEFAULT = 'koers-journeys';

export function journeyWorkflowId(brin: string, track: string): string {
  return `journey-${track}-${brin}`;
}

/** Where a run of the journey begins; a new run starts at each school-year boundary (continueAsNew). */
export type JourneyEntry =
  | { stage: 'conversation' }
  | { stage: 'aspirant_year'; schoolYear: SchoolYear; application: ApplicationView }
  | { stage: 'hub_year'; schoolYear: SchoolYear; application: ApplicationView; expertTeam: Participant[] };

export interface JourneyInput {
  journeyId: string;
  school: SchoolSnapshot;
  /** True for a school that did the aspirant year: it has an evaluation conversation and a shorter plan. */
  hasAspirantYearBehind: boolean;
  /** Programme years completed by earlier runs (0 for the first). */
  cycle: number;
  /** Audit steps recorded by earlier runs, so step keys stay unique across continueAsNew. */
  stepsRecorded: number;
  entry: JourneyEntry;
}

export interface JourneyResult {
  outcome: 'referred' | 'rejected' | 'dropped_out' | 'cancelled';
  reason: string;
}

export const getJourney = defineQuery<JourneyView>('getJourney');

export const planConversation = defineUpdate<JourneyView, [PlanConversation]>('planConversation');
export const respondToConversation = defineUpdate<JourneyView, [RespondToConversation]>('respondToConversation');
export const recordConversationReport = defineUpdate<JourneyView, [RecordConversationReport]>('recordConversationReport');
export const recordIntakeOutcome = defineUpdate<JourneyView, [RecordIntakeOutcome]>('recordIntakeOutcome');
export const saveApplicationDraft = defineUpdate<JourneyView, [SaveApplicationDraft]>('saveApplicationDraft');
export const submitApplication = defineUpdate<JourneyView, [SubmitApplication]>('submitApplication');
export const decideApplication = defineUpdate<JourneyView, [DecideApplication]>('decideApplication');
export const registerExpertTeam = defineUpdate<JourneyView, [RegisterExpertTeam]>('registerExpertTeam');
export const recordAspirantOutcome = defineUpdate<JourneyView, [RecordAspirantOutcome]>('recordAspirantOutcome');
export const cancelJourney = defineUpdate<JourneyView, [CancelJourney]>('cancelJourney');

/** Sent by the round machinery when a subsidy round opens. */
export const roundOpened = defineSignal<[OpenRound]>('roundOpened');
/** The round the journey joined changed: its deadline moved, or it closed early (full, cancelled). */
export const roundChanged = defineSignal<[OpenRound]>('roundChanged');

/** Custom search attributes: the Temporal UI and CLI show what the dashboard shows. */
export const searchAttributes = {
  phase: defineSearchAttributeKey('KoersPhase', SearchAttributeType.KEYWORD),
  track: defineSearchAttributeKey('KoersTrack', SearchAttributeType.KEYWORD),
  sector: defineSearchAttributeKey('KoersSector', SearchAttributeType.KEYWORD),
  region: defineSearchAttributeKey('KoersRegion', SearchAttributeType.KEYWORD),
  round: defineSearchAttributeKey('KoersRound', SearchAttributeType.KEYWORD),
  waitingFor: defineSearchAttributeKey('KoersWaitingFor', SearchAttributeType.KEYWORD),
  nextDeadline: defineSearchAttributeKey('KoersNextDeadline', SearchAttributeType.DATETIME),
} as const;

export const JOURNEY_CLOSED_MESSAGE = 'Deze reis is afgesloten.';

/** Failure types of the Update validators; the API maps each to an HTTP status. */
export const RefusalType = {
  invalidInput: 'InvalidInput',
  notNow: 'ActionNotAllowedNow',
  notEligible: 'NotEligible',
} as const;
