/** How clients start the link renewal workflow: its name and id scheme. */
export const RENEW_SCHOOL_LINK = 'renewSchoolLink';

/** One renewal per expired link: asking twice finds the same workflow. */
export function linkRenewalWorkflowId(expiredLinkId: string): string {
  return `link-renewal-${expiredLinkId}`;
}

export const RESEND_SCHOOL_LINK = 'resendSchoolLink';

/** One mail per office request, however often the request is sent. */
export function linkResendWorkflowId(requestId: string): string {
  return `link-resend-${requestId}`;
}
