/**
 * The programme office's pages under /kantoor: sign in and out, the overview of every case, one
 * case with its actions, and the reports. Server-rendered like the school pages; every form post
 * carries the session's CSRF token; every action is the journey workflow's Update.
 */
import type { Client } from '@temporalio/client';
import { z } from '../../domain/zod';
import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { LinkPurpose } from '../../domain/links';
import { revokeLinks } from '../../services/links/revoke-links';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import { signIn, signOut } from '../../services/staff/sessions';
import { issuesOf } from '../../services/errors';
import { toAppError } from '../errors-middleware';
import { journeyAction, takeJourneyAction } from '../../services/journeys/journey-actions';
import { errorsByField } from '../pages/form-fields';
import { sendPage } from '../pages/render';
import { requestLinkResend } from '../../services/links/new-links';
import { JourneyParams } from '../routes/journeys';
import { WRONG_CREDENTIALS, type SignInLimit } from '../routes/session';
import { text } from '../pages/form-text';
import { pageHeaders } from '../pages/page-headers';
import { clearSessionCookie, loadSession, sessionToken, setSessionCookie } from './authenticate';
import { CaseFilters, filterChoices, listCases, mailProblems } from '../../services/office/case-list';
import { CasePage } from './case-page';
import { readCase } from '../../services/office/case-view';
import { NotFoundPage, type FailedAction } from './page-parts';
import { DashboardPage } from './dashboard-page';
import { LoginPage } from './login-page';
import { officeFormInput } from './office-actions';
import { pageSession, requireCsrf, requireOfficePage, safeReturnPath } from './page-guard';
import { reportsRouter } from './reports-pages';
import { openingsWithoutRates } from '../../services/rounds/round-plan';

export interface OfficePageDependencies {
  db: Db;
  temporal: Client;
  taskQueue: string;
  log: Logger;
  secureCookies: boolean;
  /** The one sign-in limit, shared with POST /api/session. */
  signInLimit: SignInLimit;
}

/** Parses the dashboard's query; filters it cannot read are left out and named, not fatal. */
function readFilters(query: Request['query']): { filters: CaseFilters; invalid: string[] } {
  const raw = Object.fromEntries(Object.entries(query).flatMap(([k, v]) => (typeof v === 'string' ? [[k, text(v)]] : [])));
  const parsed = CaseFilters.safeParse(raw);
  if (parsed.success) return { filters: parsed.data, invalid: [] };
  const invalid = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
  const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => !invalid.includes(k)));
  return { filters: CaseFilters.parse(rest), invalid };
}

