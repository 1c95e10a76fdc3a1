/**
 * A cohort of the school development trajectory (VO, 1.5 years, in the style of Voortgezet
 * Leren): one edition, with a number of places given first come, first served to the schools that
 * submit their registration (the rest wait in line), a kick-off before the summer and a start day
 * in September. Its placed schools are grouped by theme into development groups of 5 to 7
 * (domain/development-groups.ts); the office confirms the proposal.
 */
import { z } from './zod';
import { staffName } from './fields';
import { amsterdamInstant } from './amsterdam-time';
import { DevelopmentTheme, type GroupingProblem } from './development-groups';
import { formDefinitions } from './forms';
import { PlaceList } from './places';
import { Brin } from './school';
import { SchoolYear } from './school-year';

export const CohortId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,60}$/, { message: 'Een cohort-id bestaat uit kleine letters, cijfers en streepjes, bijvoorbeeld vo-2027.' });

export const CohortStatus = z.enum(['registration', 'grouping', 'running', 'finished']);
export type CohortStatus = z.infer<typeof CohortStatus>;

export const cohortStatusLabel: Record<CohortStatus, string> = {
  registration: 'aanmelding open',
  grouping: 'indeling in groepen',
  running: 'loopt',
  finished: 'afgerond',
};

const isoDate = (message: string) => z.iso.date({ message });

const MOMENT_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
/** A moment as the office types it: Amsterdam wall-clock time, or an instant with offset; read as the instant. */
const Moment = z
  .string()
  // The format, which the API document states (a 400 when not met), then a day the calendar has (30 February: a 422).
  .regex(MOMENT_FORMAT, { message: 'Vul een moment in als 2027-04-25T17:00 (Nederlandse tijd).', abort: true })
  .refine((value) => !Number.isNaN(amsterdamInstant(value).getTime()), { message: 'Vul een moment in als 2027-04-25T17:00 (Nederlandse tijd).' })
  .transform((value) => amsterdamInstant(value).toISOString())
  .openapi({ type: 'string', pattern: MOMENT_FORMAT.source, example: '2027-04-25T17:00', description: 'Amsterdam wall-clock time, or ISO 8601 with offset' });

/** The first calendar year of a school year: "2027-2028" → 2027. */
const startYearOf = (schoolYear: string) => Number(schoolYear.slice(0, 4));

export const CreateCohort = z
  .object({
    id: CohortId,
    name: z.string().trim().min(3, { message: 'Geef het cohort een naam (minstens 3 tekens).' }).max(200),
    schoolYear: SchoolYear.describe('The school year in which the start day falls'),
    capacity: z
      .number({ message: 'Vul het aantal plaatsen in.' })
      .int({ message: 'Het aantal plaatsen is een heel getal.' })
      .min(5, { message: 'Een cohort heeft minstens 5 plaatsen: een ontwikkelgroep telt 5 tot 7 scholen.' })
      .max(500, { message: 'Een cohort heeft hoogstens 500 plaatsen.' }),
    registrationClosesAt: Moment,
    kickOffOn: isoDate('Vul de datum van de kick-off in als JJJJ-MM-DD.'),
    startDayOn: isoDate('Vul de datum van de startdag in als JJJJ-MM-DD.'),
  })
  .superRefine((c, context) => {
    const startYear = startYearOf(c.schoolYear);
    if (!c.startDayOn.startsWith(`${startYear}-09-`)) {
      context.addIssue({
        code: 'custom',
        path: ['startDayOn'],
        message: `De startdag valt in september ${startYear}, het begin van schooljaar ${c.schoolYear}.`,
      });
    }
    if (c.kickOffOn >= c.startDayOn) {
      context.addIssue({ code: 'custom', path: ['kickOffOn'], message: 'De kick-off is vóór de startdag.' });
    } else if (c.kickOffOn >= `${startYear}-08-01`) {
      context.addIssue({ code: 'custom', path: ['kickOffOn'], message: `De kick-off is vóór de zomer: uiterlijk 31 juli ${startYear}.` });
    }
    if (c.registrationClosesAt.slice(0, 10) >= c.kickOffOn) {
      context.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: 'De aanmelding sluit vóór de dag van de kick-off.' });
    }
  })
  .openapi('CreateCohort');
export type CreateCohort = z.infer<typeof CreateCohort>;

/** A cohort as its workflow is started with it: dates as the office gave them, moments as instants. */
export interface CohortInput {
  cohortId: string;
  name: string;
  schoolYear: SchoolYear;
  capacity: number;
  registrationClosesAt: string;
  kickOffOn: string;
  startDayOn: string;
  /** The kick-off and the start day as instants (09:00 in Amsterdam): the deadlines a journey shows. */
  kickOffAt: string;
  startDayAt: string;
}

export const RegisterForCohort = z.object({ brin: Brin }).openapi('RegisterForCohort');

const Score = z
  .number({ message: 'Kies bij elke stelling een score van 1 tot en met 5.' })
  .int({ message: 'Kies bij elke stelling een score van 1 tot en met 5.' })
  .min(1, { message: 'Kies bij elke stelling een score van 1 tot en met 5.' })
  .max(5, { message: 'Kies bij elke stelling een score van 1 tot en met 5.' });

const selfEvaluationStatements = Object.keys(formDefinitions.self_evaluation.statements);

