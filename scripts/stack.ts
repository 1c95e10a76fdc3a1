/**
 * What `npm start` and `npm run start:cluster` share: where the data lives and on which ports, the
 * `[koers]` voice, child processes whose output is prefixed with their name, Koers's own parts
 * (its PostgreSQL, the mail catcher, workers and API, kept running), and the orderly stop on Ctrl-C
 * or SIGTERM (parts stopped in reverse order of starting, none allowed to hold up the rest).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PostgresCannotReachError, startEmbeddedPostgres } from '../devtools/embedded-postgres';
import { startMailCatcher, type MailCatcher } from '../devtools/mail-catcher';
import { migrateDatabase } from '../platform/migrate';
import { projectRoot } from './provision';
import { supervise } from './supervise';

// KOERS_DATA_DIR: where the data lives (default .data/ in the project), e.g. a scratch folder for a test.
export const dataDir = process.env.KOERS_DATA_DIR ? path.resolve(process.env.KOERS_DATA_DIR) : path.join(projectRoot, '.data');
/** The ports both compositions use, each changeable by its environment variable. */
export const ports = {
  postgres: Number(process.env.KOERS_POSTGRES_PORT ?? 5544),
  temporal: Number(process.env.KOERS_TEMPORAL_PORT ?? 7233),
  temporalUi: Number(process.env.KOERS_TEMPORAL_UI_PORT ?? 8233),
  api: Number(process.env.PORT ?? 3000),
  smtp: Number(process.env.KOERS_SMTP_PORT ?? 2525),
  mail: Number(process.env.KOERS_MAIL_PORT ?? 8025),
};

/** A folder as the user reads it: relative to the project where it lies inside it. */
export function shown(folder: string): string {
  const relative = path.relative(projectRoot, folder);
  return relative.startsWith('..') ? folder : relative || '.';
}

export function say(message: string): void {
  process.stdout.write(`[koers] ${message}\n`);
}

/** Passes a child's output on, each line prefixed with its name. */
export function prefixOutput(name: string, child: ChildProcess): ChildProcess {
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}\n`)
      .join('');
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  return child;
}

/** Runs a TypeScript entry point as a child process, its output prefixed with its name. */
export function runProcess(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, entry)], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return prefixOutput(name, child);
}

export interface Stack {
  /** Registers how to stop a part just started; parts stop in reverse order. */
  onStop(stop: () => Promise<void>): void;
  /** Starts a process and starts it again when it dies (with backoff), until the stack stops. */
  keepRunning(name: string, start: () => ChildProcess): void;
  /** True once stopping began (a part that exits then is not restarted). */
  stopping(): boolean;
  stopAll(code: number, reason: string): Promise<void>;
}

/** The stack's lifecycle, stopped in order on SIGINT and SIGTERM. */
export function createStack(): Stack {
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (code: number, reason: string) => {
    if (stopping) return;
    stopping = true;
    say(`stopping (${reason})…`);
    // A terminal's Ctrl-C reaches every process in the group at once, so a part may already be
    // gone; a stop that waits for it must not hold up the rest.
    const giveUp = () => new Promise<void>((resolve) => setTimeout(resolve, 15_000));
    for (const stop of stops.reverse()) {
      await Promise.race([stop().catch((error: unknown) => console.error(error)), giveUp()]);
    }
    say('stopped');
    process.exit(code);
  };
  // `on`, not `once`: a Ctrl-C reaches this process twice (from the terminal and forwarded by npm),
  // and a second signal without a listener would kill it halfway through stopping the rest.
  process.on('SIGINT', () => void stopAll(0, 'SIGINT'));
  process.on('SIGTERM', () => void stopAll(0, 'SIGTERM'));
  const onStop = (stop: () => Promise<void>) => void stops.push(stop);
  const keepRunning = (name: string, start: () => ChildProcess) => {
    const supervised = supervise({ name, start, say, stackStopping: () => stopping });
    onStop(() => supervised.stop());
  };
  return { onStop, keepRunning, stopping: () => stopping, stopAll };
}

/** Koers's record: DATABASE_URL, or embedded PostgreSQL in `folder`; migrations applied either way. */
export async function startRecord(stack: Stack, folder: string, name = 'PostgreSQL'): Promise<string> {
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    say(`starting ${name} (embedded) on port ${ports.postgres}, data in ${shown(folder)}`);
    const database = await startEmbeddedPostgres({ dataDir: folder, port: ports.postgres });
    stack.onStop(() => database.stop());
    databaseUrl = database.url;
  }
  say('applying database migrations');
  await migrateDatabase(databaseUrl);
  return databaseUrl;
}

/** The mail catcher every mail goes to: nothing leaves this machine. */
export async function startMail(stack: Stack, folder: string): Promise<MailCatcher> {
  say(`starting the mail catcher on SMTP port ${ports.smtp}, mail kept in ${shown(folder)}`);
  const mail = await startMailCatcher({ smtpPort: ports.smtp, httpPort: ports.mail, dir: folder });
  stack.onStop(() => mail.stop());
  return mail;
}

/** Koers's workers and API on the parts just started, each started again when it dies. */
export function runKoers(stack: Stack, parts: { databaseUrl: string; temporalAddress: string; smtpUrl: string; namespace?: string; workers: number }): void {
  // Links in mails point at this API, unless PUBLIC_URL says where schools reach it.
  const env = {
    DATABASE_URL: parts.databaseUrl,
    TEMPORAL_ADDRESS: parts.temporalAddress,
    ...(parts.namespace ? { TEMPORAL_NAMESPACE: parts.namespace } : {}),
    PORT: String(ports.api),
    SMTP_URL: parts.smtpUrl,
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://127.0.0.1:${ports.api}`,
  };
  const workers = parts.workers === 1 ? ['worker'] : Array.from({ length: parts.workers }, (_, i) => `worker-${i + 1}`);
  for (const name of workers) stack.keepRunning(name, () => runProcess(name, 'worker/main.ts', env));
  stack.keepRunning('api', () => runProcess('api', 'api/main.ts', env));
}

/** A start that failed: what the user can act on in one line, anything else with its stack; then stop what did start. */
export async function failedToStart(stack: Stack, error: unknown): Promise<void> {
  if (error instanceof PostgresCannotReachError) say(error.message);
  else console.error(error);
  await stack.stopAll(1, 'could not start');
}
