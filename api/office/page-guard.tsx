/**
 * Office pages: who may see them (401 shows the sign-in form, 403 says the role is missing), and
 * the CSRF check on every form they post.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Session } from '../../services/staff/sessions';
import { roleAllows, type StaffRole } from '../../services/staff/staff-member';
import { Heading1, Page, Paragraph } from '../pages/layout';
import { sendPage } from '../pages/render';
import { LoginPage } from './login-page';

/** Only paths on this site, so the sign-in form never sends anyone elsewhere. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/kantoor(\/[\w\-./?=&%]*)?$/.test(value) && !value.includes('//') ? value : '/kantoor';
}

export function requireOfficePage(role: StaffRole = 'staff'): RequestHandler {
  return (req, res, next) => {
    const session = res.locals.session;
    if (!session) return sendPage(res, 401, <LoginPage returnTo={safeReturnPath(req.originalUrl)} />);
    if (!roleAllows(session.staff.role, role)) {
      return sendPage(
        res,
        403,
        <Page title="Geen toegang">
          <Heading1>Geen toegang</Heading1>
          <Paragraph>Deze pagina is voor beheerders van het programmabureau.</Paragraph>
        </Page>,
      );
    }
    next();
  };
}

/** The signed-in session of a guarded page. */
export function pageSession(res: Response): Session {
  const session = res.locals.session;
  if (!session) throw new Error('pageSession used on a page without requireOfficePage');
  return session;
}

/** A form post must carry its session's CSRF token; another site cannot know it. */
export function requireCsrf(): RequestHandler {
  return (req: Request, res, next) => {
    const sent = typeof req.body?._csrf === 'string' ? Buffer.from(req.body._csrf) : Buffer.alloc(0);
    const expected = Buffer.from(pageSession(res).csrfToken);
    if (sent.length === expected.length && timingSafeEqual(sent, expected)) return next();
    sendPage(
      res,
      403,
      <Page title="Formulier verlopen">
        <Heading1>Dit formulier is verlopen</Heading1>
        <Paragraph>Ga terug, laad de pagina opnieuw en probeer het nog eens.</Paragraph>
      </Page>,
    );
  };
}
