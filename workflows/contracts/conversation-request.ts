/** How clients start the confirmation of a school's own request: its name and id scheme. */
export const CONFIRM_CONVERSATION_REQUEST = 'confirmConversationRequest';

/** One confirmation per request: starting it twice finds the same workflow. */
export function conversationRequestWorkflowId(requestId: string): string {
  return `conversation-request-${requestId}`;
}
