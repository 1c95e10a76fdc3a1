/**
 * The journeys bench's CPU accounting (bench/process-cpu.ts): what a piece of work costs is
 * counted to the thread that spent it, from /proc.
 */
import { addCpu, countCpu, cpuMsPer, noCpu } from '../../bench/process-cpu';

const onLinux = process.platform === 'linux' ? test : test.skip;

const busyFor = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until); // CPU, not waiting
};

onLinux('work on the main thread counts there and in the process, and nothing as a server it did not start', async () => {
  const spent = noCpu();
  await countCpu(spent, async () => busyFor(400));
  expect(spent.mainThread).toBeGreaterThanOrEqual(0.3);
  expect(spent.node).toBeCloseTo(spent.mainThread + spent.sdkCore + spent.otherThreads, 5);
  expect(spent.temporal).toBe(0);
  expect(spent.postgres).toBe(0);
  expect(cpuMsPer(spent, 4).mainThread).toBe(Math.round((spent.mainThread * 1000) / 4));
  expect(addCpu([spent, spent]).mainThread).toBeCloseTo(2 * spent.mainThread, 5);
});

onLinux('waiting costs no CPU', async () => {
  const spent = noCpu();
  await countCpu(spent, () => new Promise((resolve) => setTimeout(resolve, 300)));
  expect(spent.node).toBeLessThan(0.2);
});
