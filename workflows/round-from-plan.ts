/**
 * One firing of a track's yearly round plan: make (if none exists for the track and school year)
 * and schedule or open that year's round, as the office would by hand. The activity does it all,
 * safely twice: a second firing finds the round and leaves it be. The round itself then runs as
 * every round does, in its own subsidyRound workflow.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { now, retry } from './toolkit';
import type { RoundFromPlanInput, RoundFromPlanResult } from './contracts/round-from-plan';

const activities = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { ...retry, maximumAttempts: 20 },
});

export async function roundFromPlan({ track }: RoundFromPlanInput): Promise<RoundFromPlanResult> {
  // The workflow's clock (the firing), so a retry late in the day still makes the round of that moment.
  return activities.roundFromPlan({ track, firedAt: now() });
}
