/**
 * The Temporal server as production runs it, on one machine: its schema set up (or upgraded) in
 * PostgreSQL with the server's own SQL tool, then frontend, history, matching and worker each as a
 * process of its own (config/temporal/koers.yaml), and Koers's namespace with its retention and
 * search attributes. For `npm run start:cluster` and `npm run test:cluster`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { registerSearchAttributes } from '../platform/search-attributes';

export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

/** How long a namespace keeps a closed workflow's history (see README, "Running in production"). */
export const DEFAULT_NAMESPACE_RETENTION_DAYS = 30;

export interface TemporalDatabase {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The server part of a postgresql:// URL (its database name is not used: Temporal has two of its own). */
export function temporalDatabaseOf(url: string): TemporalDatabase {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

/**
 * Creates the databases `temporal` and `temporal_visibility` where missing and brings both schemas
 * to the version of the server's module: every step is idempotent, so this runs at every start,
 * and after a server upgrade it applies the new schema versions.
 */
export async function setUpTemporalSchema(sqlTool: string, schemaDir: string, database: TemporalDatabase): Promise<void> {
  const connection = ['--plugin', 'postgres12', '--ep', database.host, '-p', String(database.port), '-u', database.user, '--pw', database.password];
  for (const [name, folder] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    for (const step of [['create-database'], ['setup-schema', '-v', '0.0'], ['update-schema', '-d', path.join(schemaDir, folder, 'versioned')]]) {
      await promisify(execFile)(sqlTool, [...connection, '--db', name, ...step], { timeout: 120_000 }).catch((error: { stderr?: string }) => {
        // A user without CREATEDB may find the databases made for it: the next step says if they are not.
        if (step[0] === 'create-database') return;
        throw new Error(`temporal-sql-tool ${step[0]} on ${name} failed:\n${error.stderr ?? String(error)}`);
      });
    }
  }
}

export interface TemporalServiceOptions {
  server: string;
  /** The project's root: the server reads config/temporal/ and its dynamic configuration relative to it. */
  root: string;
  database: TemporalDatabase;
  frontendPort: number;
  /** history, matching and worker gRPC, then the four membership ports and the frontend's HTTP port: 8 in a row. */
  internalPortBase: number;
  historyShards?: number;
}

/** Starts one service of the server (the caller supervises it). */
export function startTemporalService(service: TemporalService, options: TemporalServiceOptions): ChildProcess {
  return spawn(options.server, ['--root', options.root, '--config', 'config/temporal', '--env', 'koers', '--allow-no-auth', 'start', '--service', service], {
    cwd: options.root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TEMPORAL_DB_HOST: options.database.host,
      TEMPORAL_DB_PORT: String(options.database.port),
      TEMPORAL_DB_USER: options.database.user,
      TEMPORAL_DB_PASSWORD: options.database.password,
      TEMPORAL_FRONTEND_PORT: String(options.frontendPort),
      TEMPORAL_INTERNAL_PORT_BASE: String(options.internalPortBase),
      TEMPORAL_HISTORY_SHARDS: String(options.historyShards ?? 4),
    },
  });
}

/**
 * Waits until the frontend serves, then registers the namespace (where missing) with an explicit
 * retention, keeps that retention up to date, and adds Koers's search attributes to SQL visibility.
 * Then waits until the namespace answers a visibility query, as workers and the API need it.
 */
export async function prepareNamespace(address: string, namespace: string, retentionDays: number, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        const service = connection.workflowService;
        const retention = msToTs(retentionDays * 86_400_000);
        const existing = await service.describeNamespace({ namespace }).catch(() => undefined);
        if (!existing) {
          await service.registerNamespace({ namespace, workflowExecutionRetentionPeriod: retention }).catch((error: { code?: number }) => {
            if (error.code !== 6) throw error; // ALREADY_EXISTS: registered in the meantime
          });
        } else if (Number(existing.config?.workflowExecutionRetentionTtl?.seconds ?? 0) !== retentionDays * 86_400) {
          await service.updateNamespace({ namespace, config: { workflowExecutionRetentionTtl: retention } });
        }
        await registerSearchAttributes(connection, namespace);
        await service.countWorkflowExecutions({ namespace, query: 'KoersPhase = "application"' });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  throw new Error(`the Temporal cluster's frontend on ${address} did not take the namespace ${namespace}: ${String(lastError)}`);
}
