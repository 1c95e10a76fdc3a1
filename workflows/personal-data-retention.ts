/**
 * Applies the retention rule once; a Temporal Schedule (`personal-data-retention`) runs it daily.
 * The activity erases in batches, so a backlog is worked off over a few runs.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { now } from './toolkit';

const { erasePersonalData } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  // Not the toolkit's retry: a daily job that fails waits minutes, not seconds, before it tries again.
  retry: { initialInterval: '1 minute', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/** The Schedule carries the configured retention period; runs started without it use the worker's. */
export async function personalDataRetention(input: { retentionDays?: number } = {}): Promise<number> {
  const { erased } = await erasePersonalData({ now: now(), ...(input.retentionDays ? { retentionDays: input.retentionDays } : {}) });
  return erased;
}
