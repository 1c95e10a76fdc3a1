/**
 * Issuing and withdrawing the links a mail carries, always inside the transaction that writes the
 * mail to the outbox: a link exists exactly when the mail that carries it does.
 */
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../platform/db';
import { LINK_LIFETIME_DAYS, type LinkPolicy, type LinkPurpose } from '../../domain/links';
import { hashToken, linkUrl, newToken } from './link-token';
import { revokeLinks } from './revoke-links';

export interface LinkRequest {
  journeyId: string;
  purpose: LinkPurpose;
  /** The step within the journey, e.g. the round id or school year. */
  scope: string;
  /** Until when the step can be taken; the link expires then, or after LINK_LIFETIME_DAYS if sooner. */
  stepEndsAt: Date;
  singleUse: boolean;
  /** The expired link this one replaces. */
  renews?: string;
}

export interface IssuedLink {
  id: string;
  /** The secret: goes into the mail, nowhere else. */
  token: string;
  url: string;
  expiresAt: Date;
}

/**
 * Creates a link, inside the caller's transaction: the link exists exactly when the mail that
 * carries it is in the outbox.
 */
export async function issueLink(tx: Prisma.TransactionClient, publicUrl: string, request: LinkRequest, now: Date = new Date()): Promise<IssuedLink> {
  const token = newToken();
  const lifetimeEnds = new Date(now.getTime() + LINK_LIFETIME_DAYS * 24 * 60 * 60 * 1000);
  const id = randomUUID();
  const expiresAt = request.stepEndsAt < lifetimeEnds ? request.stepEndsAt : lifetimeEnds;
  await tx.linkToken.create({
    data: {
      id,
      tokenHash: hashToken(token),
      journeyId: request.journeyId,
      purpose: request.purpose,
      scope: request.scope,
      singleUse: request.singleUse,
      stepEndsAt: request.stepEndsAt,
      expiresAt,
      renews: request.renews ?? null,
    },
  });
  return { id, token, url: linkUrl(publicUrl, token), expiresAt };
}

/** Issues the link a policy describes, withdrawing the links it replaces first. */
export async function issuePolicyLink(tx: Prisma.TransactionClient, publicUrl: string, journeyId: string, policy: LinkPolicy): Promise<IssuedLink> {
  const { revokesEarlier, ...request } = policy;
  if (revokesEarlier) await revokeLinks(tx, { journeyId, purpose: request.purpose, revokedBy: revokesEarlier });
  return issueLink(tx, publicUrl, { journeyId, ...request });
}

/** The issued link as a mail shows it: where it leads and until when. */
export const mailLinkOf = ({ url, expiresAt }: IssuedLink) => ({ actionUrl: url, linkValidUntil: expiresAt.toISOString() });