/** What the school leader sends with the registration: themes, the self-evaluation of the preconditions, and who leads. */
export const SubmitRegistration = z
  .object({
    theme: DevelopmentTheme,
    secondTheme: DevelopmentTheme.nullable().default(null).describe('A second choice, used only when the first theme cannot form a group'),
    selfEvaluation: z.object({
      scores: z.record(z.string().max(50), Score),
      remarks: z.string().trim().max(5_000, { message: 'De toelichting is te lang (maximaal 5.000 tekens).' }).default(''),
    }),
    schoolLeader: z.object({
      name: z.string().trim().min(2, { message: 'Vul de naam van de schoolleider in.' }).max(200),
      email: z.email({ message: 'Vul een geldig e-mailadres van de schoolleider in.' }).max(254),
    }),
  })
  .superRefine((r, context) => {
    if (r.secondTheme === r.theme)
      context.addIssue({ code: 'custom', path: ['secondTheme'], message: 'Kies als tweede thema een ander thema dan het eerste.' });
    for (const key of selfEvaluationStatements) {
      if (r.selfEvaluation.scores[key] === undefined) {
        context.addIssue({ code: 'custom', path: ['selfEvaluation', 'scores', key], message: 'Kies bij deze stelling een score van 1 tot en met 5.' });
      }
    }
    for (const key of Object.keys(r.selfEvaluation.scores)) {
      if (!selfEvaluationStatements.includes(key)) {
        context.addIssue({ code: 'custom', path: ['selfEvaluation', 'scores', key], message: 'Deze stelling hoort niet bij de zelfevaluatie.' });
      }
    }
  })
  .openapi('SubmitRegistration');
export type SubmitRegistration = z.infer<typeof SubmitRegistration>;

/** A journey's registration for a cohort, as the journey's view shows it. */
export const RegistrationView = z
  .object({
    cohortId: z.string(),
    cohortName: z.string(),
    theme: DevelopmentTheme.nullable(),
    secondTheme: DevelopmentTheme.nullable(),
    schoolLeader: z.object({ name: z.string(), email: z.string() }).nullable(),
    submittedAt: z.iso.datetime({ offset: true }).nullable(),
    /** open: not submitted yet; placed: has a place; waiting: on the waiting list. */
    place: z.enum(['open', 'placed', 'waiting']),
    /** 1 = next in line, while waiting. */
    position: z.number().int().nullable(),
    registrationClosesAt: z.iso.datetime({ offset: true }),
    kickOffOn: z.iso.date(),
    startDayOn: z.iso.date(),
  })
  .openapi('RegistrationView');
export type RegistrationView = z.infer<typeof RegistrationView>;

export const GroupMember = z.object({ brin: z.string(), name: z.string() });
export type GroupMember = z.infer<typeof GroupMember>;

/** The development group a school was placed in, with the dates of its cohort. */
export const DevelopmentGroupView = z
  .object({ groupId: z.string(), theme: DevelopmentTheme, members: z.array(GroupMember), kickOffOn: z.iso.date(), startDayOn: z.iso.date() })
  .openapi('DevelopmentGroupView');
export type DevelopmentGroupView = z.infer<typeof DevelopmentGroupView>;

// ---- the cohort's workflow: what the journeys ask, and what the office sees ----

/** A journey asks for a place in the cohort when its registration is submitted. */
export const CohortPlaceRequest = z.object({
  journeyId: z.string().min(1).max(100),
  brin: z.string().min(1).max(10),
  schoolName: z.string().max(300),
  theme: DevelopmentTheme,
  secondTheme: DevelopmentTheme.nullable(),
  submittedAt: z.iso.datetime({ offset: true }),
});
export type CohortPlaceRequest = z.infer<typeof CohortPlaceRequest>;

export const CohortJourneyNotice = z.object({ journeyId: z.string().min(1).max(100), reason: z.string().max(2_000).default('') });
export type CohortJourneyNotice = z.infer<typeof CohortJourneyNotice>;

export const ProposeGroups = z.object({ requestedBy: staffName });
export const ConfirmGroups = z.object({ confirmedBy: staffName });

const Candidate = z.object({
  journeyId: z.string(),
  brin: z.string(),
  name: z.string(),
  theme: DevelopmentTheme,
  secondTheme: DevelopmentTheme.nullable().optional(),
  registeredAt: z.string(),
});

export const CohortView = z
  .object({
    cohortId: z.string(),
    name: z.string(),
    schoolYear: SchoolYear,
    capacity: z.number().int(),
    registrationClosesAt: z.string(),
    kickOffOn: z.string(),
    startDayOn: z.string(),
    status: CohortStatus,
    places: PlaceList.describe('Placed schools and the waiting list, in the order the registrations were submitted'),
    /** Placed schools whose intake is done and that wait for a group. */
    readyForGrouping: z.array(Candidate),
    /** Placed schools whose intake is still to come. */
    awaitingIntake: z.array(z.string()),
    proposal: z
      .object({
        proposedBy: z.string(),
        proposedAt: z.string(),
        groups: z.array(z.object({ theme: DevelopmentTheme, members: z.array(Candidate) })),
        ungrouped: z.array(Candidate),
        problems: z.array(z.object({ theme: DevelopmentTheme.nullable(), journeyIds: z.array(z.string()), message: z.string() })),
      })
      .nullable()
      .describe('The last proposal, until the office confirms it'),
    groups: z.array(
      z.object({
        groupId: z.string(),
        theme: DevelopmentTheme,
        members: z.array(z.object({ journeyId: z.string(), brin: z.string(), name: z.string() })),
        confirmedBy: z.string(),
        confirmedAt: z.string(),
      }),
    ),
  })
  .openapi('CohortView');
export type CohortView = z.infer<typeof CohortView>;

/** The problems of a proposal as the API's issues: each one on the grouping as a whole. */
export function problemIssues(problems: readonly GroupingProblem[]): { path: string[]; message: string }[] {
  return problems.map((p) => ({ path: ['groups'], message: p.message }));
}
