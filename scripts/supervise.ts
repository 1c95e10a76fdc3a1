/**
 * Keeps a child process of `npm start` running: one that dies is started again after a pause that
 * doubles with every quick failure (1 s up to 30 s) and starts from the beginning again once the
 * process has run stably for a minute. So a crashed worker or API does not take the stack down, and
 * one that fails at once does not spin.
 */
import type { ChildProcess } from 'node:child_process';

export interface Backoff {
  /** Pause before the first restart. */
  firstMs: number;
  /** The pause doubles up to this. */
  maxMs: number;
  /** A process that ran this long before it died counts as stable: the next pause is the first again. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { firstMs: 1_000, maxMs: 30_000, stableMs: 60_000 };

/** The pause before the next restart, given the previous pause (none yet: undefined) and how long the process ran. */
export function nextRestartDelay(previousMs: number | undefined, ranForMs: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  if (previousMs === undefined || ranForMs >= backoff.stableMs) return backoff.firstMs;
  return Math.min(previousMs * 2, backoff.maxMs);
}

export interface Supervised {
  /** The running process's id (undefined while waiting to restart). */
  readonly pid: number | undefined;
  /** Stops the process (SIGTERM, then SIGKILL after 15 s) and restarts it no more. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  name: string;
  start: () => ChildProcess;
  say: (message: string) => void;
  backoff?: Backoff;
  /** True once the whole stack is stopping: a process that exits then (Ctrl-C reaches it too) stays down. */
  stackStopping?: () => boolean;
}

export function supervise({ name, start, say, backoff = DEFAULT_BACKOFF, stackStopping = () => false }: SuperviseOptions): Supervised {
  let child: ChildProcess | undefined;
  let stopping = false;
  let delay: number | undefined;
  let timer: NodeJS.Timeout | undefined;

  const run = () => {
    const startedAt = Date.now();
    const current = start();
    child = current;
    say(`${name} running (pid ${current.pid})`);
    current.once('error', (error) => say(`${name} could not be started: ${error.message}`));
    current.once('exit', (code, signal) => {
      if (child === current) child = undefined;
      if (stopping || stackStopping()) return;
      delay = nextRestartDelay(delay, Date.now() - startedAt, backoff);
      say(`${name} exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}); restarting it in ${delay / 1000} s`);
      timer = setTimeout(run, delay);
    });
  };
  run();

  return {
    get pid() {
      return child?.pid;
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const forced = setTimeout(() => current.kill('SIGKILL'), 15_000);
        current.once('exit', () => {
          clearTimeout(forced);
          resolve();
        });
        current.kill('SIGTERM');
      });
    },
  };
}
