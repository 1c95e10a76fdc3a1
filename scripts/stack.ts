/**
 * What `npm start` and `npm run start:cluster` share: where the data lives, the `[koers]` voice,
 * child processes whose output is prefixed with their name, and the orderly stop on Ctrl-C or
 * SIGTERM (parts stopped in reverse order of starting, none allowed to hold up the rest).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from './provision';

// KOERS_DATA_DIR: where the data lives (default .data/ in the project), e.g. a scratch folder for a test.
export const dataDir = process.env.KOERS_DATA_DIR ? path.resolve(process.env.KOERS_DATA_DIR) : path.join(projectRoot, '.data');
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
  return { onStop: (stop) => stops.push(stop), stopping: () => stopping, stopAll };
}
