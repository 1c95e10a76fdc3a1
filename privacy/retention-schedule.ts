import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';

export const RETENTION_SCHEDULE_ID = 'personal-data-retention';

/** The daily run of the retention rule (03:30 Amsterdam time); created once, kept as it is afterwards. */
export async function ensureRetentionSchedule(temporal: Client, taskQueue: string): Promise<void> {
  try {
    await temporal.schedule.create({
      scheduleId: RETENTION_SCHEDULE_ID,
      spec: { calendars: [{ hour: 3, minute: 30, comment: 'daily, at night' }], timezone: 'Europe/Amsterdam' },
      action: { type: 'startWorkflow', workflowType: 'personalDataRetention', args: [], taskQueue, workflowId: 'personal-data-retention' },
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
      state: { note: 'Erases the personal data of journeys closed longer ago than the retention period' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
