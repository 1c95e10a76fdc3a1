import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';

/**
 * Starts a workflow under an id that names the request (an expired link, an office request):
 * asking twice finds the first and does not start a second, so its mail goes out once.
 */
export async function startOnce(temporal: Client, request: { workflow: string; workflowId: string; taskQueue: string; args: unknown[] }): Promise<void> {
  try {
    await temporal.workflow.start(request.workflow, {
      workflowId: request.workflowId,
      taskQueue: request.taskQueue,
      args: request.args,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
