/**
 * The name and signature of every workflow type the worker registers. Services and Schedules start
 * workflows by these names, never by importing workflow code; a test checks that workflows/index.ts
 * exports a function under each name.
 */
import type { CohortInput, CohortStatus } from '../../domain/cohort';
import type { ExpertschoolEntry } from './expertschool-journey';
import type { JourneyInput, JourneyResult } from './journey';
import type { OntwikkelschoolEntry } from './ontwikkelschool-journey';
import type { RoundFromPlanInput, RoundFromPlanResult } from './round-from-plan';
import type { SchoolDevelopmentEntry } from './school-development-journey';
import type { SubsidyRoundInput, SubsidyRoundState } from './subsidy-round';

export const workflowType = {
  expertschoolJourney: 'expertschoolJourney',
  ontwikkelschoolJourney: 'ontwikkelschoolJourney',
  schoolDevelopmentJourney: 'schoolDevelopmentJourney',
  hubYear: 'hubYear',
  developmentCohort: 'developmentCohort',
  subsidyRound: 'subsidyRound',
  roundFromPlan: 'roundFromPlan',
  renewSchoolLink: 'renewSchoolLink',
  resendSchoolLink: 'resendSchoolLink',
  confirmConversationRequest: 'confirmConversationRequest',
  personalDataRetention: 'personalDataRetention',
} as const;

/** Signatures of the workflows services start, for typed arguments (`client.workflow.start<SubsidyRoundWorkflow>(…)`). */
export type JourneyWorkflow<Entry extends JourneyInput['entry']> = (input: JourneyInput<Entry>) => Promise<JourneyResult>;
export type ExpertschoolJourneyWorkflow = JourneyWorkflow<ExpertschoolEntry>;
export type OntwikkelschoolJourneyWorkflow = JourneyWorkflow<OntwikkelschoolEntry>;
export type SchoolDevelopmentJourneyWorkflow = JourneyWorkflow<SchoolDevelopmentEntry>;
export type DevelopmentCohortWorkflow = (input: CohortInput) => Promise<{ status: CohortStatus }>;
export type SubsidyRoundWorkflow = (input: SubsidyRoundInput) => Promise<SubsidyRoundState>;
export type RoundFromPlanWorkflow = (input: RoundFromPlanInput) => Promise<RoundFromPlanResult>;
export type PersonalDataRetentionWorkflow = (input?: { retentionDays?: number }) => Promise<number>;
