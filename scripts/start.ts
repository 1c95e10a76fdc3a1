/**
 * `npm start`: the whole system on one machine, on its embedded defaults.
 *   PostgreSQL (embedded, data in .data/postgres; or DATABASE_URL), migrations,
 *   Temporal dev server (SQLite in .data/temporal.db, Web UI), the mail catcher (every mail stays
 *   on this machine, readable on its page, kept in .data/mail), worker and API.
 * A worker or API that crashes is started again (scripts/supervise.ts). Ctrl-C stops all of it;
 * the data stays for the next start.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PostgresCannotReachError, startEmbeddedPostgres } from '../devtools/embedded-postgres';
import { startMailCatcher } from '../devtools/mail-catcher';
import { migrateDatabase } from '../platform/migrate';
import { startDevServer } from '../devtools/temporal-dev-server';
import { ensureTemporalCli } from './provision';
import { createStack, dataDir, runProcess, say, shown } from './stack';
import { supervise } from './supervise';

const ports = {
  postgres: Number(process.env.KOERS_POSTGRES_PORT ?? 5544),
  temporal: Number(process.env.KOERS_TEMPORAL_PORT ?? 7233),
  temporalUi: Number(process.env.KOERS_TEMPORAL_UI_PORT ?? 8233),
  api: Number(process.env.PORT ?? 3000),
  smtp: Number(process.env.KOERS_SMTP_PORT ?? 2525),
  mail: Number(process.env.KOERS_MAIL_PORT ?? 8025),
};
const shownDataDir = shown(dataDir);

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const stack = createStack();
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      say(`starting PostgreSQL (embedded) on port ${ports.postgres}, data in ${path.join(shownDataDir, 'postgres')}`);
      const database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: ports.postgres });
      stack.onStop(() => database.stop());
      databaseUrl = database.url;
    }
    say('applying database migrations');
    await migrateDatabase(databaseUrl);

    say(`starting the Temporal dev server on port ${ports.temporal}, state in ${path.join(shownDataDir, 'temporal.db')}`);
    const temporal = await startDevServer({
      cliPath: ensureTemporalCli(),
      port: ports.temporal,
      uiPort: ports.temporalUi,
      dbFile: path.join(dataDir, 'temporal.db'),
    });
    stack.onStop(() => temporal.stop());

    say(`starting the mail catcher on SMTP port ${ports.smtp}, mail kept in ${path.join(shownDataDir, 'mail')}`);
    const mail = await startMailCatcher({ smtpPort: ports.smtp, httpPort: ports.mail, dir: path.join(dataDir, 'mail') });
    stack.onStop(() => mail.stop());

    // Links in mails point at this API, unless PUBLIC_URL says where schools reach it.
    const publicUrl = process.env.PUBLIC_URL ?? `http://127.0.0.1:${ports.api}`;
    const env = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, PORT: String(ports.api), SMTP_URL: mail.smtpUrl, PUBLIC_URL: publicUrl };
    // A worker or API that dies is started again (with backoff); the rest keeps running.
    for (const [name, entry] of [
      ['worker', 'worker/main.ts'],
      ['api', 'api/main.ts'],
    ] as const) {
      const supervised = supervise({ name, start: () => runProcess(name, entry, env), say, stackStopping: stack.stopping });
      stack.onStop(() => supervised.stop());
    }
    say(`API:         http://127.0.0.1:${ports.api} (health: /health, OpenAPI: /openapi.json)`);
    say(`Temporal UI: ${temporal.uiUrl}`);
    say(`Mail:        ${mail.httpUrl} (SMTP on ${mail.smtpUrl.replace('smtp://', '')}; nothing leaves this machine)`);
    say(`Ctrl-C stops everything; data stays in ${shownDataDir}/`);
  } catch (error) {
    // What the user can act on in one line; anything else with its stack.
    if (error instanceof PostgresCannotReachError) say(error.message);
    else console.error(error);
    await stack.stopAll(1, 'could not start');
  }
}

void main();
