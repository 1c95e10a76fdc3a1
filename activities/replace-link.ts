/**
 * New links for a step, in place of old ones, always to the address Koers knows for the school and
 * only while the step can still be taken:
 * - renewLink: the school asked from an expired link; each expired link is renewed once (the outbox
 *   key and LinkToken.renews both say so);
 * - resendLink: the office sends a fresh link (the first mail went astray, or to the wrong person);
 *   the step's earlier links stop working.
 */
import { issueLink } from '../services/links/issue-link';
import { revokeLinks } from '../services/links/revoke-links';
import { LinkPurpose, purposeLabel, purposePhases } from '../domain/links';
import { renderLinkRenewed } from '../mail';
import type { Db } from '../platform/db';
import { schoolOf, sendOnce, type SchoolMailDependencies } from './notify-school';
import { deliverMail } from './send-mail';

export interface LinkRenewal {
  expiredLinkId: string;
  requestedAt: string;
}

export interface LinkResend {
  journeyId: string;
  purpose: LinkPurpose;
  /** One per request: sending the same request twice sends one mail. */
  requestId: string;
  requestedBy: string;
  requestedAt: string;
}

type LinkRow = NonNullable<Awaited<ReturnType<Db['linkToken']['findUnique']>>>;

/** Whether the old link's step can still be taken: the journey is in one of its phases and the step has not ended. */
async function stepStillOpen(db: Db, old: LinkRow): Promise<{ brin: string } | null> {
  const journey = await db.journey.findUnique({ where: { id: old.journeyId }, select: { phase: true, brin: true } });
  const phases: readonly string[] = purposePhases[LinkPurpose.parse(old.purpose)];
  return journey !== null && phases.includes(journey.phase) && old.stepEndsAt > new Date() ? journey : null;
}

async function replace(
  deps: SchoolMailDependencies,
  old: LinkRow,
  brin: string,
  key: { key: string; purpose: string; requestedAt: string },
  how: { reason: 'renewed' | 'resent'; revokedBy?: string },
): Promise<void> {
  const purpose = LinkPurpose.parse(old.purpose);
  await sendOnce(deps, { ...key, journeyId: old.journeyId }, async (tx) => {
    if (how.revokedBy) {
      // The same step only: a fresh link for an offered place leaves the school's link to choose working.
      await revokeLinks(tx, { journeyId: old.journeyId, purpose, scope: old.scope, revokedBy: how.revokedBy });
    }
    const school = await schoolOf(tx, brin);
    const issued = await issueLink(tx, deps.publicUrl, {
      journeyId: old.journeyId,
      purpose,
      scope: old.scope,
      stepEndsAt: old.stepEndsAt,
      singleUse: old.singleUse,
      ...(how.reason === 'renewed' ? { renews: old.id } : {}),
    });
    const mail = renderLinkRenewed({
      schoolName: school.name,
      stepLabel: purposeLabel[purpose],
      actionUrl: issued.url,
      linkValidUntil: issued.expiresAt.toISOString(),
      reason: how.reason,
    });
    return { to: school.contactEmail, mail };
  });
}

/** true when a new link was (or had already been) sent. */
export async function renewLink(deps: SchoolMailDependencies, { expiredLinkId, requestedAt }: LinkRenewal): Promise<boolean> {
  const { db } = deps;
  const old = await db.linkToken.findUnique({ where: { id: expiredLinkId } });
  if (!old || old.revokedAt || old.usedAt) return false;
  const key = { key: `${old.journeyId}/link-renewed/${old.id}`, purpose: `link-renewed/${old.id}`, requestedAt };
  const open = await stepStillOpen(db, old);
  if (!open) return (await db.outboxMail.count({ where: { id: key.key } })) > 0;
  await replace(deps, old, open.brin, key, { reason: 'renewed' });
  return true;
}

/** true when a new link was (or had already been) sent; false when the step has no link to replace or has closed. */
export async function resendLink(deps: SchoolMailDependencies, request: LinkResend): Promise<boolean> {
  const { db } = deps;
  const purposeKey = `link-resent/${request.purpose}/${request.requestId}`;
  const key = { key: `${request.journeyId}/${purposeKey}`, purpose: purposeKey, requestedAt: request.requestedAt };
  // Asked again (a retried activity): the row from the first time is what goes out, once.
  if ((await db.outboxMail.count({ where: { id: key.key } })) > 0) return deliverMail(deps, key.key).then(() => true);
  const latest = await db.linkToken.findFirst({
    where: { journeyId: request.journeyId, purpose: request.purpose, usedAt: null },
    orderBy: { createdAt: 'desc' },
  });
  const open = latest ? await stepStillOpen(db, latest) : null;
  if (!latest || !open) return false;
  await replace(deps, latest, open.brin, key, { reason: 'resent', revokedBy: `${request.requestedBy} (nieuwe link verstuurd)` });
  return true;
}
