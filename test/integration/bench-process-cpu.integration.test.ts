/**
 * The journeys bench's CPU accounting (bench/process-cpu.ts): what a piece of work costs is
 * counted to the program that spent it, from /proc.
 */
import { countCpu, cpuMsPer, cpuSecondsByProgram, type CpuSeconds } from '../../bench/process-cpu';

const onLinux = process.platform === 'linux' ? test : test.skip;

onLinux('work done in this process counts as node, and nothing as a server it did not start', async () => {
  const spent: CpuSeconds = { node: 0, temporal: 0, postgres: 0 };
  await countCpu(spent, async () => {
    const until = Date.now() + 400;
    while (Date.now() < until); // CPU, not waiting
  });
  expect(spent.node).toBeGreaterThanOrEqual(0.3);
  expect(spent.temporal).toBe(0);
  expect(spent.postgres).toBe(0);
  expect(cpuMsPer(spent, 4).node).toBe(Math.round((spent.node * 1000) / 4));
});

onLinux('waiting costs no CPU', async () => {
  const before = cpuSecondsByProgram()!;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const after = cpuSecondsByProgram()!;
  expect(after.node - before.node).toBeLessThan(0.2);
});
