/** How clients address the confirmation of a school's own conversation request: its id scheme (name in workflow-types.ts). */

/** One confirmation per request: starting it twice finds the same workflow. */
export function conversationRequestWorkflowId(requestId: string): string {
  return `conversation-request-${requestId}`;
}
