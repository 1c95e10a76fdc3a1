/**
 * Mails the confirmation of a school's own request for the conversation. A workflow of its own,
 * started by the page or the API with the request's id as workflow id, so the mail goes out even
 * when the mail server is away for a while, and once (see conversation-request.messages.ts).
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { now, retry } from './toolkit';

const { confirmConversationRequest: sendConfirmation } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '10 seconds',
  retry,
});

export async function confirmConversationRequest(requestId: string): Promise<void> {
  await sendConfirmation({ requestId, requestedAt: now() });
}
