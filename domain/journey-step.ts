/**
 * A journey step: one thing that happened to a case, recorded as an audit event together with the
 * case's read-model state after it. The journey workflow records its steps in order, one at a time.
 */
import type {
  ApplicationView,
  ClosingOutcome,
  ConversationKind,
  EnrolmentView,
  IntakeOutcome,
  JourneyPhase,
  PlannedConversation,
  RecordAspirantOutcome,
  Track,
  WaitingFor,
} from './journey';
import type { Participant } from './application';
import type { FormRequestView } from './forms';
import type { DevelopmentGroupView, RegistrationView } from './cohort';
import type { SchoolYear } from './school-year';

/** The case's row in the read model after a step. */
export interface CaseState {
  journeyId: string;
  brin: string;
  track: Track;
  cycle: number;
  phase: JourneyPhase;
  waitingFor: WaitingFor | null;
  nextDeadline: string | null;
  schoolYear: SchoolYear | null;
  roundId: string | null;
  outcome: ClosingOutcome | null;
}

export type JourneyEvent =
  | { type: 'journey_started'; hasAspirantYearBehind: boolean }
  | { type: 'phase_entered'; phase: JourneyPhase }
  | { type: 'conversation_planned'; conversation: PlannedConversation }
  | { type: 'conversation_answered'; conversation: PlannedConversation }
  | { type: 'conversation_recorded'; kind: ConversationKind; conductedOn: string; report: string }
  | { type: 'intake_recorded'; outcome: IntakeOutcome; notes: string }
  | { type: 'round_joined'; roundId: string; closesAt: string; application: ApplicationView }
  | { type: 'round_missed'; roundId: string }
  | { type: 'application_saved'; application: ApplicationView }
  | { type: 'application_decided'; application: ApplicationView }
  | { type: 'expert_team_registered'; schoolYear: SchoolYear; members: Participant[] }
  | { type: 'aspirant_outcome_recorded'; schoolYear: SchoolYear; outcome: RecordAspirantOutcome }
  | {
      type: 'enrolment_changed';
      change: 'chosen' | 'offered' | 'accepted' | 'offer_expired' | 'withdrawn';
      trajectoryId: string;
      enrolment: EnrolmentView | null;
    }
  | { type: 'form_requested' | 'form_reminded' | 'form_answered' | 'form_missed'; form: FormRequestView }
  | { type: 'registration_submitted'; registration: RegistrationView; selfEvaluation: FormRequestView }
  | { type: 'cohort_place_granted'; registration: RegistrationView }
  | { type: 'development_group_assigned'; group: DevelopmentGroupView }
  | { type: 'journey_closed'; outcome: ClosingOutcome; reason: string };

export type JourneyEventType = JourneyEvent['type'];

export interface JourneyStep {
  /** Unique per journey step; makes recording the same step twice a no-op. */
  key: string;
  /** Position in the journey's history; the read model never goes back to an older step. */
  seq: number;
  at: string;
  /** 'school', 'system', or the name of the office staff member who acted. */
  actor: string;
  caseState: CaseState;
  event: JourneyEvent;
}
