/**
 * Asking for a fresh link: the school from its expired link, or the office for a step's link. Each
 * starts a workflow under an id that names the request, so asking twice mails the new link once.
 */
import type { Client } from '@temporalio/client';
import type { LinkPurpose } from '../../domain/links';
import { linkRenewalWorkflowId, linkResendWorkflowId } from '../../workflows/contracts/link-renewal';
import { workflowType } from '../../workflows/contracts/workflow-types';
import { startOnce } from '../journeys/start-once';

interface Starting {
  temporal: Client;
  taskQueue: string;
}

/** The school asked for a new link from an expired one: it goes to the address we know, not to the asker. */
export function requestLinkRenewal(deps: Starting, expiredLinkId: string): Promise<void> {
  return startOnce(deps.temporal, {
    workflow: workflowType.renewSchoolLink,
    workflowId: linkRenewalWorkflowId(expiredLinkId),
    taskQueue: deps.taskQueue,
    args: [expiredLinkId],
  });
}

/** The office mails a fresh link for a step; one per request id. */
export function requestLinkResend(deps: Starting, request: { journeyId: string; purpose: LinkPurpose; requestId: string; requestedBy: string }): Promise<void> {
  return startOnce(deps.temporal, {
    workflow: workflowType.resendSchoolLink,
    workflowId: linkResendWorkflowId(request.requestId),
    taskQueue: deps.taskQueue,
    args: [request],
  });
}
