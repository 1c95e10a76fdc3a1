/**
 * What a hub does to the world, and how an ontwikkelschool's journey reaches a hub:
 *  - recordHubYears stores hub steps (the hub as it stands after each change) in the read model,
 *    recordHubYear one of them, for histories from before they were stored together;
 *  - requestTrajectoryPlace, acceptTrajectoryPlace and leaveTrajectoryPlace send the journey's
 *    request to the hub's workflow as an Update and bring back its answer.
 * Each is safe to run twice.
 */
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { HubOutcomeView, HubStatus, KnowledgeSharingKind, PlaceAcceptance, PlaceRequest, TrajectoryLeave } from '../domain/hub';
import type { PlaceAnswer } from '../domain/places';
import type { SchoolYear } from '../domain/school-year';
import type { Db, Prisma } from '../platform/db';
import { RefusalType } from '../workflows/contracts/refusals';
import { acceptPlace, hubIdOfTrajectory, leaveTrajectory, requestPlace } from '../workflows/contracts/hub-year';

export type HubChange =
  | 'hub_opened'
  | 'place_requested'
  | 'place_accepted'
  | 'place_left'
  | 'place_released'
  | 'offer_expired'
  | 'start_session_recorded'
  | 'training_recorded'
  | 'knowledge_sharing_recorded'
  | 'outcome_recorded'
  | 'year_ended'
  | 'hub_closed';

/** An ontwikkelschool's row in a trajectory: where it stands, or how it left. */
export interface EnrolmentRow {
  trajectoryId: string;
  journeyId: string;
  brin: string;
  status: 'enrolled' | 'waiting' | 'offered' | 'released' | 'expired';
  /** 1 = next in line; only while waiting. */
  waitingPosition: number | null;
  requestedAt: string;
  enrolledAt: string | null;
  offerExpiresAt: string | null;
  endedAt: string | null;
  /** The office's reason, when it released the place. */
  endedReason?: string | null;
}

/** The hub as it stands after one change: the read model is replaced by it, never by an older one. */
export interface HubStep {
  hubId: string;
  /** Position in the hub's history; the read model never goes back to an older step. */
  seq: number;
  at: string;
  /** 'school', 'system', or the name of the office staff member who acted. */
  actor: string;
  change: HubChange;
  hub: { journeyId: string; brin: string; schoolYear: SchoolYear; status: HubStatus; outcome: HubOutcomeView | null };
  trajectories: { trajectoryId: string; position: number; title: string; places: number; startSessionOn: string | null; trainingsGiven: number }[];
  enrolments: EnrolmentRow[];
  knowledgeSharing: { id: string; kind: KnowledgeSharingKind; title: string; heldOn: string; attendees: number; recordedBy: string }[];
}

type Tx = Prisma.TransactionClient;
const date = (iso: string | null) => (iso === null ? null : new Date(iso));

/**
 * Stores a hub step in one transaction, only if it is newer than the last one stored: a retried
 * or late step never overwrites a newer one.
 */
export async function recordHubStep(db: Db, step: HubStep): Promise<void> {
  await recordHubSteps(db, [step]);
}

/** Stores the hub steps a workflow task queued, in their order, in one transaction; each as recordHubStep would. */
export async function recordHubSteps(db: Db, steps: HubStep[]): Promise<void> {
  await db.$transaction(
    async (tx) => {
      for (const step of steps) await storeHubStep(tx, step);
    },
    // As for journey steps: room for a batch, and below the activity's 30 s, so an attempt given up on cannot commit later.
    { timeout: 20_000 },
  );
}

async function storeHubStep(tx: Tx, step: HubStep): Promise<void> {
  if (!(await moveHubForward(tx, step))) return;
  const { hubId } = step;
  for (const t of step.trajectories) {
    const data = { title: t.title, places: t.places, startSessionOn: date(t.startSessionOn), trainingsGiven: t.trainingsGiven };
    await tx.hubTrajectory.upsert({ where: { id: t.trajectoryId }, create: { id: t.trajectoryId, hubId, position: t.position, ...data }, update: data });
  }
  await tx.trajectoryEnrolment.deleteMany({ where: { trajectory: { hubId } } });
  await tx.trajectoryEnrolment.createMany({
    data: step.enrolments.map((e) => ({
      ...e,
      requestedAt: new Date(e.requestedAt),
      enrolledAt: date(e.enrolledAt),
      offerExpiresAt: date(e.offerExpiresAt),
      endedAt: date(e.endedAt),
    })),
  });
  await tx.knowledgeSharing.deleteMany({ where: { hubId } });
  await tx.knowledgeSharing.createMany({ data: step.knowledgeSharing.map((k) => ({ ...k, hubId, heldOn: new Date(k.heldOn) })) });
}

