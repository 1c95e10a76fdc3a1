/**
 * The programme's journeys, declared side by side: what differs per track (its phases, who may do
 * what in each, which intake outcome it continues on, the forms its schools are sent and when) is
 * written here once. The journey workflow, the API, the pages and the reports read it from here.
 */
import { amsterdamInstant } from './amsterdam-time';
import type { FormMoment } from './forms';
import type { IntakeOutcome, JourneyAction, JourneyPhase, JourneyView, Track } from './journey';
import type { Sector } from './school';
import { schoolYearBounds, type SchoolYear } from './school-year';

export interface TrackDefinition {
  label: string;
  /** Sectors whose schools can follow the track. */
  sectors: readonly Sector[];
  /** The phases a journey passes, in order (closed last). */
  phases: readonly JourneyPhase[];
  /** What may be done in each phase; an action not listed is refused with the phase's name. */
  actionsByPhase: Partial<Record<JourneyPhase, readonly JourneyAction[]>>;
  /** The intake outcome on which the journey goes on; any other refers the school elsewhere. */
  continuesOnIntake: IntakeOutcome;
}

const conversationActions = ['planConversation', 'respondToConversation', 'recordConversationReport', 'cancelJourney'] as const;
const applicationActions = {
  intake: ['recordIntakeOutcome', 'cancelJourney'],
  awaiting_round: ['cancelJourney'],
  application: ['saveApplicationDraft', 'submitApplication', 'cancelJourney'],
  decision: ['decideApplication', 'cancelJourney'],
} as const satisfies TrackDefinition['actionsByPhase'];

export const tracks: Record<Track, TrackDefinition> = {
  expertschool: {
    label: 'Expertschool',
    sectors: ['PO', 'VO', 'SO'],
    phases: ['conversation', 'intake', 'awaiting_round', 'application', 'decision', 'approved', 'aspirant_year', 'hub_year', 'closed'],
    actionsByPhase: {
      conversation: conversationActions,
      ...applicationActions,
      approved: ['cancelJourney'],
      aspirant_year: ['registerExpertTeam', 'recordAspirantOutcome', 'cancelJourney'],
      hub_year: ['cancelJourney'],
    },
    continuesOnIntake: 'expertschool',
  },
  ontwikkelschool: {
    label: 'Ontwikkelschool',
    sectors: ['PO', 'VO', 'SO'],
    phases: ['conversation', 'intake', 'awaiting_round', 'application', 'decision', 'enrolment', 'learning_year', 'closed'],
    actionsByPhase: {
      conversation: conversationActions,
      ...applicationActions,
      enrolment: ['chooseTrajectory', 'acceptPlace', 'cancelJourney'],
      learning_year: ['answerForm', 'cancelJourney'],
    },
    continuesOnIntake: 'ontwikkelschool',
  },
  schoolontwikkeling: {
    label: 'Schoolontwikkeltraject (VO)',
    sectors: ['VO'],
    phases: ['registration', 'intake', 'grouping', 'preparation', 'execution', 'closed'],
    actionsByPhase: {
      registration: ['submitRegistration', 'cancelJourney'],
      intake: ['recordIntakeOutcome', 'cancelJourney'],
      grouping: ['cancelJourney'],
      preparation: ['cancelJourney'],
      execution: ['answerForm', 'cancelJourney'],
    },
    continuesOnIntake: 'ontwikkelschool',
  },
};

export const trackLabel: Record<Track, string> = {
  expertschool: tracks.expertschool.label,
  ontwikkelschool: tracks.ontwikkelschool.label,
  schoolontwikkeling: tracks.schoolontwikkeling.label,
};

export function allowedActions(track: Track, phase: JourneyPhase): readonly JourneyAction[] {
  return tracks[track].actionsByPhase[phase] ?? [];
}

