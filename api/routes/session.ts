/** The office's session as JSON: signing in and out, and the one sign-in limit the /kantoor form shares. */
import { Router, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import { signIn, signOut } from '../../services/staff/sessions';
import { StaffRole } from '../../services/staff/staff-member';
import { AppError } from '../../services/errors';
import { clearSessionCookie, officeSession, sessionToken, setSessionCookie } from '../office/authenticate';
import { errorResponse, jsonBody, jsonResponse } from '../openapi';
import type { RouteTable } from '../route';
import { validate } from '../../services/validate';

const SignIn = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1_000) }).openapi('SignIn');
export const StaffView = z.object({ id: z.string(), email: z.string(), name: z.string(), role: StaffRole }).openapi('StaffMember');
const SessionView = z.object({ staff: StaffView, csrfToken: z.string().describe('Send with office forms as _csrf') }).openapi('Session');

export const WRONG_CREDENTIALS = 'Dit e-mailadres en wachtwoord horen niet bij een account van het programmabureau.';

/** Answers a request over the sign-in limit: JSON for the API, the sign-in page for the office's form. */
export type SignInLimit = (onLimit: RequestHandler) => RequestHandler;

/**
 * Sign-in attempts per address per minute: enough for a typo or two, too few to guess. One count
 * for both ways in (POST /api/session and the /kantoor form), so guessing cannot alternate them;
 * each way answers the refusal in its own form.
 */
export function createSignInLimit(): SignInLimit {
  const refusals = new WeakMap<object, RequestHandler>();
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: 10,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res, next) => refusals.get(req)!(req, res, next),
  });
  return (onLimit) => (req, res, next) => {
    refusals.set(req, onLimit);
    return limiter(req, res, next);
  };
}

/** Signing in and out of the office. */
export function sessionRouter({ db, secureCookies, signInLimit }: { db: Db; secureCookies: boolean; signInLimit: SignInLimit }, routes: RouteTable): Router {
  const router = Router();
  router.post(
    '/api/session',
    signInLimit((_req, _res, next) => next(new AppError('too_many_requests', 'Te veel pogingen om in te loggen; probeer het over een minuut opnieuw.'))),
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/session',
      access: 'public',
      summary: 'Sign in as a member of the programme office; sets the session cookie',
      request: { body: jsonBody(SignIn) },
      responses: {
        200: jsonResponse('Signed in', SessionView),
        400: errorResponse('Invalid input'),
        401: errorResponse('Wrong address or password'),
        429: errorResponse('Too many attempts'),
      },
    },
    async (req, res) => {
      const { email, password } = validate(SignIn, req.body);
      const signedIn = await signIn(db, email, password);
      if (!signedIn) throw new AppError('unauthenticated', WRONG_CREDENTIALS);
      setSessionCookie(res, signedIn.token, secureCookies);
      res.json(signedIn.session);
    },
  );

  routes.add(
    router,
    { method: 'get', path: '/api/session', access: 'staff', summary: 'Who is signed in', responses: { 200: jsonResponse('The session', SessionView) } },
    async (_req, res) => {
      res.json(officeSession(res, 'staff'));
    },
  );

  routes.add(
    router,
    { method: 'delete', path: '/api/session', access: 'staff', summary: 'Sign out', responses: { 204: { description: 'Signed out' } } },
    async (req, res) => {
      await signOut(db, sessionToken(req));
      clearSessionCookie(res, secureCookies);
      res.status(204).end();
    },
  );

  return router;
}
