/**
 * The system for a benchmark, started by the benchmark itself: embedded PostgreSQL (migrated),
 * the Temporal dev server (or the time-skipping test server), a mail catcher, and a worker.
 * Everything stops with `stop()`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createDb, type Db } from '../platform/db';
import { startEmbeddedPostgres } from '../devtools/embedded-postgres';
import { freePort } from '../devtools/free-port';
import { startMailCatcher, type MailCatcher } from '../devtools/mail-catcher';
import { migrateDatabase } from '../platform/migrate';
import { registerSearchAttributes } from '../platform/search-attributes';
import { startDevServer } from '../devtools/temporal-dev-server';
import { createTimeSkippingEnvironment } from '../devtools/temporal-test-server';
import { ensureTemporalCli, ensureTestServer } from '../scripts/provision';
import { brinFor } from './pure';
import { createBenchKoersWorker, runWorker } from './workers';

// Kept importable from here, where the benchmarks have always found them.
export { brinFor, inBatches } from './pure';

/** Where the stack's parts listen, for a worker run in another process. */
export interface BenchServices {
  databaseUrl: string;
  temporalAddress: string;
  smtpUrl: string;
}

export interface BenchStack {
  db: Db;
  client: Client;
  connection: NativeConnection;
  taskQueue: string;
  services: BenchServices;
  stop(): Promise<void>;
}

/** What every bench stack has: PostgreSQL (embedded, migrated) and a mail catcher, in a scratch folder removed at `stop()`. */
async function startStorageAndMail(): Promise<{ scratch: string; databaseUrl: string; db: Db; mail: MailCatcher; stop(): Promise<void> }> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const scratch = mkdtempSync(path.join(tmpdir(), 'koers-bench-'));
  await chmod(scratch, 0o755);
  const database = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), port: await freePort(), ephemeral: true });
  await migrateDatabase(database.url);
  const mail = await startMailCatcher({ smtpPort: await freePort() });
  const db = createDb(database.url, { maxConnections: 20 });
  return {
    scratch,
    databaseUrl: database.url,
    db,
    mail,
    async stop() {
      await db.$disconnect();
      await mail.stop();
      await database.stop();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/** With `worker: false`, no worker runs in this process: the benchmark runs its own (worker-memory, in a child). */
export async function startBenchStack(options: { worker?: boolean } = {}): Promise<BenchStack> {
  const base = await startStorageAndMail();
  const { db, mail } = base;
  const temporal = await startDevServer({ cliPath: ensureTemporalCli(), port: await freePort(), dbFile: path.join(base.scratch, 'temporal.db') });
  const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
  const connection = await NativeConnection.connect({ address: temporal.address });
  const taskQueue = 'bench';
  const stopWorker =
    options.worker === false ? async () => {} : runWorker(await createBenchKoersWorker({ connection, client, db, smtpUrl: mail.smtpUrl, taskQueue }));
  return {
    db,
    client,
    connection,
    taskQueue,
    services: { databaseUrl: base.databaseUrl, temporalAddress: temporal.address, smtpUrl: mail.smtpUrl },
    async stop() {
      await stopWorker();
      await client.connection.close();
      await connection.close();
      await temporal.stop();
      await base.stop();
    },
  };
}

export interface TimeSkippingBenchStack {
  env: TestWorkflowEnvironment;
  db: Db;
  taskQueue: string;
  stop(): Promise<void>;
}

/**
 * The same parts with Temporal's time-skipping test server in place of the dev server, so years
 * pass in minutes (bench/simulate.ts). The worker bundles the workflows from source.
 */
export async function startTimeSkippingBenchStack(): Promise<TimeSkippingBenchStack> {
  const base = await startStorageAndMail();
  const server = ensureTestServer();
  const env = await createTimeSkippingEnvironment(server ?? undefined);
  await registerSearchAttributes(env.connection as Connection, env.namespace ?? 'default');
  const taskQueue = 'bench';
  const worker = await createBenchKoersWorker({ connection: env.nativeConnection, client: env.client, db: base.db, smtpUrl: base.mail.smtpUrl, taskQueue });
  const stopWorker = runWorker(worker);
  return {
    env,
    db: base.db,
    taskQueue,
    async stop() {
      await stopWorker();
      await env.teardown();
      await base.stop();
    },
  };
}

/** Schools `from` … `from + count - 1` (BRIN from `brinFor`), in batches PostgreSQL takes in one statement. */
export async function createBenchSchools(db: Db, count: number, from = 0): Promise<void> {
  for (let start = from; start < from + count; start += 2_000) {
    await db.school.createMany({
      data: Array.from({ length: Math.min(2_000, from + count - start) }, (_, k) => start + k).map((i) => ({
        brin: brinFor(i),
        name: `School ${i}`,
        sector: 'PO' as const,
        region: 'Utrecht',
        contactEmail: `school${i}@bench.example`,
        inspectionRating: 'goed',
        equalAccessMarkers: [],
      })),
    });
  }
}

/** Writes bench/results/<name>.json. */
export function writeResults(name: string, report: unknown): void {
  const dir = path.join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
}

/** The p-th percentile of timings sorted ascending (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** p50 and p95 of unsorted timings in ms, to a tenth. */
export function p50p95(timings: number[]): { p50: number; p95: number } {
  const sorted = [...timings].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 50) * 10) / 10, p95: Math.round(percentile(sorted, 95) * 10) / 10 };
}

/** `a / b` to `digits` decimals, for the ratio columns. */
export function ratio(a: number, b: number, digits = 2): number {
  return Number((a / b).toFixed(digits));
}
