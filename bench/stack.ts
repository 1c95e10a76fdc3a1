/**
 * The system for a benchmark, started by the benchmark itself: embedded PostgreSQL (migrated),
 * the Temporal dev server, a mail catcher, and a worker. Everything stops with `stop()`.
 */
import { mkdtempSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createDb, type Db } from '../platform/db';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { freePort } from '../platform/free-port';
import { startMailCatcher } from '../platform/mail-catcher';
import { createMailer } from '../platform/mailer';
import { migrateDatabase } from '../platform/migrate';
import { startDevServer } from '../platform/temporal-dev-server';
import { createKoersWorker } from '../worker/create-worker';
import { ensureTemporalCli } from '../scripts/provision';

export interface BenchStack {
  db: Db;
  client: Client;
  connection: NativeConnection;
  taskQueue: string;
  stop(): Promise<void>;
}

export async function startBenchStack(): Promise<BenchStack> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const scratch = mkdtempSync(path.join(tmpdir(), 'koers-bench-'));
  await chmod(scratch, 0o755);
  const database = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), port: await freePort(), ephemeral: true });
  await migrateDatabase(database.url);
  const temporal = await startDevServer({ cliPath: ensureTemporalCli(), port: await freePort(), dbFile: path.join(scratch, 'temporal.db') });
  const mail = await startMailCatcher({ smtpPort: await freePort() });
  const db = createDb(database.url, { maxConnections: 20 });
  const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
  const connection = await NativeConnection.connect({ address: temporal.address });
  const taskQueue = 'bench';
  const worker: Worker = await createKoersWorker({
    connection,
    namespace: 'default',
    taskQueue,
    db,
    temporal: client,
    mailer: createMailer({ smtpUrl: mail.smtpUrl }),
    publicUrl: 'http://127.0.0.1:3000',
  });
  const running = worker.run();
  return {
    db,
    client,
    connection,
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await client.connection.close();
      await connection.close();
      await db.$disconnect();
      await mail.stop();
      await temporal.stop();
      await database.stop();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/** Runs `task` over `items`, `concurrency` at a time. */
export async function inBatches<T>(items: T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

/** A distinct BRIN per index (up to 67,600): two digits, two letters. */
export function brinFor(i: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `${String(i % 100).padStart(2, '0')}${letters[Math.floor(i / 100) % 26]}${letters[Math.floor(i / 2600) % 26]}`;
}

/** The p-th percentile of timings sorted ascending (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