/** Writes the hub's row if this step is newer than the one stored; false when it is not. */
async function moveHubForward(tx: Tx, { hubId, seq, hub }: HubStep): Promise<boolean> {
  const { journeyId, brin, schoolYear, status, outcome } = hub;
  // A plain upsert cannot say "only if newer"; ON CONFLICT … WHERE can (and locks the row meanwhile).
  const written = await tx.$executeRaw`
    INSERT INTO "HubYear" ("id", "journeyId", "brin", "schoolYear", "status", "outcome", "outcomeReason", "decidedBy", "lastStep", "updatedAt")
    VALUES (${hubId}, ${journeyId}, ${brin}, ${schoolYear}, ${status}, ${outcome?.outcome ?? null}, ${outcome?.reason ?? null}, ${outcome?.decidedBy ?? null}, ${seq}, now())
    ON CONFLICT ("id") DO UPDATE SET
      "status" = EXCLUDED."status", "outcome" = EXCLUDED."outcome", "outcomeReason" = EXCLUDED."outcomeReason",
      "decidedBy" = EXCLUDED."decidedBy", "lastStep" = EXCLUDED."lastStep", "updatedAt" = now()
    WHERE "HubYear"."lastStep" < EXCLUDED."lastStep"`;
  return written > 0;
}

const HUB_NOT_TAKING_MESSAGE = 'Dit leertraject neemt geen aanmeldingen meer aan: het schooljaar van de expertschool is voorbij of de hub bestaat niet.';

/** How the hub answered: its answer, or its refusal as a message (it will refuse again if asked again). */
type HubReply<R> = { answered: R } | { refused: string };

/**
 * Sends one request of an ontwikkelschool's journey to the hub. The Update id is stable across
 * retries of this activity (the journey's run and the activity's id), so a retry attaches to the
 * request already made instead of asking twice; a next call is a new request.
 */
async function askHub<T, R>(
  temporal: Client,
  update: UpdateDefinition<R, [T]>,
  request: T & { trajectoryId: string; journeyId: string },
): Promise<HubReply<R>> {
  const { workflowExecution, activityId } = Context.current().info;
  const updateId = `${request.journeyId}/${request.trajectoryId}/${update.name}/${workflowExecution?.runId ?? 'direct'}/${activityId}`;
  try {
    const answered = await temporal.workflow.getHandle(hubIdOfTrajectory(request.trajectoryId)).executeUpdate(update, { args: [request], updateId });
    return { answered };
  } catch (error) {
    // Not running (never started, or its year is over and closed): no point in asking again.
    if (error instanceof WorkflowNotFoundError) return { refused: HUB_NOT_TAKING_MESSAGE };
    const refusal = error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure ? error.cause : null;
    if (refusal && Object.values<string>(RefusalType).includes(refusal.type ?? '')) return { refused: refusal.message };
    throw error; // the server unreachable, a timeout: retried
  }
}

function placeAnswer(reply: HubReply<PlaceAnswer>): PlaceAnswer {
  return 'answered' in reply ? reply.answered : { status: 'refused', reason: 'closed', message: reply.refused };
}

export function createHubActivities({ db, temporal }: { db: Db; temporal: Client }) {
  return {
    /** Stores a hub step in the read model (hub, trajectories, enrolments, knowledge sharing). */
    async recordHubYear(step: HubStep): Promise<void> {
      await recordHubStep(db, step);
    },
    /** Stores the hub steps of one workflow task together, in order (what hub years call since the patch). */
    async recordHubYears(steps: HubStep[]): Promise<void> {
      await recordHubSteps(db, steps);
    },
    /** An ontwikkelschool asks for a place in a trajectory: enrolled, on the waiting list, or refused. */
    async requestTrajectoryPlace(request: PlaceRequest): Promise<PlaceAnswer> {
      return placeAnswer(await askHub(temporal, requestPlace, request));
    },
    /** An ontwikkelschool accepts the place it was offered. */
    async acceptTrajectoryPlace(acceptance: PlaceAcceptance): Promise<PlaceAnswer> {
      return placeAnswer(await askHub(temporal, acceptPlace, acceptance));
    },
    /** An ontwikkelschool whose journey stops gives up its place, offer or place in line (if the hub still runs). */
    async leaveTrajectoryPlace(leaving: TrajectoryLeave): Promise<void> {
      await askHub(temporal, leaveTrajectory, leaving);
    },
  };
}
