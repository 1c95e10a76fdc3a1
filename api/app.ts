/** The Express application: JSON API, school pages, health and OpenAPI document. Built from its dependencies. */
import type { Client } from '@temporalio/client';
import express from 'express';
import { DEFAULT_MAIL_FROM, DEFAULT_RETENTION_DAYS, mailFromAddress, type TrustProxy } from '../platform/config';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';
import { auditOfficeAccess } from '../services/privacy/office-access-log';
import { errorHandler, notFound, requireJson } from './errors-middleware';
import { loadSession, requireSameOrigin } from './office/authenticate';
import { OpenAPIRegistry, openApiDocument, registerSecuritySchemes } from './openapi';
import { RouteTable } from './route';
import { assetsRouter } from './pages/assets';
import { healthRouter } from './routes/health';
import { hubsRouter } from './routes/hubs';
import { cohortsRouter } from './routes/cohorts';
import { journeysRouter } from './routes/journeys';
import { roundsRouter } from './routes/rounds';
import { officePagesRouter } from './office/office-pages';
import { hubPagesRouter } from './office/hub-pages';
import { cohortPagesRouter } from './office/cohort-pages';
import { roundPagesRouter } from './office/rounds-pages';
import { officeSchoolPagesRouter } from './office/school-pages';
import { staffPagesRouter } from './office/staff-pages';
import { officeRouter } from './routes/office';
import { privacyRouter } from './routes/privacy';
import { schoolsRouter } from './routes/schools';
import { staffRouter } from './routes/staff';
import { createSignInLimit, sessionRouter } from './routes/session';
import { schoolPagesRouter } from './school/school-pages';
import { conversationRequestRouter } from './school/conversation-request-pages';

export interface AppDependencies {
  db: Db;
  temporal: Client;
  taskQueue: string;
  log: Logger;
  /** MAIL_FROM: the programme office's address, organizer of calendar invitations. */
  mailFrom?: string;
  /** Requests per minute one address may make to the school pages (default 120). */
  schoolPageRequestsPerMinute?: number;
  /** Mark the session cookie Secure (when PUBLIC_URL is https). */
  secureCookies?: boolean;
  /** PUBLIC_URL: the origin the office's pages are served from (besides the host asked for). */
  publicUrl?: string;
  /** TRUST_PROXY: which proxies' X-Forwarded-For names the client (rate limits key on it). */
  trustProxy?: TrustProxy;
  /** Conversation requests one address may make per hour (default 10; refused ones do not count). */
  conversationRequestsPerHour?: number;
  /** PERSONAL_DATA_RETENTION_DAYS, as the request form's privacy notice states it. */
  retentionDays?: number;
}

export function createApp(deps: AppDependencies): express.Express {
  const {
    db,
    temporal,
    taskQueue,
    log,
    mailFrom = DEFAULT_MAIL_FROM,
    schoolPageRequestsPerMinute,
    secureCookies = false,
    publicUrl,
    trustProxy = false,
    conversationRequestsPerHour,
    retentionDays = DEFAULT_RETENTION_DAYS,
  } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  const signInLimit = createSignInLimit();
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The route pattern, never the URL: paths and bodies may carry personal data.
      log.info({ method: req.method, route: req.route?.path ?? 'unmatched', status: res.statusCode, ms: Math.round(ms) }, 'request');
    });
    next();
  });
  app.use(auditOfficeAccess(db, log));
  app.use('/api', requireJson, express.json({ limit: '256kb' }), loadSession(db), requireSameOrigin(publicUrl));
  app.use(assetsRouter());
  app.use(schoolPagesRouter({ db, temporal, taskQueue, log, organizerEmail: mailFromAddress(mailFrom), requestsPerMinute: schoolPageRequestsPerMinute }));

  const registry = new OpenAPIRegistry();
  registerSecuritySchemes(registry);
  const routes = new RouteTable(registry);
  app.use(healthRouter(db, temporal, routes, log));
  app.use(sessionRouter({ db, secureCookies, signInLimit }, routes));
  app.use(schoolsRouter(db, routes));
  app.use(staffRouter({ db }, routes));
  app.use(journeysRouter({ db, temporal, taskQueue, schoolRequestsPerMinute: schoolPageRequestsPerMinute }, routes));
  app.use(conversationRequestRouter({ db, temporal, taskQueue, log, retentionDays, requestsPerHour: conversationRequestsPerHour }, routes));
  app.use(roundsRouter({ db, temporal, taskQueue }, routes));
  app.use(hubsRouter({ db, temporal }, routes));
  app.use(cohortsRouter({ db, temporal, taskQueue }, routes));
  app.use(officeRouter({ db }, routes));
  app.use(privacyRouter({ db }, routes));
  app.use(officePagesRouter({ db, temporal, taskQueue, log, secureCookies, signInLimit }));
  app.use(hubPagesRouter({ db, temporal, log }));
  app.use(cohortPagesRouter({ db, temporal, taskQueue, log }));
  app.use(roundPagesRouter({ db, temporal, taskQueue, log }));
  app.use(officeSchoolPagesRouter({ db, temporal, taskQueue, log }));
  app.use(staffPagesRouter({ db, log }));

  const document = openApiDocument(registry, routes.routes);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use(routes.methodNotAllowed());

  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