/** What a journey holds that decides whether an action its phase allows is open now. */
export type ActionHoldings = Pick<JourneyView, 'plannedConversation' | 'enrolment' | 'forms' | 'registration'>;

/**
 * When an action the phase allows is open, by what the journey holds (at `now`, ms). The workflow
 * adds what only it knows (an action under way); the case record's view uses these alone, so a
 * school's page offers the same steps whether it is read from the workflow or from the record.
 */
export const actionOpenWhen = {
  respondToConversation: (j: ActionHoldings) => j.plannedConversation !== null && j.plannedConversation.response === null,
  chooseTrajectory: (j: ActionHoldings) => j.enrolment === null,
  acceptPlace: (j: ActionHoldings) => j.enrolment?.status === 'offered',
  answerForm: (j: ActionHoldings) => j.forms.some((f) => f.status === 'requested'),
  submitRegistration: (j: ActionHoldings, now: number) =>
    j.registration !== null && j.registration.submittedAt === null && now < Date.parse(j.registration.registrationClosesAt),
} satisfies Partial<Record<JourneyAction, (j: ActionHoldings, now: number) => boolean>>;

/** The actions open on a journey that holds this, as the case record shows it (nothing under way). */
export function openActions(track: Track, phase: JourneyPhase, holdings: ActionHoldings, now: number): JourneyAction[] {
  const openWhen: Partial<Record<JourneyAction, (j: ActionHoldings, now: number) => boolean>> = actionOpenWhen;
  return allowedActions(track, phase).filter((action) => openWhen[action]?.(holdings, now) ?? true);
}

/** Reminders before a form's due date: a week before and two days before. */
const FORM_REMINDER_DAYS = [7, 2] as const;

/**
 * The measurements of an ontwikkelschool's learning year: the baseline once the school year is
 * under way (due 1 October), the final measurement in May (due 15 June), both before the summer.
 */
export function learningYearForms(schoolYear: SchoolYear): FormMoment[] {
  const startYear = schoolYearBounds(schoolYear).start.getUTCFullYear();
  const at = (date: string) => amsterdamInstant(`${date}T09:00`).toISOString();
  return [
    { kind: 'nulmeting', scope: schoolYear, requestAt: at(`${startYear}-09-01`), dueAt: at(`${startYear}-10-01`), reminderDaysBefore: FORM_REMINDER_DAYS },
    {
      kind: 'eindmeting',
      scope: schoolYear,
      requestAt: at(`${startYear + 1}-05-15`),
      dueAt: at(`${startYear + 1}-06-15`),
      reminderDaysBefore: FORM_REMINDER_DAYS,
    },
  ];
}

/** Months between a development group's start day and its end: the trajectory takes a year and a half. */
export const DEVELOPMENT_MONTHS = 18;

/**
 * The evaluations of a development group: an interim evaluation every half year after the start
 * day and a final one at the end, each due three weeks after it is sent.
 */
export function developmentEvaluations(startDay: string): FormMoment[] {
  const start = new Date(startDay);
  const monthsLater = (months: number) => {
    const moment = new Date(start);
    moment.setUTCMonth(moment.getUTCMonth() + months);
    return moment;
  };
  const threeWeeksAfter = (moment: Date) => new Date(moment.getTime() + 21 * 24 * 3_600_000).toISOString();
  const interim = [6, 12].map((months, index) => {
    const requestAt = monthsLater(months);
    return {
      kind: 'interim_evaluation' as const,
      scope: String(index + 1),
      requestAt: requestAt.toISOString(),
      dueAt: threeWeeksAfter(requestAt),
      reminderDaysBefore: FORM_REMINDER_DAYS,
    };
  });
  const end = monthsLater(DEVELOPMENT_MONTHS);
  return [
    ...interim,
    { kind: 'final_evaluation', scope: 'eind', requestAt: end.toISOString(), dueAt: threeWeeksAfter(end), reminderDaysBefore: FORM_REMINDER_DAYS },
  ];
}
