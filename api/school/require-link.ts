import { AppError } from '../errors';
import { openLink, type OpenLink } from '../../services/links/open-link';
import type { LinkPurpose } from '../../services/links/link-token';
import type { Db } from '../../platform/db';
import { refusalError } from './link-refusals';

/**
 * A school's action through the JSON API carries its link's token as `Authorization: Bearer …`.
 * The link must be valid, for this journey and for this step (any step, to read the school's view).
 */
export async function requireLink(db: Db, authorization: string | undefined, journeyId: string, purpose: LinkPurpose | 'any'): Promise<OpenLink> {
  const token = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authorization ?? '')?.[1];
  if (!token) throw new AppError('link_required', 'Deze actie vraagt om de link uit de e-mail aan de school (Authorization: Bearer <token>).');
  const check = await openLink(db, token);
  if (check.status !== 'valid') throw refusalError(check);
  if (check.link.journeyId !== journeyId) throw new AppError('link_wrong_case', 'Deze link hoort bij een andere school of deelname.');
  if (purpose !== 'any' && check.link.purpose !== purpose)
    throw new AppError('link_wrong_purpose', 'Deze link is voor een andere stap; gebruik de link uit de e-mail over deze stap.');
  return check.link;
}
