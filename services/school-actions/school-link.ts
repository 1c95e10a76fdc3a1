/**
 * The first thing every school action and every school page does: open the link and check that it
 * is for this journey and this step. What the link's scope allows of the action is checked where
 * the action is taken (take-school-action.ts).
 */
import { AppError } from '../errors';
import type { LinkPurpose } from '../../domain/links';
import { openLink, type LinkCheck } from '../links/open-link';
import type { Db } from '../../platform/db';

export interface ExpectedLink {
  /** The journey the caller acts on (the JSON API's path); a page acts on the link's own. */
  journeyId?: string;
  /** The step the action belongs to; without it, any step (to read the school's view). */
  purpose?: LinkPurpose;
}

/**
 * Opens the link: a refusal when it opens nothing (unknown, revoked, used, closed, ended,
 * expired: the caller shows that one its own way); an AppError when it is valid but for another
 * journey or another step.
 */
export async function openSchoolLink(db: Db, token: string, expected: ExpectedLink = {}, now?: Date): Promise<LinkCheck> {
  const check = await openLink(db, token, now);
  if (check.status !== 'valid') return check;
  if (expected.journeyId !== undefined && check.link.journeyId !== expected.journeyId) {
    throw new AppError('link_wrong_case', 'Deze link hoort bij een andere school of deelname.');
  }
  if (expected.purpose !== undefined && check.link.purpose !== expected.purpose) {
    throw new AppError('link_wrong_purpose', 'Deze link is voor een andere stap; gebruik de link uit de e-mail over deze stap.');
  }
  return check;
}
