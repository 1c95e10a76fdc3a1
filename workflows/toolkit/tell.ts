/**
 * Telling another workflow something (a signal) without depending on it: a workflow that no longer
 * exists, e.g. a journey that ended, is logged and never fails the one that tells.
 */
import { getExternalWorkflowHandle, log } from '@temporalio/workflow';
import type { SignalDefinition } from '@temporalio/common';

/** Signals `workflowId`; resolves once sent or, when it cannot be, once `notTold` is logged with `context`. */
export function tell<Args extends unknown[]>(
  workflowId: string,
  signal: SignalDefinition<Args>,
  args: Args,
  notTold: string,
  context: Record<string, unknown>,
): Promise<void> {
  return getExternalWorkflowHandle(workflowId)
    .signal(signal, ...args)
    .catch((error: unknown) => {
      log.warn(notTold, { ...context, signal: signal.name, error: error instanceof Error ? error.message : String(error) });
    });
}
