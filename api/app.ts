/** The Express application: JSON API, health and OpenAPI document. Built from its dependencies. */
import type { Client } from '@temporalio/client';
import express from 'express';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';
import { errorHandler, notFound, requireJson } from './errors-middleware';
import { OpenAPIRegistry, openApiDocument } from './openapi';
import { healthRouter } from './routes/health';
import { journeysRouter } from './routes/journeys';
import { roundsRouter } from './routes/rounds';
import { schoolsRouter } from './routes/schools';

export interface AppDependencies {
  db: Db;
  temporal: Client;
  taskQueue: string;
  log: Logger;
}

export function createApp({ db, temporal, taskQueue, log }: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The route pattern, never the URL: paths and bodies may carry personal data.
      log.info({ method: req.method, route: req.route?.path ?? 'unmatched', status: res.statusCode, ms: Math.round(ms) }, 'request');
    });
    next();
  });
  app.use('/api', requireJson, express.json({ limit: '256kb' }));

  const registry = new OpenAPIRegistry();
  app.use(healthRouter(db, temporal, registry));
  app.use(schoolsRouter(db, registry));
  app.use(journeysRouter({ db, temporal, taskQueue }, registry));
  app.use(roundsRouter({ db, temporal, taskQueue }, registry));

  const document = openApiDocument(registry);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });

  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
