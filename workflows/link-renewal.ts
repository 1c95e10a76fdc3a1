/**
 * Sends a school a new link from an expired one. A workflow of its own, started by the page the
 * school asked on with the expired link's id as workflow id: the request survives a crash of the
 * API or the worker, and asking twice sends one mail (see link-renewal.messages.ts).
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { LinkResend } from '../activities/replace-link';
import { now, retry } from './toolkit';

const { renewLink, resendLink } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '10 seconds',
  retry,
});

export async function renewSchoolLink(expiredLinkId: string): Promise<boolean> {
  return renewLink({ expiredLinkId, requestedAt: now() });
}

/** The office sends a school a fresh link for a step; started with the request's id as workflow id. */
export async function resendSchoolLink(request: Omit<LinkResend, 'requestedAt'>): Promise<boolean> {
  return resendLink({ ...request, requestedAt: now() });
}
