/**
 * A journey as PostgreSQL keeps it: the case row and its steps, folded into the view the workflow
 * would show. The school's read-only pages read it from here (no Temporal query per page view),
 * and the office reads it once Temporal has removed a closed workflow after its retention.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { toOpenRound } from '../rounds/open-round';
import type { JourneyEvent } from '../../domain/journey-step';
import { JourneyView, type JourneyPhase, type Track, type WaitingFor } from '../../domain/journey';
import { openActions } from '../../domain/tracks';
import type { Db } from '../../platform/db';
import { getJourney } from '../../workflows/contracts/journey';

/** What a journey's run holds; a new run (continueAsNew) starts afresh but for what its entry carries. */
type RunHoldings = Pick<
  JourneyView,
  | 'plannedConversation'
  | 'conversation'
  | 'intake'
  | 'application'
  | 'expertTeam'
  | 'aspirantOutcome'
  | 'enrolment'
  | 'forms'
  | 'registration'
  | 'developmentGroup'
  | 'outcome'
> & { roundId: string | null };

const freshRun: RunHoldings = {
  plannedConversation: null,
  conversation: null,
  intake: null,
  application: null,
  expertTeam: [],
  aspirantOutcome: null,
  enrolment: null,
  forms: [],
  registration: null,
  developmentGroup: null,
  outcome: null,
  roundId: null,
};

/**
 * The phases a run begins with, and what the run before hands it (as the tracks' workflows pass it
 * in their entry): entering one of these from another phase is a new run.
 */
const carriedIntoRun: Partial<Record<JourneyPhase, readonly (keyof RunHoldings)[]>> = {
  conversation: [], // a new programme year: everything afresh
  aspirant_year: ['application'],
  hub_year: ['application', 'expertTeam'],
  learning_year: ['application', 'enrolment'],
  execution: ['registration', 'developmentGroup', 'forms'],
};

/** Phases in which the journey has its school year granted (before them, the record's year is the round's). */
const YEAR_GRANTED = new Set<JourneyPhase>(['approved', 'aspirant_year', 'hub_year', 'enrolment', 'learning_year']);

/** The run's holdings after its steps, in order, as the workflow's state said them then. */
export function foldSteps(steps: { actor: string; event: JourneyEvent }[]): RunHoldings & { hasAspirantYearBehind: boolean } {
  let run: RunHoldings = { ...freshRun };
  let hasAspirantYearBehind = false;
  let phase: JourneyPhase | null = null;
  for (const { actor, event } of steps) {
    switch (event.type) {
      case 'journey_started':
        hasAspirantYearBehind = event.hasAspirantYearBehind;
        break;
      case 'phase_entered': {
        const carried = carriedIntoRun[event.phase];
        if (carried && phase !== event.phase) run = { ...freshRun, ...Object.fromEntries(carried.map((key) => [key, run[key]])) };
        // The hub year follows an aspirant year (this run's or the one before): the journey carries that on.
        if (event.phase === 'hub_year') hasAspirantYearBehind = true;
        phase = event.phase;
        break;
      }
      case 'conversation_planned':
      case 'conversation_answered':
        run.plannedConversation = event.conversation;
        break;
      case 'conversation_recorded':
        run.conversation = { kind: event.kind, conductedOn: event.conductedOn, report: event.report, recordedBy: actor };
        break;
      case 'intake_recorded':
        run.intake = { outcome: event.outcome, notes: event.notes, recordedBy: actor };
        break;
      case 'round_joined':
        run.roundId = event.roundId;
        run.application = event.application;
        break;
      case 'round_missed':
        run.roundId = null;
        break;
      case 'application_saved':
      case 'application_decided':
        run.application = event.application;
        break;
      case 'expert_team_registered':
        run.expertTeam = event.members;
        break;
      case 'aspirant_outcome_recorded':
        run.aspirantOutcome = event.outcome;
        break;
      case 'enrolment_changed':
        run.enrolment = event.enrolment;
        break;
      case 'form_requested':
      case 'form_reminded':
      case 'form_answered':
      case 'form_missed':
        run.forms = withForm(run.forms, event.form);
        break;
      case 'registration_submitted':
        run.registration = event.registration;
        run.forms = withForm(run.forms, event.selfEvaluation);
        break;
      case 'cohort_place_granted':
        run.registration = event.registration;
        break;
      case 'development_group_assigned':
        run.developmentGroup = event.group;
        break;
      case 'journey_closed':
        run.outcome = { outcome: event.outcome, reason: event.reason };
        break;
    }
  }
  return { ...run, hasAspirantYearBehind };
}

