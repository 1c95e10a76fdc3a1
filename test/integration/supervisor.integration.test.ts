/**
 * `npm start`'s supervisor (scripts/supervise.ts) on real child processes: a worker or API that
 * dies is started again with a growing pause, and stays down once the stack stops.
 */
import { spawn } from 'node:child_process';
import { nextRestartDelay, supervise } from '../../scripts/supervise';
import { until } from '../support/until';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const idle = () => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });

test('the pause before a restart doubles from 1 s to 30 s, and starts again at 1 s after a stable run', () => {
  expect(nextRestartDelay(undefined, 10)).toBe(1_000);
  expect(nextRestartDelay(1_000, 10)).toBe(2_000);
  expect(nextRestartDelay(16_000, 10)).toBe(30_000);
  expect(nextRestartDelay(30_000, 10)).toBe(30_000);
  expect(nextRestartDelay(30_000, 60_000)).toBe(1_000);
});

test('a process that keeps dying is started again each time, after a doubling pause, and says so', async () => {
  const messages: string[] = [];
  const supervised = supervise({
    name: 'worker',
    start: () => spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' }),
    say: (message) => messages.push(message),
    backoff: { firstMs: 10, maxMs: 40, stableMs: 60_000 },
  });
  const restarts = () => messages.filter((m) => m.includes('restarting'));
  await until(
    async () => restarts().length,
    (n) => n >= 5,
    'five restarts',
  );
  await supervised.stop();
  expect(restarts().slice(0, 5)).toEqual([
    'worker exited unexpectedly (code 3); restarting it in 0.01 s',
    'worker exited unexpectedly (code 3); restarting it in 0.02 s',
    'worker exited unexpectedly (code 3); restarting it in 0.04 s',
    'worker exited unexpectedly (code 3); restarting it in 0.04 s',
    'worker exited unexpectedly (code 3); restarting it in 0.04 s',
  ]);
  expect(messages.filter((m) => m.startsWith('worker running (pid ')).length).toBeGreaterThanOrEqual(5);
});

test('a killed process is started again under a new pid; stopping ends it and it stays down', async () => {
  const messages: string[] = [];
  const supervised = supervise({ name: 'api', start: idle, say: (message) => messages.push(message), backoff: { firstMs: 10, maxMs: 40, stableMs: 60_000 } });
  const first = supervised.pid!;
  process.kill(first, 'SIGKILL');
  const second = await until(
    async () => supervised.pid,
    (pid) => pid !== undefined && pid !== first,
    'the process to be started again',
  );
  expect(messages).toContain('api exited unexpectedly (signal SIGKILL); restarting it in 0.01 s');
  await supervised.stop();
  expect(alive(second!)).toBe(false);
  expect(supervised.pid).toBeUndefined();
});

test('a process that exits while the whole stack stops is not started again', async () => {
  let stopping = false;
  const messages: string[] = [];
  const supervised = supervise({ name: 'worker', start: idle, say: (message) => messages.push(message), stackStopping: () => stopping });
  stopping = true;
  process.kill(supervised.pid!, 'SIGINT'); // Ctrl-C reaches every process of the group
  await until(
    async () => supervised.pid,
    (pid) => pid === undefined,
    'the process to exit',
  );
  await supervised.stop();
  expect(messages.filter((m) => m.includes('restarting'))).toEqual([]);
});
