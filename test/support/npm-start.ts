/**
 * `npm start` itself, as a user runs it, for the system tests: its own process group, free ports,
 * a private scratch data folder, and its output kept to read pids and restarts from. Stopped the way a
 * terminal's Ctrl-C stops it (SIGINT to the whole group), and checked to leave no process behind.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../devtools/free-port';
import { until } from './until';

export interface NpmStart {
  ports: { postgres: number; temporal: number; temporalUi: number; api: number; smtp: number; mail: number };
  apiUrl: string;
  dataDir: string;
  /** Everything the stack printed so far (stdout and stderr). */
  output(): string;
  /** The pid in the last line `[koers] <name> running (pid N)` (e.g. worker, api; start:cluster: worker-1, temporal-history). */
  pidOf(name: string): number | undefined;
  /** SIGINT to the process group, as Ctrl-C; resolves with how npm ended once every process of the group is gone. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const projectRoot = path.resolve(__dirname, '../..');

/** Runs a command in the project (npm run …, the Temporal CLI) to its end; `without` names variables to leave out. */
export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  without: string[] = [],
): { status: number | null; stdout: string; stderr: string } {
  const merged = { ...process.env, ...env };
  for (const name of without) delete merged[name];
  const result = spawnSync(command, args, { cwd: projectRoot, env: merged, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `script`: the npm script that starts the system (`start`, or `start:cluster`). */
export async function startNpmStart(env: NodeJS.ProcessEnv = {}, script = 'start'): Promise<NpmStart> {
  const [postgres, temporal, temporalUi, api, smtp, mail] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => freePort()));
  const ports = { postgres: postgres!, temporal: temporal!, temporalUi: temporalUi!, api: api!, smtp: smtp!, mail: mail! };
  // A private data folder (mode 700, as under /root): as root, PostgreSQL runs as a user of its own
  // that cannot enter it, so its data goes to the shared folder (a scratch one here).
  const dataDir = await mkdtemp(path.join(tmpdir(), 'koers-system-'));
  await chmod(dataDir, 0o700);
  const sharedDir = await mkdtemp(path.join(tmpdir(), 'koers-system-shared-'));
  await chmod(sharedDir, 0o755);

  // The stack chooses its database itself (embedded), as for a user: not the test run's.
  const { DATABASE_URL: _testDatabase, ...inherited } = process.env;
  const child: ChildProcess = spawn('npm', ['run', script], {
    cwd: projectRoot,
    detached: true, // a process group of its own, like a terminal's
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      KOERS_DATA_DIR: dataDir,
      KOERS_POSTGRES_SHARED_DIR: sharedDir,
      KOERS_POSTGRES_PORT: String(ports.postgres),
      KOERS_TEMPORAL_PORT: String(ports.temporal),
      KOERS_TEMPORAL_UI_PORT: String(ports.temporalUi),
      PORT: String(ports.api),
      KOERS_SMTP_PORT: String(ports.smtp),
      KOERS_MAIL_PORT: String(ports.mail),
      ...env,
    },
  });
  const pgid = child.pid!;
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code;
      resolve({ code, signal });
    }),
  );

  const stop = async () => {
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGINT');
    const ended = await exited;
    // Whatever npm start started goes with it; give the last ones a moment to finish exiting.
    await until(
      async () => groupAlive(pgid),
      (alive) => !alive,
      'every process of npm start to exit',
      900, // its own stop gives each part up to 15 s
    )
      .catch(() => {
        const left = spawnSync('ps', ['-o', 'pid,args', '-g', String(pgid)], { encoding: 'utf8' }).stdout;
        process.kill(-pgid, 'SIGKILL');
        throw new Error(`npm start left processes behind:\n${left}\n${output.slice(-3_000)}`);
      })
      .finally(async () => {
        await rm(dataDir, { recursive: true, force: true });
        await rm(sharedDir, { recursive: true, force: true });
      });
    return ended;
  };

  const stack: NpmStart = {
    ports,
    apiUrl: `http://127.0.0.1:${ports.api}`,
    dataDir,
    output: () => output,
    pidOf(name) {
      const pids = [...output.matchAll(new RegExp(`\\[koers\\] ${name} running \\(pid (\\d+)\\)`, 'g'))].map((m) => Number(m[1]));
      return pids.at(-1);
    },
    stop,
  };
  try {
    // Ready: the stack says where everything is, and the API answers.
    await until(
      async () => {
        if (exitCode !== undefined) throw new Error(`npm start exited (${exitCode}) while starting:\n${output.slice(-5_000)}`);
        if (!output.includes('[koers] Ctrl-C stops everything')) return false;
        return fetch(`${stack.apiUrl}/health`).then(
          (r) => r.ok,
          () => false,
        );
      },
      Boolean,
      'npm start to be ready',
      3_000,
    );
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  return stack;
}
