/**
 * What a subsidy round does to the world: its record, telling journeys, reminding schools,
 * and handing out places in a full round. Each is safe to run twice.
 */
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { OpenRound } from '../domain/journey';
import { RoundTrack, remindersFor } from '../domain/round';
import { LINK_LIFETIME_DAYS } from '../domain/links';
import type { Db } from '../platform/db';
import { toOpenRound } from '../services/rounds/open-round';
import { roundChanged, roundOpened } from '../workflows/contracts/journey';
import { roundFull, type OpenedRound } from '../workflows/contracts/subsidy-round';

/** Journeys a round opening concerns: not applying yet, not closed. */
const PHASES_BEFORE_APPLYING = ['conversation', 'intake', 'awaiting_round'];
const PAGE = 500;
const SIGNALS_AT_ONCE = 50;

export interface RoundReminder {
  roundId: string;
  journeyId: string;
  to: string;
  schoolName: string;
  roundName: string;
  closesAt: string;
  daysBefore: number;
  remindAt: string;
}

/** One batch of a round's reminder: at most `limit` schools, from the journey id after `after`. */
export interface ReminderBatch {
  roundId: string;
  daysBefore: number;
  remindAt: string;
  /** '' for the first batch. */
  after: string;
  limit: number;
}

export interface RoundActivityDependencies {
  db: Db;
  temporal: Client;
  /** Sends the reminder to the school, once per journey, round and reminder. */
  sendRoundReminder(reminder: RoundReminder): Promise<void>;
}

/** Why a school can no longer apply in a round. */
export type RoundShut = 'cancelled' | 'full' | 'closed';

export interface CurrentRound {
  round: OpenRound;
  shut: RoundShut | null;
}

function shutReason(round: { status: string; closesAt: Date; closedReason: string | null; full: boolean }): RoundShut | null {
  if (round.status === 'cancelled') return 'cancelled';
  if (round.status === 'closed') return round.closedReason === 'full' ? 'full' : 'closed';
  if (round.full) return 'full';
  if (round.status !== 'open' || round.closesAt.getTime() <= Date.now()) return 'closed';
  return null;
}

/**
 * A link for applying in a round lives until the round's current end: a move extends (or
 * shortens) the links already sent, within a link's own lifetime from when it was issued.
 */
