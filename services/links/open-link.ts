/**
 * Opening a school's link: what the token grants (its journey, step and scope), or why it grants
 * nothing; and the link's state changes, used and revoked, each written here only.
 */
import type { Db } from '../../platform/db';
import { hashToken, looksLikeToken } from './link-token';
import { type LinkPurpose } from '../../domain/links';

/** What a valid link lets its holder do: one step (purpose, scope) of one journey. */
export interface LinkGrant {
  id: string;
  journeyId: string;
  purpose: LinkPurpose;
  scope: string;
  singleUse: boolean;
  expiresAt: Date;
}

/**
 * What opening a link finds, checked in this order so that the answer says the most useful thing
 * without saying anything about a case to someone who does not hold a valid link for it:
 * unknown → revoked → used → case closed → step ended → expired.
 */
export type LinkCheck =
  | { status: 'valid'; link: LinkGrant }
  | { status: 'unknown' }
  | { status: 'revoked' }
  | { status: 'used' }
  | { status: 'closed' }
  /** The step's own end has passed (the round closed): a new link would not help. */
  | { status: 'ended'; purpose: LinkPurpose }
  /** The link id lets the school ask for a new one; it reveals nothing else. */
  | { status: 'expired'; linkId: string };

export type LinkRefusal = Exclude<LinkCheck, { status: 'valid' }>;

/** The link's row and its journey's phase (null: no case row), read together: a page view is one round trip here. */
interface LinkRow {
  id: string;
  journeyId: string;
  purpose: string;
  scope: string;
  singleUse: boolean;
  expiresAt: Date;
  stepEndsAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  phase: string | null;
}

export async function openLink(db: Db, token: string, now: Date = new Date()): Promise<LinkCheck> {
  if (!looksLikeToken(token)) return { status: 'unknown' };
  const [row] = await db.$queryRaw<LinkRow[]>`
    SELECT l."id", l."journeyId", l."purpose", l."scope", l."singleUse", l."expiresAt", l."stepEndsAt", l."usedAt", l."revokedAt", j."phase"
      FROM "LinkToken" l LEFT JOIN "Journey" j ON j."id" = l."journeyId"
     WHERE l."tokenHash" = ${hashToken(token)}`;
  if (!row) return { status: 'unknown' };
  if (row.revokedAt) return { status: 'revoked' };
  if (row.usedAt) return { status: 'used' };
  if (row.phase === null || row.phase === 'closed') return { status: 'closed' };
  if (row.stepEndsAt <= now) return { status: 'ended', purpose: row.purpose as LinkPurpose };
  if (row.expiresAt <= now) return { status: 'expired', linkId: row.id };
  return {
    status: 'valid',
    link: { id: row.id, journeyId: row.journeyId, purpose: row.purpose as LinkPurpose, scope: row.scope, singleUse: row.singleUse, expiresAt: row.expiresAt },
  };
}

/**
 * Marks a link's step done: a single-use link is spent from now on. Safe to call twice. Called
 * from one place only (services/school-actions/take-school-action.ts), right after the step.
 */
export async function markLinkUsed(db: Db, linkId: string, now: Date = new Date()): Promise<void> {
  await db.linkToken.updateMany({ where: { id: linkId, usedAt: null }, data: { usedAt: now } });
}
