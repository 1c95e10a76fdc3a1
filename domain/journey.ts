/**
 * The shape of a school's journey: its phases, the actions that move it, and the view the
 * workflow returns. The workflow, the API and the OpenAPI document all use these schemas.
 */
import { z } from './zod';
import { isoDateTime, reasonText, staffName } from './fields';
import { ApplicationDraft, ApplicationForm, OtherSubsidy, Participant, SectionKey, Trajectory } from './application';
import { Brin, InspectionRating, Sector } from './school';
import { SchoolYear } from './school-year';
import { SubsidyRates } from './subsidy-rates';
import { AnswerForm, FormRequestView } from './forms';
import { DevelopmentGroupView, RegistrationView } from './cohort';

export const Track = z
  .enum(['expertschool', 'ontwikkelschool', 'schoolontwikkeling'])
  .openapi({ description: 'Which programme journey the school follows; what differs per track is declared in domain/tracks.ts' });
export type Track = z.infer<typeof Track>;

export const JourneyPhase = z.enum([
  'conversation', // exploratory or evaluation conversation with the programme office
  'intake', // intake with the pillar's executor; its outcome routes the school
  'awaiting_round', // ready to apply, no subsidy round open yet
  'application', // a round is open: the school fills in its application
  'decision', // submitted: the office decides
  'approved', // granted: waiting for the school year to start
  'aspirant_year',
  'hub_year', // expertschool training ontwikkelscholen
  'enrolment', // ontwikkelschool: choosing a trajectory, on its waiting list, or enrolled before the year starts
  'learning_year', // ontwikkelschool following its trajectory, with a baseline and a final measurement
  'registration', // school development: registered with a self-evaluation, first come first served
  'grouping', // school development: waiting for its development group
  'preparation', // school development: kick-off before summer, start day in September
  'execution', // school development: the group at work, with half-yearly evaluations
  'closed',
]);
export type JourneyPhase = z.infer<typeof JourneyPhase>;

export const phaseLabel: Record<JourneyPhase, string> = {
  conversation: 'gesprek',
  intake: 'intake',
  awaiting_round: 'wacht op subsidieronde',
  application: 'aanvraag',
  decision: 'besluit op aanvraag',
  approved: 'toegekend',
  aspirant_year: 'aspirantjaar',
  hub_year: 'hubjaar als expertschool',
  enrolment: 'inschrijving leertraject',
  learning_year: 'leerjaar als ontwikkelschool',
  registration: 'aanmelding',
  grouping: 'indeling in ontwikkelgroep',
  preparation: 'voorbereiding',
  execution: 'uitvoering',
  closed: 'afgesloten',
};

/** Who has to act next for the journey to move. */
export const WaitingFor = z.enum(['office', 'school', 'round', 'calendar', 'place']);
export type WaitingFor = z.infer<typeof WaitingFor>;

export const waitingForLabel: Record<WaitingFor, string> = {
  office: 'programmabureau',
  school: 'school',
  round: 'subsidieronde',
  calendar: 'kalender',
  place: 'vrije plaats in een leertraject',
};

export const ConversationKind = z.enum(['exploratory', 'evaluation']);
export type ConversationKind = z.infer<typeof ConversationKind>;

export const IntakeOutcome = z.enum(['expertschool', 'ontwikkelschool', 'other_pillar', 'not_now'], { message: 'Kies de beste vervolgstap.' });
export type IntakeOutcome = z.infer<typeof IntakeOutcome>;

export const intakeOutcomeLabel: Record<IntakeOutcome, string> = {
  expertschool: 'expertschool',
  ontwikkelschool: 'ontwikkelschool',
  other_pillar: 'andere pijler',
  not_now: 'nu niet',
};

export const ClosingOutcome = z.enum(['referred', 'rejected', 'dropped_out', 'cancelled', 'completed']);
export type ClosingOutcome = z.infer<typeof ClosingOutcome>;

export const closingOutcomeLabel: Record<ClosingOutcome, string> = {
  referred: 'doorverwezen',
  rejected: 'aanvraag afgewezen',
  dropped_out: 'gestopt',
  cancelled: 'gestopt door het programmabureau',
  completed: 'afgerond',
};

export const applicationStatusLabel = { draft: 'concept', submitted: 'ingediend', approved: 'toegekend', rejected: 'afgewezen' } as const;

/** The school a journey is about, as it stood when the journey (or year) started. */
export const SchoolSnapshot = z.object({
  brin: Brin,
  name: z.string(),
  sector: Sector,
  region: z.string(),
  /**
   * Only in the inputs of journeys started before the address was kept out of workflow histories;
   * never set now: activities that mail read the address from PostgreSQL.
   */
  contactEmail: z.string().optional(),
  inspectionRating: InspectionRating,
});
export type SchoolSnapshot = z.infer<typeof SchoolSnapshot>;

// ---- actions (the input of each Update) ----