/** A form as it now stands: one entry per kind and scope, in the order first asked. */
function withForm(forms: JourneyView['forms'], form: JourneyView['forms'][number]): JourneyView['forms'] {
  const at = forms.findIndex((f) => f.kind === form.kind && f.scope === form.scope);
  return at === -1 ? [...forms, form] : forms.map((f, i) => (i === at ? form : f));
}

/** The case row, its school and its steps in order. */
interface CaseRecord {
  track: string;
  phase: string;
  cycle: number;
  waitingFor: string | null;
  nextDeadline: Date | null;
  schoolYear: string | null;
  outcome: string | null;
  brin: string;
  name: string;
  sector: string;
  region: string;
  inspectionRating: string;
  steps: { actor: string; event: JourneyEvent }[];
}

/** The case as one statement reads it: a school's page view costs one round trip here. */
export async function readCase(db: Db, journeyId: string): Promise<CaseRecord | null> {
  const [row] = await db.$queryRaw<CaseRecord[]>`
    SELECT j."track", j."phase", j."cycle", j."waitingFor", j."nextDeadline", j."schoolYear", j."outcome",
           s."brin", s."name", s."sector"::text AS "sector", s."region", s."inspectionRating",
           COALESCE((SELECT json_agg(json_build_object('actor', a."actor", 'event', a."data") ORDER BY a."seq")
                       FROM "AuditEvent" a WHERE a."journeyId" = j."id"), '[]'::json) AS "steps"
      FROM "Journey" j JOIN "School" s ON s."brin" = j."brin"
     WHERE j."id" = ${journeyId}`;
  return row ?? null;
}

/** The journey rebuilt from its record; null when there is no such case. */
export async function journeyFromRecord(db: Db, journeyId: string): Promise<JourneyView | null> {
  const row = await readCase(db, journeyId);
  if (!row) return null;
  const { brin, name, sector, region, inspectionRating, steps } = row;
  const track = row.track as Track;
  const phase = row.phase as JourneyPhase;
  const { roundId, ...run } = foldSteps(steps);
  const [round, enrolment] = await Promise.all([
    // The round joined. A round the journey has only heard of before it applies (a signal, no step) is not on record; no page shows it.
    roundId ? db.subsidyRound.findUnique({ where: { id: roundId } }).then((r) => r && toOpenRound(r)) : null,
    // A place in line moves without a step of the journey's own: the hub's record has where it stands now.
    run.enrolment?.status === 'waiting'
      ? db.trajectoryEnrolment.findUnique({ where: { trajectoryId_journeyId: { trajectoryId: run.enrolment.trajectoryId, journeyId } } })
      : null,
  ]);
  const shown: JourneyView = {
    journeyId,
    track,
    school: { brin, name, sector, region, inspectionRating } as JourneyView['school'],
    cycle: row.cycle,
    phase,
    waitingFor: row.waitingFor as WaitingFor | null,
    nextDeadline: row.nextDeadline?.toISOString() ?? null,
    ...run,
    enrolment: run.enrolment && enrolment?.status === 'waiting' ? { ...run.enrolment, position: enrolment.waitingPosition } : run.enrolment,
    round,
    // The school year of the aspirant, hub or learning year granted: once the application is approved.
    schoolYear: track === 'schoolontwikkeling' || run.application?.status === 'approved' || YEAR_GRANTED.has(phase) ? row.schoolYear : null,
    outcome: run.outcome ?? (row.outcome ? { outcome: row.outcome as NonNullable<JourneyView['outcome']>['outcome'], reason: '' } : null),
    allowedActions: openActions(track, phase, run, Date.now()),
    unrecordedSteps: 0,
  };
  if (JourneyView.safeParse(shown).success) return shown;
  // A step the retention rule erased parts of may no longer fit the view: then the case row alone.
  const { roundId: _, ...nothingHeld } = freshRun;
  return {
    ...shown,
    ...nothingHeld,
    hasAspirantYearBehind: false,
    round: null,
    outcome: row.outcome ? { outcome: row.outcome as NonNullable<JourneyView['outcome']>['outcome'], reason: '' } : null,
    allowedActions: [],
  };
}

/** The journey as its workflow sees it now; once the workflow is gone, as its record keeps it. */
export async function readJourney(deps: { db: Db; temporal: Client }, journeyId: string): Promise<JourneyView> {
  try {
    return await deps.temporal.workflow.getHandle(journeyId).query(getJourney);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    const recorded = await journeyFromRecord(deps.db, journeyId);
    if (!recorded) throw error;
    return recorded;
  }
}
