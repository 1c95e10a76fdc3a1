/**
 * `npm run start:cluster`: the system of `npm start`, on the Temporal server as production runs it.
 *   Koers's PostgreSQL (embedded in .data/cluster/postgres, or DATABASE_URL), migrations;
 *   Temporal's own PostgreSQL (embedded in .data/cluster/temporal-postgres, or TEMPORAL_DATABASE_URL)
 *   with its schema set up or upgraded; the server's frontend, history, matching and worker
 *   services, each its own process (config/temporal/); the namespace with its retention and
 *   search attributes; the Temporal Web UI (on loopback); the mail catcher; two Koers workers; the API.
 * Server services, workers and API that crash are started again (scripts/supervise.ts). Ctrl-C
 * stops all of it; the data stays for the next start.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../devtools/embedded-postgres';
import {
  DEFAULT_NAMESPACE_RETENTION_DAYS,
  prepareNamespace,
  setUpTemporalSchema,
  startTemporalService,
  TEMPORAL_SERVICES,
  temporalDatabaseOf,
} from '../devtools/temporal-cluster';
import { ensureTemporalServer, ensureTemporalUi, projectRoot, TEMPORAL_SERVER_VERSION } from './provision';
import { createStack, dataDir, failedToStart, ports as basePorts, prefixOutput, runKoers, say, shown, startMail, startRecord } from './stack';

const clusterDir = path.join(dataDir, 'cluster');
const ports = {
  ...basePorts,
  temporalPostgres: Number(process.env.KOERS_TEMPORAL_POSTGRES_PORT ?? 5545),
  /** history, matching, worker and the membership ports: 8 in a row from here. */
  temporalInternal: Number(process.env.KOERS_TEMPORAL_INTERNAL_PORT_BASE ?? 7234),
};
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
const retentionDays = Number(process.env.TEMPORAL_RETENTION_DAYS ?? DEFAULT_NAMESPACE_RETENTION_DAYS);
const WORKERS = 2;

async function main(): Promise<void> {
  mkdirSync(clusterDir, { recursive: true });
  const stack = createStack();

  try {
    const tools = ensureTemporalServer();
    const databaseUrl = await startRecord(stack, path.join(clusterDir, 'postgres'), "Koers's PostgreSQL");

    let temporalDatabaseUrl = process.env.TEMPORAL_DATABASE_URL;
    if (!temporalDatabaseUrl) {
      const folder = path.join(clusterDir, 'temporal-postgres');
      say(`starting Temporal's PostgreSQL (embedded) on port ${ports.temporalPostgres}, data in ${shown(folder)}`);
      const database = await startEmbeddedPostgres({ dataDir: folder, port: ports.temporalPostgres, database: 'temporal' });
      stack.onStop(() => database.stop());
      temporalDatabaseUrl = database.url;
    }
    const temporalDatabase = temporalDatabaseOf(temporalDatabaseUrl);
    say(`setting up (or upgrading) Temporal ${TEMPORAL_SERVER_VERSION}'s schema in temporal and temporal_visibility`);
    await setUpTemporalSchema(tools.sqlTool, tools.schemaDir, temporalDatabase);

    // Stopped in reverse: worker and matching first, history, the frontend last.
    for (const service of TEMPORAL_SERVICES) {
      const start = () =>
        prefixOutput(
          `temporal-${service}`,
          startTemporalService(service, {
            server: tools.server,
            root: projectRoot,
            database: temporalDatabase,
            frontendPort: ports.temporal,
            internalPortBase: ports.temporalInternal,
          }),
        );
      stack.keepRunning(`temporal-${service}`, start);
    }
    const address = `127.0.0.1:${ports.temporal}`;
    say(`waiting for the Temporal frontend on ${address}; namespace ${namespace}, retention ${retentionDays} days`);
    await prepareNamespace(address, namespace, retentionDays);

    // The UI is a convenience: where it cannot be built, the CLI reaches the cluster all the same.
    const ui = (() => {
      try {
        return ensureTemporalUi();
      } catch (error) {
        say(`the Temporal Web UI could not be built (${(error as Error).message.split('\n')[0]}); continuing without it`);
        return undefined;
      }
    })();
    if (ui) {
      // Its output is a banner and a line per request: only its errors are passed on.
      const start = () =>
        prefixOutput(
          'temporal-ui',
          spawn(ui, ['--root', projectRoot, '--config', 'config/temporal', '--env', 'ui', 'start'], {
            cwd: projectRoot,
            stdio: ['ignore', 'ignore', 'pipe'],
            env: { ...process.env, TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace, TEMPORAL_UI_PORT: String(ports.temporalUi) },
          }),
        );
      stack.keepRunning('temporal-ui', start);
    }

    const mail = await startMail(stack, path.join(clusterDir, 'mail'));
    runKoers(stack, { databaseUrl, temporalAddress: address, namespace, smtpUrl: mail.smtpUrl, workers: WORKERS });

    say(`API:         http://127.0.0.1:${ports.api} (health: /health, OpenAPI: /openapi.json)`);
    say(
      `Temporal:    ${address} (frontend; history, matching, worker on ${ports.temporalInternal}–${ports.temporalInternal + 2}); e.g. temporal workflow count --address ${address} --query 'ExecutionStatus="Running"'`,
    );
    say(
      ui
        ? `Temporal UI: http://127.0.0.1:${ports.temporalUi}`
        : `Temporal UI: not built (needs Go); the CLI reaches the cluster: temporal workflow list --address ${address}`,
    );
    say(`Mail:        http://127.0.0.1:${ports.mail} (SMTP on 127.0.0.1:${ports.smtp}; nothing leaves this machine)`);
    say(`Ctrl-C stops everything; data stays in ${shown(clusterDir)}/`);
  } catch (error) {
    await failedToStart(stack, error);
  }
}

void main();