export const RecordConversationReport = z
  .object({
    conductedOn: z.iso.date({ message: 'Vul de datum van het gesprek in als JJJJ-MM-DD.' }),
    report: z.string().trim().min(20, { message: 'Het verslag is te kort (minstens 20 tekens).' }).max(20_000),
    recordedBy: staffName,
  })
  .openapi('RecordConversationReport');
export type RecordConversationReport = z.infer<typeof RecordConversationReport>;

export const PlanConversation = z
  .object({
    startsAt: z.iso.datetime({ offset: true, message: 'Vul het moment van het gesprek in als datum en tijd met tijdzone, bv. 2027-01-12T10:00:00+01:00.' }),
    durationMinutes: z
      .number()
      .int()
      .min(15, { message: 'Een gesprek duurt minstens 15 minuten.' })
      .max(240, { message: 'Een gesprek duurt hoogstens 4 uur.' })
      .default(60),
    location: z.string().trim().min(3, { message: 'Vul in waar het gesprek is (adres of link naar de videoverbinding).' }).max(500),
    plannedBy: staffName,
  })
  .openapi('PlanConversation');
export type PlanConversation = z.infer<typeof PlanConversation>;

export const ConversationAnswer = z.enum(['confirm', 'other_moment'], { message: 'Kies of u het gesprek bevestigt of een ander moment wilt.' });
export type ConversationAnswer = z.infer<typeof ConversationAnswer>;

export const RespondToConversation = z
  .object({
    answer: ConversationAnswer,
    note: z.string().trim().max(2_000, { message: 'De toelichting is te lang (maximaal 2.000 tekens).' }).default(''),
  })
  .refine((r) => r.answer === 'confirm' || r.note.length >= 5, {
    message: 'Laat weten welke momenten u wel uitkomen.',
    path: ['note'],
  })
  .openapi('RespondToConversation');
export type RespondToConversation = z.infer<typeof RespondToConversation>;

export const RecordIntakeOutcome = z
  .object({ outcome: IntakeOutcome, notes: z.string().trim().max(5_000).default(''), recordedBy: staffName })
  .openapi('RecordIntakeOutcome');
export type RecordIntakeOutcome = z.infer<typeof RecordIntakeOutcome>;

export const SaveApplicationDraft = ApplicationDraft;
export type SaveApplicationDraft = ApplicationDraft;
/**
 * A draft the API stored in PostgreSQL (StagedDraft) before the Update: the Update carries only its
 * id, so a draft saved many times stays out of the workflow's history.
 */
export const DraftReference = z.object({ draftId: z.string().min(1).max(200) }).strict();
export type DraftReference = z.infer<typeof DraftReference>;
/** The saveApplicationDraft Update's input: a stored draft's reference, or (as before) the draft itself. */
export const SaveApplicationDraftInput = z.union([DraftReference, SaveApplicationDraft]);
export type SaveApplicationDraftInput = z.infer<typeof SaveApplicationDraftInput>;
export const SubmitApplication = ApplicationForm;
export type SubmitApplication = ApplicationForm;

export const DecideApplication = z
  .object({
    decision: z.enum(['approved', 'rejected'], { message: 'Kies of u de aanvraag toekent of afwijst.' }),
    reason: reasonText('het besluit'),
    decidedBy: staffName,
  })
  .openapi('DecideApplication');
export type DecideApplication = z.infer<typeof DecideApplication>;

export const RegisterExpertTeam = z
  .object({ members: z.array(Participant).min(2, { message: 'Een expertteam heeft minstens 2 leden.' }).max(20) })
  .openapi('RegisterExpertTeam');
export type RegisterExpertTeam = z.infer<typeof RegisterExpertTeam>;

export const RecordAspirantOutcome = z
  .object({
    outcome: z.enum(['expertschool', 'dropped_out'], { message: 'Kies of de school expertschool wordt of stopt.' }),
    reason: reasonText('de uitkomst'),
    recordedBy: staffName,
  })
  .openapi('RecordAspirantOutcome');
export type RecordAspirantOutcome = z.infer<typeof RecordAspirantOutcome>;

/** An ontwikkelschool picks one of the trajectories open to it: it gets a place, or a place in line. */
export const ChooseTrajectory = z.object({ trajectoryId: z.string().min(1, { message: 'Kies een leertraject.' }).max(200) }).openapi('ChooseTrajectory');
export type ChooseTrajectory = z.infer<typeof ChooseTrajectory>;

/** An ontwikkelschool takes the place it was offered when one came free. */
export const AcceptPlace = z.object({ trajectoryId: z.string().min(1).max(200) }).openapi('AcceptPlace');
export type AcceptPlace = z.infer<typeof AcceptPlace>;

export { AnswerForm };

export const CancelJourney = z.object({ reason: reasonText('het stoppen'), cancelledBy: staffName }).openapi('CancelJourney');
export type CancelJourney = z.infer<typeof CancelJourney>;

