/**
 * The yearly round plan: saved per track by an admin, kept as a recurring Temporal Schedule that
 * fires at each year's opening moment (Amsterdam time), and what a firing does: make that year's
 * round through createRound, exactly as the office does by hand, and open it.
 */
import { workflowType } from '../../workflows/contracts/workflow-types';
import { ScheduleAlreadyRunning, type Client, type ScheduleOptionsAction, type ScheduleSpec } from '@temporalio/client';
import { CreateRound, type RoundTrack } from '../../domain/round';
import { currentPlannedRound, nextPlannedOpening, RoundPlan, type PlannedRound } from '../../domain/round-plan';
import { PROGRAMME_TIME_ZONE } from '../../domain/amsterdam-time';
import { subsidyRatesFor } from '../../domain/subsidy-rates';
import type { Db } from '../../platform/db';
import { roundPlanScheduleId, type RoundFromPlanResult } from '../../workflows/contracts/round-from-plan';
import { AppError } from '../errors';
import { createRound, openRoundNow, type RoundDependencies } from './manage-rounds';

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;

type PlanRow = NonNullable<Awaited<ReturnType<Db['roundPlan']['findUnique']>>>;

function planOf(row: PlanRow): RoundPlan {
  return RoundPlan.parse({ ...row, reminderDaysBefore: row.reminderDaysBefore });
}

/** Every year at the plan's opening moment, Amsterdam wall-clock time. */
function yearlyAtOpening(plan: RoundPlan): ScheduleSpec {
  const [hour, minute] = plan.opensTime.split(':').map(Number) as [number, number];
  return {
    calendars: [{ month: MONTHS[plan.opensMonth - 1]!, dayOfMonth: plan.opensDay, hour, minute, comment: 'yearly opening of the subsidy round' }],
    timezone: PROGRAMME_TIME_ZONE,
  };
}

function planAction(track: RoundTrack, taskQueue: string): ScheduleOptionsAction {
  return { type: 'startWorkflow', workflowType: workflowType.roundFromPlan, args: [{ track }], taskQueue, workflowId: roundPlanScheduleId(track) };
}

/** Creates the track's Schedule, or brings an existing one in line with the plan: safe to run twice. */
export async function ensureRoundPlanSchedule(temporal: Client, taskQueue: string, plan: RoundPlan): Promise<void> {
  const spec = yearlyAtOpening(plan);
  const action = planAction(plan.track, taskQueue);
  // A week's grace: a round whose opening passed while the system was down still opens.
  const policies = { overlap: 'SKIP' as const, catchupWindow: '7 days' };
  try {
    await temporal.schedule.create({
      scheduleId: roundPlanScheduleId(plan.track),
      spec,
      action,
      policies,
      state: { note: `Makes and opens each school year's subsidy round for ${plan.track}` },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await temporal.schedule.getHandle(roundPlanScheduleId(plan.track)).update((previous) => ({ ...previous, spec, action, policies }));
  }
}

/** Saves a track's plan and its Schedule together: when the Schedule cannot be made, the plan is not saved either. */
export async function saveRoundPlan({ db, temporal, taskQueue }: RoundDependencies, plan: RoundPlan, savedBy: string): Promise<RoundPlan> {
  const data = { ...plan, updatedBy: savedBy };
  // The transaction waits for Temporal's Schedule call: beyond Prisma's 5 s default when the server
  // is busy, and two saves of one track wait for each other's (the row lock).
  await db.$transaction(
    async (tx) => {
      await tx.roundPlan.upsert({ where: { track: plan.track }, create: data, update: data });
      await ensureRoundPlanSchedule(temporal, taskQueue, plan);
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
  return plan;
}

export async function listRoundPlans(db: Db): Promise<RoundPlan[]> {
  const rows = await db.roundPlan.findMany({ orderBy: { track: 'asc' } });
  return rows.map(planOf);
}

/** At worker start: every saved plan has its Schedule (e.g. after the Temporal server lost its state). */
export async function ensureRoundPlanSchedules(db: Db, temporal: Client, taskQueue: string): Promise<number> {
  const plans = await listRoundPlans(db);
  for (const plan of plans) await ensureRoundPlanSchedule(temporal, taskQueue, plan);
  return plans.length;
}

/** A plan's next opening, and whether the amounts of its school year are known yet. */
export interface PlannedOpening extends PlannedRound {
  track: RoundTrack;
  ratesKnown: boolean;
}

export async function nextPlannedOpenings(db: Db, now = new Date()): Promise<PlannedOpening[]> {
  return (await listRoundPlans(db)).map((plan) => {
    const next = nextPlannedOpening(plan, now);
    return { ...next, track: plan.track, ratesKnown: subsidyRatesFor(next.schoolYear) !== undefined };
  });
}

/** How long ahead the dashboard warns that a planned round's school year has no amounts yet. */
export const RATES_WARNING_DAYS = 56;

/** Planned openings within the warning period whose school year has no amounts: the round could not be made. */
export async function openingsWithoutRates(db: Db, now = new Date()): Promise<PlannedOpening[]> {
  const horizon = now.getTime() + RATES_WARNING_DAYS * 86_400_000;
  return (await nextPlannedOpenings(db, now)).filter((o) => !o.ratesKnown && o.opensAt.getTime() <= horizon);
}

async function roundForTrackAndYear(db: Db, track: RoundTrack, schoolYear: string) {
  return db.subsidyRound.findFirst({ where: { schoolYear, tracks: { has: track } }, orderBy: { createdAt: 'asc' } });
}

/**
 * One firing of the plan: the round of the school year current at `firedAt` (the first that has
 * not closed), made once. A round the office made for the track and year by hand stands instead;
 * the plan's own round, found again (a double firing, a retry), is opened if its moment has come.
 */
export async function roundFromPlan(deps: RoundDependencies, track: RoundTrack, firedAt: Date): Promise<RoundFromPlanResult> {
  const row = await deps.db.roundPlan.findUnique({ where: { track } });
  if (!row) return { roundId: null, schoolYear: null, created: false };
  const plan = planOf(row);
  const planned = currentPlannedRound(plan, firedAt);

  let created = false;
  let own = await deps.db.subsidyRound.findUnique({ where: { id: planned.id } });
  if (!own) {
    const other = await roundForTrackAndYear(deps.db, track, planned.schoolYear);
    if (other) return { roundId: other.id, schoolYear: planned.schoolYear, created: false };
    try {
      const input = CreateRound.parse({
        id: planned.id,
        name: planned.name,
        schoolYear: planned.schoolYear,
        opensAt: planned.opensAt.toISOString(),
        closesAt: planned.closesAt.toISOString(),
        tracks: [track],
        capacity: plan.capacity,
        reminderDaysBefore: plan.reminderDaysBefore,
      });
      await createRound(deps, input);
      created = true;
    } catch (error) {
      // Another firing made it a moment ago (it then overlaps, or exists): that one is the round.
      const refused = error instanceof AppError && (error.code === 'round_exists' || error.code === 'round_overlaps');
      if (!refused) throw error;
      const now = await roundForTrackAndYear(deps.db, track, planned.schoolYear);
      if (!now) throw error;
      if (now.id !== planned.id) return { roundId: now.id, schoolYear: planned.schoolYear, created: false };
    }
    own = await deps.db.subsidyRound.findUnique({ where: { id: planned.id } });
  }
  if (own && own.status === 'scheduled' && own.opensAt.getTime() <= Date.now()) await openRoundNow(deps, own.id);
  return { roundId: planned.id, schoolYear: planned.schoolYear, created };
}