async function moveApplicationLinks(db: Db, roundId: string, closesAt: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE "LinkToken"
       SET "stepEndsAt" = ${closesAt},
           "expiresAt" = LEAST(${closesAt}, "createdAt" + make_interval(days => ${LINK_LIFETIME_DAYS}))
     WHERE "purpose" = 'application' AND "scope" = ${roundId} AND "revokedAt" IS NULL AND "usedAt" IS NULL`;
}

/** Signals journeys in bounded batches; a journey whose workflow is gone is skipped. */
async function signalEach(ids: string[], send: (id: string) => Promise<void>): Promise<number> {
  let told = 0;
  for (let i = 0; i < ids.length; i += SIGNALS_AT_ONCE) {
    const results = await Promise.allSettled(ids.slice(i, i + SIGNALS_AT_ONCE).map(send));
    Context.current().heartbeat();
    for (const result of results) {
      if (result.status === 'fulfilled') told++;
      else if (!(result.reason instanceof WorkflowNotFoundError)) throw result.reason;
    }
  }
  return told;
}

/** One school's reminder of a round: the same mail, whether sent in a batch or by the older single activity. */
function reminderOf(
  round: { id: string; name: string; closesAt: Date },
  draft: { journeyId: string; journey: { school: { name: string; contactEmail: string } } },
  daysBefore: number,
  remindAt: string,
): Parameters<RoundActivityDependencies['sendRoundReminder']>[0] {
  return {
    roundId: round.id,
    journeyId: draft.journeyId,
    to: draft.journey.school.contactEmail,
    schoolName: draft.journey.school.name,
    roundName: round.name,
    closesAt: round.closesAt.toISOString(),
    daysBefore,
    remindAt,
  };
}

export function createRoundActivities({ db, temporal, sendRoundReminder }: RoundActivityDependencies) {
  return {
    /** Marks the round open, once; null when it is not this workflow's to open (already open, cancelled, closed). */
    async openSubsidyRound({ roundId }: { roundId: string }): Promise<OpenedRound | null> {
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? null;
      await db.subsidyRound.updateMany({ where: { id: roundId, status: 'scheduled' }, data: { status: 'open', openedAt: new Date(), workflowId } });
      const row = await db.subsidyRound.findUnique({ where: { id: roundId } });
      if (!row || row.status !== 'open' || row.workflowId !== workflowId) return null;
      return {
        round: toOpenRound(row),
        tracks: RoundTrack.array().parse(row.tracks),
        reminders: remindersFor(row.closesAt, row.reminderDaysBefore),
      };
    },

    /**
     * Tells every journey of the round's tracks that has not applied yet. Pages through the case
     * record by id and heartbeats its place, so a retry resumes where the last attempt stopped.
     */
    async announceRound({ round, tracks }: { round: OpenRound; tracks: string[] }): Promise<number> {
      const context = Context.current();
      let { cursor, told } = (context.info.heartbeatDetails as { cursor: string; told: number } | undefined) ?? { cursor: '', told: 0 };
      for (;;) {
        const page = await db.journey.findMany({
          where: { track: { in: tracks }, phase: { in: PHASES_BEFORE_APPLYING }, id: { gt: cursor } },
          select: { id: true },
          orderBy: { id: 'asc' },
          take: PAGE,
        });
        if (page.length === 0) return told;
        told += await signalEach(
          page.map((j) => j.id),
          (id) => temporal.workflow.getHandle(id).signal(roundOpened, round),
        );
        cursor = page[page.length - 1]!.id;
        context.heartbeat({ cursor, told });
      }
    },

    /**
     * Reminds each school whose application for the round is still a draft, in one activity.
     * Kept for rounds that scheduled it before reminders went in batches (remindApplicationsBatch).
     */
    async remindUnfinishedApplications({ roundId, daysBefore, remindAt }: { roundId: string; daysBefore: number; remindAt: string }): Promise<number> {
      const round = await db.subsidyRound.findUniqueOrThrow({ where: { id: roundId } });
      const drafts = await db.application.findMany({
        where: { roundId, status: 'draft', journey: { phase: 'application' } },
        select: { journeyId: true, journey: { select: { school: { select: { name: true, contactEmail: true } } } } },
        orderBy: { journeyId: 'asc' },
      });
      for (const draft of drafts) {
        await sendRoundReminder(reminderOf(round, draft, daysBefore, remindAt));
        Context.current().heartbeat();
      }
      return drafts.length;
    },

    /**
     * One bounded batch of a reminder: the next `limit` schools (by journey id, after `after`)
     * whose application for the round is still a draft, reminded at once. Each mail is keyed in the
     * outbox, so a retried batch sends none twice. `next` is where the following batch starts.
     */
    async remindApplicationsBatch({ roundId, daysBefore, remindAt, after, limit }: ReminderBatch): Promise<{ mails: number; next: string | null }> {
      const round = await db.subsidyRound.findUniqueOrThrow({ where: { id: roundId } });
      const drafts = await db.application.findMany({
        where: { roundId, status: 'draft', journey: { phase: 'application' }, journeyId: { gt: after } },
        select: { journeyId: true, journey: { select: { school: { select: { name: true, contactEmail: true } } } } },
        orderBy: { journeyId: 'asc' },
        take: limit,
      });
      const results = await Promise.allSettled(drafts.map((draft) => sendRoundReminder(reminderOf(round, draft, daysBefore, remindAt))));
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      return { mails: drafts.length, next: drafts.length < limit ? null : drafts[drafts.length - 1]!.journeyId };
    },

    /** Closes the round (once) and returns the moment it closed. */
    async closeSubsidyRound({ roundId, reason }: { roundId: string; reason: 'deadline' | 'full' | 'cancelled' }): Promise<string> {
      await db.subsidyRound.updateMany({
        where: { id: roundId, status: 'open' },
        data: { status: reason === 'cancelled' ? 'cancelled' : 'closed', closedAt: new Date(), closedReason: reason },
      });
      const row = await db.subsidyRound.findUniqueOrThrow({ where: { id: roundId } });
      return (row.closedAt ?? new Date()).toISOString();
    },

    /**
     * Tells journeys still applying in the round its new closing moment (moved, or closed), and
     * so journeys of its tracks that heard of it before they could apply: a journey that knows
     * another round (or none) ignores the signal.
     */
    async tellApplyingJourneys({
      roundId,
      closesAt,
      applyingOnly = false,
    }: {
      roundId: string;
      closesAt: string;
      /** At the deadline: a journey before applying already knows its copy has passed. */
      applyingOnly?: boolean;
    }): Promise<number> {
      const row = await db.subsidyRound.findUniqueOrThrow({ where: { id: roundId } });
      const beforeApplying = { track: { in: row.tracks }, phase: { in: PHASES_BEFORE_APPLYING } };
      const applying = await db.journey.findMany({
        where: { OR: [{ roundId, phase: 'application' }, ...(applyingOnly ? [] : [beforeApplying])] },
        select: { id: true },
        orderBy: { id: 'asc' },
      });
      const changed = { ...toOpenRound(row), closesAt };
      await moveApplicationLinks(db, roundId, new Date(closesAt));
      return signalEach(
        applying.map((j) => j.id),
        (id) => temporal.workflow.getHandle(id).signal(roundChanged, changed),
      );
    },

    /**
     * Takes a place in a round with a capacity for a journey's application ("vol = vol"): never
     * more places than the capacity, however many apply at once. Taking the last place closes the
     * round to new applications. A round that closed, was cancelled or moved its deadline into
     * the past gives no place.
     */
    async claimRoundPlace({ roundId, journeyId }: { roundId: string; journeyId: string }): Promise<{ granted: boolean; reason?: RoundShut }> {
      const outcome = await db.$transaction(async (tx) => {
        // The row lock serialises claims for one round.
        const [round] = await tx.$queryRaw<{ capacity: number | null; workflowId: string | null; status: string; closesAt: Date }[]>`
          SELECT "capacity", "workflowId", "status", "closesAt" FROM "SubsidyRound" WHERE "id" = ${roundId} FOR UPDATE`;
        if (!round) return { granted: false, full: false, workflowId: null, reason: 'closed' as const };
        const mine = await tx.roundPlace.findUnique({ where: { roundId_journeyId: { roundId, journeyId } } });
        const taken = await tx.roundPlace.count({ where: { roundId } });
        const full = round.capacity !== null && taken >= round.capacity;
        // A retry after the place was taken: the round may still have to hear that it is full (the
        // attempt that took the place may have failed before telling it).
        if (mine) return { granted: true, full, workflowId: round.workflowId };
        const shut = shutReason({ status: round.status, closesAt: round.closesAt, closedReason: null, full });
        if (shut) return { granted: false, full: false, workflowId: round.workflowId, reason: shut };
        await tx.roundPlace.create({ data: { roundId, journeyId } });
        return { granted: true, full: round.capacity !== null && taken + 1 >= round.capacity, workflowId: round.workflowId };
      });
      if (outcome.full && outcome.workflowId) {
        await temporal.workflow
          .getHandle(outcome.workflowId)
          .signal(roundFull)
          .catch((error: unknown) => {
            if (!(error instanceof WorkflowNotFoundError)) throw error;
          });
      }
      return outcome.granted ? { granted: true } : { granted: false, reason: outcome.reason ?? 'full' };
    },

    /**
     * The round as PostgreSQL has it now: whether a school can still apply in it, and its closing
     * moment (the moment it closed, once it did). A journey asks before it joins and submits.
     */
    async currentRound({ round: known }: { round: OpenRound }): Promise<CurrentRound> {
      const row = await db.subsidyRound.findUnique({ where: { id: known.roundId }, include: { _count: { select: { places: true } } } });
      // A round signalled by hand that the office never recorded has nothing to check against.
      if (!row) return { round: known, shut: null };
      const full = row.capacity !== null && row._count.places >= row.capacity;
      const shut = shutReason({ status: row.status, closesAt: row.closesAt, closedReason: row.closedReason, full });
      const round = toOpenRound(row);
      if (!shut) return { round, shut: null };
      const closedAt = row.closedAt ?? new Date(Math.min(Date.now(), row.closesAt.getTime()));
      return { round: { ...round, closesAt: closedAt.toISOString() }, shut };
    },

    /** The round of a track open right now with a place left, if any: a journey that starts waiting joins it directly. */
    async findOpenRound({ track }: { track: string }): Promise<OpenRound | null> {
      const rows = await db.subsidyRound.findMany({
        where: { status: 'open', tracks: { has: track }, closesAt: { gt: new Date() } },
        include: { _count: { select: { places: true } } },
        orderBy: { closesAt: 'asc' },
      });
      const row = rows.find((r) => r.capacity === null || r._count.places < r.capacity);
      return row ? toOpenRound(row) : null;
    },
  };
}