/** A subsidy round that opened: the seam through which the round machinery wakes waiting journeys. */
export const OpenRound = z
  .object({
    roundId: z.string().min(1).max(100),
    name: z.string().max(200).optional(),
    schoolYear: SchoolYear,
    opensAt: isoDateTime,
    closesAt: isoDateTime,
    rates: SubsidyRates,
    /** Applications the round takes ("vol = vol"); absent or null: no limit. */
    capacity: z.number().int().positive().nullable().optional(),
  })
  .refine((r) => Date.parse(r.closesAt) > Date.parse(r.opensAt), {
    message: 'Een ronde sluit na het moment waarop zij opent.',
    path: ['closesAt'],
  })
  .openapi('OpenRound');
export type OpenRound = z.infer<typeof OpenRound>;

// ---- the journey's view: what the query returns ----

export const JourneyAction = z.enum([
  'planConversation',
  'respondToConversation',
  'recordConversationReport',
  'recordIntakeOutcome',
  'saveApplicationDraft',
  'submitApplication',
  'decideApplication',
  'registerExpertTeam',
  'recordAspirantOutcome',
  'chooseTrajectory',
  'acceptPlace',
  'answerForm',
  'submitRegistration',
  'cancelJourney',
]);
export type JourneyAction = z.infer<typeof JourneyAction>;

export const ApplicationView = z.object({
  id: z.string(),
  roundId: z.string(),
  schoolYear: SchoolYear,
  status: z.enum(['draft', 'submitted', 'approved', 'rejected']),
  participants: z.array(Participant),
  sections: z.partialRecord(SectionKey, z.string()),
  trajectories: z.array(Trajectory),
  otherSubsidies: z.array(OtherSubsidy),
  amountEuros: z.number().int().nullable(),
  submittedAt: isoDateTime.nullable(),
  decision: z.object({ decision: z.enum(['approved', 'rejected']), reason: z.string(), decidedBy: z.string(), decidedAt: isoDateTime }).nullable(),
  /** Inside the workflow only: the stored draft (StagedDraft) whose content stands for the draft's. */
  draftId: z.string().optional(),
});
export type ApplicationView = z.infer<typeof ApplicationView>;

/** The conversation the office planned with the school, and the school's answer. */
export const PlannedConversation = z
  .object({
    kind: ConversationKind,
    /** 1 for the first plan; a new moment counts up (the invitation's sequence). */
    number: z.number().int().positive(),
    startsAt: isoDateTime,
    durationMinutes: z.number().int(),
    location: z.string(),
    plannedBy: z.string(),
    response: z.object({ answer: ConversationAnswer, note: z.string(), at: isoDateTime }).nullable(),
  })
  .openapi('PlannedConversation');
export type PlannedConversation = z.infer<typeof PlannedConversation>;

/** Where an ontwikkelschool stands with the trajectory it chose. */
export const EnrolmentView = z
  .object({
    trajectoryId: z.string(),
    title: z.string(),
    expertschoolName: z.string(),
    status: z.enum(['enrolled', 'waiting', 'offered']),
    /** Place on the waiting list (1 = next in line) while waiting. */
    position: z.number().int().nullable(),
    /** Until when an offered place can be accepted. */
    acceptBefore: isoDateTime.nullable(),
  })
  .openapi('EnrolmentView');
export type EnrolmentView = z.infer<typeof EnrolmentView>;

export const JourneyView = z
  .object({
    journeyId: z.string(),
    track: Track,
    school: SchoolSnapshot,
    cycle: z.number().int().describe('How many programme years this journey has gone through (0 for the first)'),
    phase: JourneyPhase,
    waitingFor: WaitingFor.nullable(),
    nextDeadline: isoDateTime.nullable(),
    hasAspirantYearBehind: z.boolean(),
    plannedConversation: PlannedConversation.nullable(),
    conversation: z.object({ kind: ConversationKind, conductedOn: z.string(), report: z.string(), recordedBy: z.string() }).nullable(),
    intake: z.object({ outcome: IntakeOutcome, notes: z.string(), recordedBy: z.string() }).nullable(),
    round: OpenRound.nullable(),
    application: ApplicationView.nullable(),
    schoolYear: SchoolYear.nullable().describe('School year of the aspirant or hub year under way or granted'),
    expertTeam: z.array(Participant),
    aspirantOutcome: RecordAspirantOutcome.nullable(),
    outcome: z.object({ outcome: ClosingOutcome, reason: z.string() }).nullable(),
    enrolment: EnrolmentView.nullable().describe('Ontwikkelschool: the trajectory it chose and where it stands'),
    forms: z.array(FormRequestView).describe('Forms the school was asked to fill in: measurements, evaluations'),
    registration: RegistrationView.nullable().describe('School development: the cohort it registers for, its themes, and its place or place in line'),
    developmentGroup: DevelopmentGroupView.nullable().describe('School development: its confirmed development group, with kick-off and start day'),
    allowedActions: z.array(JourneyAction),
    unrecordedSteps: z.number().int().describe('Steps not yet stored in the case record (non-zero while the database is unreachable)'),
  })
  .openapi('JourneyView');
export type JourneyView = z.infer<typeof JourneyView>;
