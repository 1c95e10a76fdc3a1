/**
 * What a school may see of its own journey: the journey view without what stays with the office
 * (conversation reports, intake notes, staff names, a decision or outcome reason not yet final,
 * office actions, the record's bookkeeping). Every school-facing JSON answer is this view.
 */
import { ApplicationView, JourneyAction, JourneyView, PlannedConversation } from './journey';
import { z } from './zod';

/** The actions a school takes through its links; the rest of `allowedActions` is the office's. */
export const SCHOOL_ACTIONS = [
  'respondToConversation',
  'saveApplicationDraft',
  'submitApplication',
  'registerExpertTeam',
  'chooseTrajectory',
  'acceptPlace',
  'answerForm',
  'submitRegistration',
] as const satisfies readonly JourneyAction[];

export const SchoolJourneyView = JourneyView.pick({
  journeyId: true,
  track: true,
  school: true,
  cycle: true,
  phase: true,
  waitingFor: true,
  nextDeadline: true,
  hasAspirantYearBehind: true,
  round: true,
  schoolYear: true,
  expertTeam: true,
  outcome: true,
  enrolment: true,
  forms: true,
  registration: true,
  developmentGroup: true,
})
  .extend({
    plannedConversation: PlannedConversation.omit({ plannedBy: true }).nullable(),
    /** That the conversation took place, not what the office wrote about it. */
    conversation: z.object({ kind: JourneyView.shape.conversation.unwrap().shape.kind, conductedOn: z.string() }).nullable(),
    /** Where the intake routed the school, not its notes. */
    intake: z.object({ outcome: JourneyView.shape.intake.unwrap().shape.outcome }).nullable(),
    application: ApplicationView.extend({
      decision: z.object({ decision: z.enum(['approved', 'rejected']), reason: z.string(), decidedAt: z.string() }).nullable(),
    }).nullable(),
    /** Only once it has taken effect (the aspirant year is over): until then the office may still change course. */
    aspirantOutcome: z.object({ outcome: z.enum(['expertschool', 'dropped_out']), reason: z.string() }).nullable(),
    allowedActions: z.array(z.enum(SCHOOL_ACTIONS)),
  })
  .strict()
  .openapi('SchoolJourneyView');
export type SchoolJourneyView = z.infer<typeof SchoolJourneyView>;

const schoolActions = new Set<JourneyAction>(SCHOOL_ACTIONS);

/** The school's view of its journey, from the office's: a pure function, nothing added. */
export function schoolViewOf(view: JourneyView): SchoolJourneyView {
  const { plannedConversation, conversation, intake, application, aspirantOutcome } = view;
  const { plannedBy: _plannedBy, ...planned } = plannedConversation ?? { plannedBy: '' };
  return {
    journeyId: view.journeyId,
    track: view.track,
    school: view.school,
    cycle: view.cycle,
    phase: view.phase,
    waitingFor: view.waitingFor,
    nextDeadline: view.nextDeadline,
    hasAspirantYearBehind: view.hasAspirantYearBehind,
    round: view.round,
    schoolYear: view.schoolYear,
    expertTeam: view.expertTeam,
    outcome: view.outcome,
    enrolment: view.enrolment,
    forms: view.forms,
    registration: view.registration,
    developmentGroup: view.developmentGroup,
    plannedConversation: plannedConversation ? (planned as Omit<PlannedConversation, 'plannedBy'>) : null,
    conversation: conversation ? { kind: conversation.kind, conductedOn: conversation.conductedOn } : null,
    intake: intake ? { outcome: intake.outcome } : null,
    application: application && {
      ...application,
      // A decision is final once recorded (the application is approved or rejected); who took it stays with the office.
      decision:
        application.decision && (application.status === 'approved' || application.status === 'rejected')
          ? { decision: application.decision.decision, reason: application.decision.reason, decidedAt: application.decision.decidedAt }
          : null,
    },
    aspirantOutcome: aspirantOutcome && view.phase !== 'aspirant_year' ? { outcome: aspirantOutcome.outcome, reason: aspirantOutcome.reason } : null,
    allowedActions: view.allowedActions.filter((action): action is (typeof SCHOOL_ACTIONS)[number] => schoolActions.has(action)),
  };
}
