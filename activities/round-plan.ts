/**
 * The yearly round plan's one activity: make and open the year's round (api/rounds/round-plan.ts),
 * on the task queue the worker serves. A refusal (no amounts for the school year) will not pass by
 * retrying: it fails the firing at once, visibly, and the dashboard warned weeks before.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { AppError } from '../services/errors';
import { roundFromPlan } from '../services/rounds/round-plan';
import type { RoundTrack } from '../domain/round';
import type { Db } from '../platform/db';
import type { RoundFromPlanResult } from '../workflows/contracts/round-from-plan';

export function createRoundPlanActivities({ db, temporal }: { db: Db; temporal: Client }) {
  return {
    async roundFromPlan({ track, firedAt }: { track: RoundTrack; firedAt: string }): Promise<RoundFromPlanResult> {
      const taskQueue = Context.current().info.taskQueue;
      try {
        return await roundFromPlan({ db, temporal, taskQueue }, track, new Date(firedAt));
      } catch (error) {
        if (error instanceof AppError) throw ApplicationFailure.nonRetryable(error.message, error.code);
        throw error;
      }
    },
  };
}
