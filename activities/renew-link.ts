/**
 * A school asked for a new link from an expired one. The new link goes to the address Koers knows
 * for the school, never to whoever asked, and only while the step can still be taken; each expired
 * link can be renewed once (the outbox key and LinkToken.renews both say so).
 */
import { issueLink } from '../links/issue-link';
import { purposeLabel, purposePhase, LinkPurpose } from '../links/link-token';
import { renderLinkRenewed } from '../mail';
import { sendOnce, type SchoolMailDependencies } from './notify-school';

export interface LinkRenewal {
  expiredLinkId: string;
  requestedAt: string;
}

/** true when a new link was (or had already been) sent. */
export async function renewLink(deps: SchoolMailDependencies, { expiredLinkId, requestedAt }: LinkRenewal): Promise<boolean> {
  const { db } = deps;
  const old = await db.linkToken.findUnique({ where: { id: expiredLinkId } });
  if (!old || old.revokedAt || old.usedAt) return false;
  const purpose = LinkPurpose.parse(old.purpose);
  const journey = await db.journey.findUnique({ where: { id: old.journeyId }, select: { phase: true, brin: true } });
  const stepOpen = journey !== null && journey.phase === purposePhase[purpose] && old.stepEndsAt > new Date();
  const key = { key: `${old.journeyId}/link-renewed/${old.id}`, journeyId: old.journeyId, purpose: `link-renewed/${old.id}`, requestedAt };
  if (!stepOpen) return (await db.outboxMail.count({ where: { id: key.key } })) > 0;

  await sendOnce(deps, key, async (tx) => {
    const school = await tx.school.findUniqueOrThrow({ where: { brin: journey.brin }, select: { name: true, contactEmail: true } });
    const issued = await issueLink(tx, deps.publicUrl, {
      journeyId: old.journeyId,
      purpose,
      scope: old.scope,
      stepEndsAt: old.stepEndsAt,
      singleUse: old.singleUse,
      renews: old.id,
    });
    const mail = renderLinkRenewed({ schoolName: school.name, stepLabel: purposeLabel[purpose], actionUrl: issued.url, linkValidUntil: issued.expiresAt.toISOString() });
    return { to: school.contactEmail, mail };
  });
  return true;
}
