/**
 * CPU time used by a bench and the servers it started, by program: the bench's own Node process
 * (client, worker, activities, the mail catcher), the Temporal server and PostgreSQL. On a machine
 * with few cores a variant's throughput follows the CPU it costs, so the journeys bench reports
 * this per journey beside its timings: it says which program the distance between Koers and its
 * baselines is spent in. Linux only (it reads /proc); elsewhere it reports nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export type Program = 'node' | 'temporal' | 'postgres';

/** CPU seconds by program. */
export type CpuSeconds = Record<Program, number>;

const PROGRAMS: Program[] = ['node', 'temporal', 'postgres'];

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  pid: number;
  parent: number;
  command: string;
  cpuSeconds: number;
}

function readStat(pid: string): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state ppid …": the command may hold spaces and parentheses, so split after the last ")".
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    // After the command: state (0), ppid (1), …, utime (11), stime (12).
    return {
      pid: Number(pid),
      parent: Number(fields[1]),
      command: stat.slice(stat.indexOf('(') + 1, close),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond,
    };
  } catch {
    return null; // ended while being read
  }
}

/** CPU seconds so far of this process and of each server process it started, by pid; null without /proc. */
function cpuByProcess(): Map<number, { program: Program; cpuSeconds: number }> | null {
  if (!existsSync('/proc/self/stat')) return null;
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => readStat(pid) ?? []);
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.parent, [...(children.get(s.parent) ?? []), s]);
  const found = new Map<number, { program: Program; cpuSeconds: number }>();
  const self = stats.find((s) => s.pid === process.pid);
  const queue = self ? [self] : [];
  for (let s = queue.shift(); s; s = queue.shift()) {
    // The bench process counts as node; of its descendants only the servers count (not the shells between).
    const program = s === self ? 'node' : PROGRAMS.find((p) => p !== 'node' && s.command.startsWith(p));
    if (program) found.set(s.pid, { program, cpuSeconds: s.cpuSeconds });
    queue.push(...(children.get(s.pid) ?? []));
  }
  return found;
}

/** CPU seconds so far of this process and every server process it started, by program; null without /proc. */
export function cpuSecondsByProgram(): CpuSeconds | null {
  const processes = cpuByProcess();
  if (!processes) return null;
  const total: CpuSeconds = { node: 0, temporal: 0, postgres: 0 };
  for (const { program, cpuSeconds } of processes.values()) total[program] += cpuSeconds;
  return total;
}

/**
 * What `work` cost in CPU, by program, added to `into`. Counted per process: one that started
 * meanwhile counts whole, one that ended meanwhile (a PostgreSQL connection the pool closed when
 * idle) is left out, since what it spent before it ended cannot be read.
 */
export async function countCpu<T>(into: CpuSeconds, work: () => Promise<T>): Promise<T> {
  const before = cpuByProcess();
  const result = await work();
  const after = cpuByProcess();
  if (before && after) {
    for (const [pid, { program, cpuSeconds }] of after) into[program] += cpuSeconds - (before.get(pid)?.cpuSeconds ?? 0);
  }
  return result;
}

/** Milliseconds of CPU per item, by program. */
export function cpuMsPer(cpu: CpuSeconds, items: number): CpuSeconds {
  const per = (s: number) => Math.round((s * 1000) / items);
  return { node: per(cpu.node), temporal: per(cpu.temporal), postgres: per(cpu.postgres) };
}
