/**
 * The Temporal Schedule that runs the retention rule daily. Every worker ensures it at start, so a
 * fresh server gets it and a changed PERSONAL_DATA_RETENTION_DAYS reaches the next run.
 */
import { ScheduleAlreadyRunning, type Client, type ScheduleOptionsStartWorkflowAction, type ScheduleUpdateOptions } from '@temporalio/client';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_RETENTION_DAYS } from '../../platform/config';
import { workflowType, type PersonalDataRetentionWorkflow } from '../../workflows/contracts/workflow-types';

export const RETENTION_SCHEDULE_ID = 'personal-data-retention';

function retentionSchedule(taskQueue: string, retentionDays: number): ScheduleUpdateOptions<ScheduleOptionsStartWorkflowAction<PersonalDataRetentionWorkflow>> {
  return {
    spec: { calendars: [{ hour: 3, minute: 30, comment: 'daily, at night' }], timezone: 'Europe/Amsterdam' },
    action: {
      type: 'startWorkflow',
      workflowType: workflowType.personalDataRetention,
      args: [{ retentionDays }],
      taskQueue,
      workflowId: 'personal-data-retention',
    },
    policies: { overlap: 'SKIP', catchupWindow: '1 day' },
    state: { note: 'Erases the personal data of journeys closed longer ago than the retention period' },
  };
}

/**
 * The daily run of the retention rule (03:30 Amsterdam time), carrying the retention period it is
 * to apply. Safe at every start of every worker: the first creates it, later ones change it only
 * when their task queue or retention period differs from what it carries.
 */
export async function ensureRetentionSchedule(temporal: Client, taskQueue: string, retentionDays: number = DEFAULT_RETENTION_DAYS): Promise<void> {
  const wanted = retentionSchedule(taskQueue, retentionDays);
  try {
    await temporal.schedule.create({ scheduleId: RETENTION_SCHEDULE_ID, ...wanted });
    return;
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  const handle = temporal.schedule.getHandle(RETENTION_SCHEDULE_ID);
  const current = await handle.describe();
  if (current.action.taskQueue === taskQueue && isDeepStrictEqual(current.action.args, wanted.action.args)) return;
  await handle.update<PersonalDataRetentionWorkflow>((previous) => ({
    ...wanted,
    // Paused by someone on purpose: a start does not undo that.
    state: previous.state.paused ? { paused: true, note: previous.state.note } : wanted.state,
  }));
}
