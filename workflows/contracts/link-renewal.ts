/** How clients address the link renewal and resend workflows: their id schemes (names in workflow-types.ts). */
/** One renewal per expired link: asking twice finds the same workflow. */
export function linkRenewalWorkflowId(expiredLinkId: string): string {
  return `link-renewal-${expiredLinkId}`;
}

/** One mail per office request, however often the request is sent. */
export function linkResendWorkflowId(requestId: string): string {
  return `link-resend-${requestId}`;
}
