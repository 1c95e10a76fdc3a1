/**
 * A school's action through the JSON API carries its link's token as `Authorization: Bearer …`:
 * this reads it. Whether the link is valid, for this journey and this step, the service checks
 * (services/school-actions), as it does for the pages.
 */
import { AppError } from '../../services/errors';

export function bearerToken(authorization: string | undefined): string {
  const token = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authorization ?? '')?.[1];
  if (!token) throw new AppError('link_required', 'Deze actie vraagt om de link uit de e-mail aan de school (Authorization: Bearer <token>).');
  return token;
}
