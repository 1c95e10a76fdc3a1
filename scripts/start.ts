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
import { startDevServer } from '../devtools/temporal-dev-server';
import { ensureTemporalCli } from './provision';
import { createStack, dataDir, failedToStart, ports, runKoers, say, shown, startMail, startRecord } from './stack';

const shownDataDir = shown(dataDir);

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const stack = createStack();
  try {
    const databaseUrl = await startRecord(stack, path.join(dataDir, 'postgres'));

    say(`starting the Temporal dev server on port ${ports.temporal}, state in ${path.join(shownDataDir, 'temporal.db')}`);
    const temporal = await startDevServer({
      cliPath: ensureTemporalCli(),
      port: ports.temporal,
      uiPort: ports.temporalUi,
      dbFile: path.join(dataDir, 'temporal.db'),
    });
    stack.onStop(() => temporal.stop());

    const mail = await startMail(stack, path.join(dataDir, 'mail'));
    runKoers(stack, { databaseUrl, temporalAddress: temporal.address, smtpUrl: mail.smtpUrl, workers: 1 });

    say(`API:         http://127.0.0.1:${ports.api} (health: /health, OpenAPI: /openapi.json)`);
    say(`Temporal UI: ${temporal.uiUrl}`);
    say(`Mail:        ${mail.httpUrl} (SMTP on ${mail.smtpUrl.replace('smtp://', '')}; nothing leaves this machine)`);
    say(`Ctrl-C stops everything; data stays in ${shownDataDir}/`);
  } catch (error) {
    await failedToStart(stack, error);
  }
}

void main();
