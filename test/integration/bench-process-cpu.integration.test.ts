/**
 * The journeys bench's CPU accounting (bench/process-cpu.ts): what a piece of work costs is
 * counted to the thread that spent it, from /proc. (Under `jest --runInBand` this process is also
 * the one that started the tests' PostgreSQL, so what its servers spend meanwhile is not asserted.)
 */
import { addCpu, countCpu, cpuMsPer, noCpu } from '../../bench/process-cpu';

const onLinux = process.platform === 'linux' ? test : test.skip;

const busyFor = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until); // CPU, not waiting
};

onLinux('work on the main thread counts there, and in the process as a whole', async () => {
  const spent = noCpu();
  await countCpu(spent, async () => busyFor(400));
  expect(spent.mainThread).toBeGreaterThanOrEqual(0.3);
  expect(spent.node).toBeCloseTo(spent.mainThread + spent.sdkCore + spent.otherThreads, 5);
  expect(cpuMsPer(spent, 4).mainThread).toBe(Math.round((spent.mainThread * 1000) / 4));
  expect(addCpu([spent, spent]).mainThread).toBeCloseTo(2 * spent.mainThread, 5);
});

onLinux('waiting costs the main thread no CPU', async () => {
  const spent = noCpu();
  await countCpu(spent, () => new Promise((resolve) => setTimeout(resolve, 400)));
  expect(spent.mainThread).toBeLessThan(0.15);
});
