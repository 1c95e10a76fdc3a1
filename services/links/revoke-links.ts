/**
 * Withdrawing links: the office revokes a case's links, and a mail that replaces a step's link
 * withdraws the old one in the transaction that issues the new. The one place links are revoked.
 */
import type { Db, Prisma } from '../../platform/db';
import type { LinkPurpose } from '../../domain/links';

export interface RevokeLinks {
  journeyId: string;
  /** Only the links for this step (and, with `scope`, this part of it); all live links of the journey without it. */
  purpose?: LinkPurpose;
  scope?: string;
  /** A person's name, or "system: …" for the programme's own reasons. */
  revokedBy: string;
}

/**
 * Revokes a journey's live links (of one purpose, or all); answers how many. Takes a transaction
 * too, so a mail that replaces a link can revoke the old one in the transaction that issues the new.
 */
export async function revokeLinks(db: Db | Prisma.TransactionClient, request: RevokeLinks, now: Date = new Date()): Promise<number> {
  const { purpose, scope } = request;
  const { count } = await db.linkToken.updateMany({
    where: {
      journeyId: request.journeyId,
      revokedAt: null,
      usedAt: null,
      ...(purpose ? { purpose } : {}),
      ...(purpose && scope !== undefined ? { scope } : {}),
    },
    data: { revokedAt: now, revokedBy: request.revokedBy },
  });
  return count;
}
