/**
 * Who is asking, on every office request: the session behind the cookie, if any. Office routes
 * then require a session (401) with a role that allows them (403).
 */
import { timingSafeEqual } from 'node:crypto';
import { parse as parseCookies, serialize } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
import type { Db } from '../../platform/db';
import { findSession, SESSION_HOURS, type Session } from '../../services/staff/sessions';
import { roleAllows, type StaffRole } from '../../services/staff/staff-member';
import { AppError } from '../../services/errors';

export const SESSION_COOKIE = 'koers_session';

declare module 'express-serve-static-core' {
  interface Locals {
    /** Set by loadSession: the signed-in staff member's session, or null. */
    session?: Session | null;
  }
}

export function sessionToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookies(header)[SESSION_COOKIE] : undefined;
}

export function loadSession(db: Db): RequestHandler {
  return async (req, res, next) => {
    res.locals.session = await findSession(db, sessionToken(req));
    next();
  };
}

/** Set-Cookie for a new session: HttpOnly, SameSite=Lax, Secure behind https, scoped to the site. */
export function setSessionCookie(res: Response, token: string, secure: boolean): void {
  res.append('Set-Cookie', serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_HOURS * 3600 }));
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.append('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 }));
}

/** The session, or the reason there is none that may do this (for the JSON API). */
export function officeSession(res: Response, role: StaffRole): Session {
  const session = res.locals.session;
  if (!session) throw new AppError('unauthenticated', 'Log in als medewerker van het programmabureau.');
  if (!roleAllows(session.staff.role, role)) throw new AppError('forbidden', 'Dit mag alleen een beheerder van het programmabureau.');
  return session;
}

/** JSON office routes: a session with this role (staff by default). */
export function requireOffice(role: StaffRole = 'staff'): RequestHandler {
  return (_req, res, next) => {
    officeSession(res, role);
    next();
  };
}

/** How the OpenAPI document says a route needs the office session (and, for admin routes, the role). */
export function officeSecurity(role: StaffRole = 'staff') {
  return { security: [{ officeSession: role === 'admin' ? ['admin'] : [] }] };
}

/** The header a script on the office's own pages may send instead of a matching Origin: the session's CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';

const sameToken = (sent: string, expected: string) => sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));

/**
 * A change to the JSON API made with the office's session cookie must come from the site itself:
 * its Origin is PUBLIC_URL's (or the host it was asked at), or it carries the session's CSRF token.
 * A browser sends the cookie along with another site's form post; it sends neither of these.
 * A school's link (Bearer) is no cookie: another site cannot make a browser send it.
 */
export function requireSameOrigin(publicUrl: string | undefined): RequestHandler {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  return (req, res, next) => {
    const session = res.locals.session;
    if (!session || ['GET', 'HEAD', 'OPTIONS'].includes(req.method) || /^Bearer /i.test(req.headers.authorization ?? '')) return next();
    const origin = req.headers.origin;
    if (origin && (origin === publicOrigin || origin === `${req.protocol}://${req.get('host')}`)) return next();
    const token = req.headers[CSRF_HEADER];
    if (typeof token === 'string' && sameToken(token, session.csrfToken)) return next();
    next(
      new AppError(
        'csrf_failed',
        'Dit verzoek komt niet van de site van Koers zelf. Stuur wijzigingen vanaf de site, of met de CSRF-code van de sessie in de kop X-CSRF-Token.',
      ),
    );
  };
}
