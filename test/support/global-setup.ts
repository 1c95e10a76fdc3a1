/**
 * Once per test run: provision the Temporal binaries, start one real PostgreSQL with every
 * migration applied, and bundle the workflow code once for all workers.
 */
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PostgresCannotReachError, startEmbeddedPostgres, type EmbeddedDatabase } from '../../devtools/embedded-postgres';
import { freePort } from '../../devtools/free-port';
import { migrateDatabase } from '../../platform/migrate';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../worker/workflow-bundle';
import { ensureSchemathesis, ensureSystemPackages, ensureTemporalCli, ensureTestServer } from '../../scripts/provision';

declare global {
  // eslint-disable-next-line no-var
  var koersTestDatabase: EmbeddedDatabase | undefined;
}

export default async function globalSetup(): Promise<void> {
  ensureSystemPackages();
  const cli = ensureTemporalCli();
  const testServer = ensureTestServer();
  if (cli) process.env.TEMPORAL_CLI_PATH = cli;
  if (testServer) process.env.TEMPORAL_TEST_SERVER_PATH = testServer;
  const schemathesis = ensureSchemathesis();
  if (schemathesis) process.env.SCHEMATHESIS_PATH = schemathesis;

  const scratch = await mkdtemp(path.join(tmpdir(), 'koers-test-'));
  process.env.KOERS_TEST_SCRATCH = scratch;
  await chmod(scratch, 0o755); // PostgreSQL may run as a user of its own (when we are root)
  const database = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), port: await freePort(), ephemeral: true }).catch((error: unknown) => {
    if (!(error instanceof PostgresCannotReachError)) throw error;
    // One line that says what to do, not a stack trace.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
  globalThis.koersTestDatabase = database;
  await migrateDatabase(database.url);
  process.env.DATABASE_URL = database.url;

  const { code } = await bundleWorkflowCode({
    ...WORKFLOW_BUNDLE_OPTIONS,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
  });
  const bundlePath = path.join(scratch, 'workflow-bundle.js');
  await writeFile(bundlePath, code);
  process.env.KOERS_WORKFLOW_BUNDLE = bundlePath;
}