export function officePagesRouter(deps: OfficePageDependencies): Router {
  const { db, temporal, secureCookies } = deps;
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '128kb', parameterLimit: 100 });
  router.use('/kantoor', pageHeaders, loadSession(db), form);

  router.get('/kantoor/inloggen', (req, res) => {
    if (res.locals.session) return res.redirect(303, '/kantoor');
    sendPage(res, 200, <LoginPage returnTo={safeReturnPath(req.query.terug)} />);
  });

  router.post(
    '/kantoor/inloggen',
    deps.signInLimit((req, res) =>
      sendPage(
        res,
        429,
        <LoginPage returnTo={safeReturnPath(req.body?.terug)} error="Te veel pogingen om in te loggen. Probeer het over een minuut opnieuw." />,
      ),
    ),
    async (req, res) => {
      const email = text(req.body.email);
      const password = text(req.body.password);
      const returnTo = safeReturnPath(req.body.terug);
      const signedIn = email && password ? await signIn(db, email, password) : null;
      if (!signedIn) return sendPage(res, 401, <LoginPage returnTo={returnTo} email={email} error={WRONG_CREDENTIALS} />);
      setSessionCookie(res, signedIn.token, secureCookies);
      res.redirect(303, returnTo);
    },
  );

  router.post('/kantoor/uitloggen', requireOfficePage(), requireCsrf(), async (req, res) => {
    await signOut(db, sessionToken(req));
    clearSessionCookie(res, secureCookies);
    res.redirect(303, '/kantoor/inloggen');
  });

  router.get('/kantoor', requireOfficePage(), async (req, res) => {
    const { filters, invalid } = readFilters(req.query);
    const [list, choices, problems, ratesMissing] = await Promise.all([listCases(db, filters), filterChoices(db), mailProblems(db), openingsWithoutRates(db)]);
    sendPage(
      res,
      invalid.length ? 400 : 200,
      <DashboardPage
        session={pageSession(res)}
        filters={filters}
        list={list}
        choices={choices}
        problems={problems}
        invalid={invalid}
        ratesMissing={ratesMissing}
      />,
    );
  });

  async function showCase(res: Response, journeyId: string, status: number, extra: { done?: string; failed?: FailedAction } = {}): Promise<void> {
    const found = await readCase({ db, temporal }, journeyId);
    if (!found) return sendPage(res, 404, <NotFoundPage what="Er is geen dossier met dit nummer." />);
    sendPage(res, status, <CasePage session={pageSession(res)} {...found} {...extra} />);
  }

  const validJourneyId = (req: Request) => JourneyParams.safeParse(req.params).data?.journeyId;

  router.get('/kantoor/dossiers/:journeyId', requireOfficePage(), async (req, res) => {
    const journeyId = validJourneyId(req);
    if (!journeyId) return sendPage(res, 404, <NotFoundPage what="Er is geen dossier met dit nummer." />);
    const done = typeof req.query.gedaan === 'string' ? req.query.gedaan : undefined;
    await showCase(res, journeyId, 200, done ? { done } : {});
  });

  router.post('/kantoor/dossiers/:journeyId/acties/:action', requireOfficePage(), requireCsrf(), async (req, res) => {
    const journeyId = validJourneyId(req);
    const name = String(req.params.action);
    if (!journeyId) return sendPage(res, 404, <NotFoundPage what="Er is geen dossier met dit nummer." />);
    const session = pageSession(res);
    const values = Object.fromEntries(
      Object.entries(req.body as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'),
    );

    if (name === 'links-resend') {
      const purpose = LinkPurpose.safeParse(values.purpose).data;
      const requestId = z.uuid().safeParse(values.requestId).data;
      if (!purpose || !requestId) {
        return showCase(res, journeyId, 400, {
          failed: { action: name, fields: { purpose: ['Kies voor welke stap de school een nieuwe link krijgt.'] }, general: [], values },
        });
      }
      await requestLinkResend(deps, { journeyId, purpose, requestId, requestedBy: session.staff.name });
      return res.redirect(303, `/kantoor/dossiers/${journeyId}?gedaan=${name}`);
    }
    if (name === 'links-revoke') {
      const purpose = LinkPurpose.safeParse(values.purpose).data;
      await revokeLinks(db, { journeyId, revokedBy: session.staff.name, ...(purpose ? { purpose } : {}) });
      return res.redirect(303, `/kantoor/dossiers/${journeyId}?gedaan=${name}`);
    }
    const action = journeyAction(name);
    const toInput = officeFormInput[name];
    if (!action || !action.who.office || !toInput) return sendPage(res, 404, <NotFoundPage what="Deze actie bestaat niet." />);
    try {
      await takeJourneyAction(temporal, journeyId, action, toInput(values), session.staff.name);
      res.redirect(303, `/kantoor/dossiers/${journeyId}?gedaan=${name}`);
    } catch (error) {
      const refused = toAppError(error);
      if (!refused) throw error;
      const { fields, general } = errorsByField(issuesOf(refused));
      await showCase(res, journeyId, refused.status, { failed: { action: name, fields, general, values } });
    }
  });

  router.use(reportsRouter({ db }));

  router.use('/kantoor', ((error, req, res, _next) => {
    deps.log.error({ err: error, method: req.method, route: req.route?.path ?? '/kantoor' }, 'office page failed');
    sendPage(res, 503, <NotFoundPage what="Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw." />);
  }) as ErrorRequestHandler);

  return router;
}
