/**
 * Each scheduled round has a Temporal Schedule that starts its workflow at the opening moment:
 * a calendar entry for that one instant, with one action left. No cron of our own.
 */
import { ScheduleNotFoundError, WorkflowExecutionAlreadyStartedError, type Client, type ScheduleSpec } from '@temporalio/client';
import { workflowType, type SubsidyRoundWorkflow } from '../../workflows/contracts/workflow-types';
import { roundScheduleId, roundWorkflowId } from '../../workflows/contracts/subsidy-round';

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;

/** The calendar entry for exactly `moment`, in UTC (unambiguous even in the hour clocks go back). */
function onceAt(moment: Date): ScheduleSpec {
  return {
    calendars: [
      {
        year: moment.getUTCFullYear(),
        month: MONTHS[moment.getUTCMonth()]!,
        dayOfMonth: moment.getUTCDate(),
        hour: moment.getUTCHours(),
        minute: moment.getUTCMinutes(),
        second: moment.getUTCSeconds(),
        comment: 'opening of the subsidy round',
      },
    ],
    timezone: 'UTC',
  };
}

export async function createRoundSchedule(temporal: Client, taskQueue: string, round: { id: string; name: string; opensAt: Date }): Promise<void> {
  await temporal.schedule.create({
    scheduleId: roundScheduleId(round.id),
    spec: onceAt(round.opensAt),
    action: { type: 'startWorkflow', workflowType: workflowType.subsidyRound, args: [{ roundId: round.id }], taskQueue, workflowId: roundWorkflowId(round.id) },
    policies: { catchupWindow: '1 day' },
    state: { remainingActions: 1, note: `Opens subsidy round "${round.name}"` },
  });
}

export async function moveRoundSchedule(temporal: Client, roundId: string, opensAt: Date): Promise<void> {
  await temporal.schedule.getHandle(roundScheduleId(roundId)).update((previous) => ({
    ...previous,
    spec: onceAt(opensAt),
    state: { ...previous.state, remainingActions: 1 },
  }));
}

export async function deleteRoundSchedule(temporal: Client, roundId: string): Promise<void> {
  await temporal.schedule
    .getHandle(roundScheduleId(roundId))
    .delete()
    .catch((error: unknown) => {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    });
}

/**
 * Opens the round now: its workflow started directly, under the id the Schedule would give it.
 * Started already (a double click, before the workflow marked the round open): that is the opening.
 */
export async function startRoundNow(temporal: Client, taskQueue: string, roundId: string): Promise<void> {
  await temporal.workflow
    .start<SubsidyRoundWorkflow>(workflowType.subsidyRound, {
      workflowId: `${roundWorkflowId(roundId)}-now`,
      taskQueue,
      args: [{ roundId }],
    })
    .catch((error: unknown) => {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    });
}
