/**
 * What a cohort of the school development trajectory does to the world, and how a school's
 * journey reaches its cohort:
 *  - recordCohortStatus and recordDevelopmentGroups write the cohort's record in PostgreSQL;
 *  - requestCohortPlace, completeCohortIntake and leaveCohortPlace send the journey's request to
 *    the cohort's workflow as an Update (with a stable update id) and bring back its answer.
 * Each is safe to run twice.
 */
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { CohortPlaceRequest, CohortStatus } from '../domain/cohort';
import type { PlaceAnswer } from '../domain/places';
import type { Db } from '../platform/db';
import { cohortWorkflowId, intakeCompleted, leaveCohort, requestCohortPlace } from '../workflows/contracts/development-cohort';
import { RefusalType } from '../workflows/contracts/refusals';

export interface ConfirmedGroups {
  cohortId: string;
  groups: { groupId: string; theme: string; journeyIds: string[] }[];
  confirmedBy: string;
  confirmedAt: string;
}

const COHORT_NOT_TAKING_MESSAGE = 'Dit cohort neemt geen aanmeldingen meer aan.';

type CohortReply<R> = { answered: R } | { refused: string };

/**
 * Sends one request of a school's journey to its cohort. The Update id is stable across retries of
 * this activity (the journey's run and the activity's id), so a retry attaches to the request
 * already made instead of asking twice.
 */
async function askCohort<T, R>(
  temporal: Client,
  cohortId: string,
  update: UpdateDefinition<R, [T]>,
  request: T & { journeyId: string },
): Promise<CohortReply<R>> {
  const { workflowExecution, activityId } = Context.current().info;
  const updateId = `${request.journeyId}/${cohortId}/${update.name}/${workflowExecution?.runId ?? 'direct'}/${activityId}`;
  try {
    return { answered: await temporal.workflow.getHandle(cohortWorkflowId(cohortId)).executeUpdate(update, { args: [request], updateId }) };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { refused: COHORT_NOT_TAKING_MESSAGE };
    const refusal = error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure ? error.cause : null;
    if (refusal && Object.values<string>(RefusalType).includes(refusal.type ?? '')) return { refused: refusal.message };
    throw error; // the server unreachable, a timeout: retried
  }
}

export function createCohortActivities({ db, temporal }: { db: Db; temporal: Client }) {
  return {
    /** The cohort's status in its record (registration, grouping, running, finished). */
    async recordCohortStatus({ cohortId, status }: { cohortId: string; status: CohortStatus }): Promise<void> {
      await db.developmentCohort.updateMany({ where: { id: cohortId }, data: { status } });
    },
    /** The groups the office confirmed, and each member journey's group. */
    async recordDevelopmentGroups({ cohortId, groups, confirmedBy, confirmedAt }: ConfirmedGroups): Promise<void> {
      await db.$transaction(async (tx) => {
        for (const group of groups) {
          const data = { cohortId, theme: group.theme, status: 'confirmed', confirmedBy, confirmedAt: new Date(confirmedAt) };
          await tx.developmentGroup.upsert({ where: { id: group.groupId }, create: { id: group.groupId, ...data }, update: data });
          // A journey's row exists from its first step; its group is set here (and again by its own step).
          await tx.journey.updateMany({ where: { id: { in: group.journeyIds } }, data: { developmentGroupId: group.groupId } });
        }
      });
    },
    /** A registration was submitted: a place, a place in line, or refused. */
    async requestCohortPlace({ cohortId, ...request }: CohortPlaceRequest & { cohortId: string }): Promise<PlaceAnswer> {
      const reply = await askCohort(temporal, cohortId, requestCohortPlace, request);
      return 'answered' in reply ? reply.answered : { status: 'refused', reason: 'closed', message: reply.refused };
    },
    /** The school passed its intake: the cohort may group it. */
    async completeCohortIntake({ cohortId, journeyId }: { cohortId: string; journeyId: string }): Promise<boolean> {
      const reply = await askCohort(temporal, cohortId, intakeCompleted, { journeyId, reason: '' });
      return 'answered' in reply && reply.answered.ready;
    },
    /** The school leaves the cohort: its place (or place in line) goes to the next. */
    async leaveCohortPlace({ cohortId, journeyId, reason }: { cohortId: string; journeyId: string; reason: string }): Promise<boolean> {
      const reply = await askCohort(temporal, cohortId, leaveCohort, { journeyId, reason });
      return 'answered' in reply && reply.answered.left;
    },
  };
}
