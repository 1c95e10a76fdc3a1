/**
 * CPU time used by a bench and the servers it started: the bench's own Node process (client,
 * worker, activities, the mail catcher), split by thread, the Temporal server and PostgreSQL. On a
 * machine with few cores a variant's throughput follows the CPU it costs, so the journeys bench
 * reports this per journey beside its timings: it says where the distance between Koers and its
 * baselines is spent. Linux only (it reads /proc); elsewhere it reports nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * Where CPU goes. In the bench's own process: `mainThread` (activities, the client, Prisma, the mail
 * catcher), `sdkCore` (the Temporal SDK's Rust core: polling, the server's gRPC), `otherThreads`
 * (the workflow sandbox's thread, V8's garbage-collection helpers, libuv's pool); `node` is their sum.
 */
export interface CpuSeconds {
  node: number;
  mainThread: number;
  sdkCore: number;
  otherThreads: number;
  temporal: number;
  postgres: number;
}

type Bucket = Exclude<keyof CpuSeconds, 'node'>;
const SERVERS: Bucket[] = ['temporal', 'postgres'];
const KEYS = ['node', 'mainThread', 'sdkCore', 'otherThreads', 'temporal', 'postgres'] as const;

export const noCpu = (): CpuSeconds => ({ node: 0, mainThread: 0, sdkCore: 0, otherThreads: 0, temporal: 0, postgres: 0 });

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Stat {
  id: number;
  parent: number;
  command: string;
  cpuSeconds: number;
}

/** A process's or thread's /proc stat file, or null if it ended while being read. */
function readStat(file: string): Stat | null {
  try {
    const stat = readFileSync(file, 'utf8');
    // "id (command) state ppid …": the command may hold spaces and parentheses, so split after the last ")".
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    // After the command: state (0), ppid (1), …, utime (11), stime (12).
    return {
      id: Number(stat.slice(0, stat.indexOf(' '))),
      parent: Number(fields[1]),
      command: stat.slice(stat.indexOf('(') + 1, close),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond,
    };
  } catch {
    return null;
  }
}

const numbered = (dir: string) => readdirSync(dir).filter((name) => /^\d+$/.test(name));

/** CPU seconds so far, by a key per thread of this process and per server process it started; null without /proc. */
function cpuByKey(): Map<string, { bucket: Bucket; cpuSeconds: number }> | null {
  if (!existsSync('/proc/self/task')) return null;
  const found = new Map<string, { bucket: Bucket; cpuSeconds: number }>();
  for (const thread of numbered('/proc/self/task').flatMap((tid) => readStat(`/proc/self/task/${tid}/stat`) ?? [])) {
    const bucket = thread.id === process.pid ? 'mainThread' : thread.command.startsWith('tokio') ? 'sdkCore' : 'otherThreads';
    found.set(`thread ${thread.id}`, { bucket, cpuSeconds: thread.cpuSeconds });
  }
  const processes = numbered('/proc').flatMap((pid) => readStat(`/proc/${pid}/stat`) ?? []);
  const children = new Map<number, Stat[]>();
  for (const p of processes) {
    const siblings = children.get(p.parent);
    if (siblings) siblings.push(p);
    else children.set(p.parent, [p]);
  }
  // Of the descendants only the servers count, not the shells between.
  const queue = [...(children.get(process.pid) ?? [])];
  for (let p = queue.shift(); p; p = queue.shift()) {
    const server = SERVERS.find((name) => p.command.startsWith(name));
    if (server) found.set(`process ${p.id}`, { bucket: server, cpuSeconds: p.cpuSeconds });
    queue.push(...(children.get(p.id) ?? []));
  }
  return found;
}

/**
 * What `work` cost in CPU, added to `into`. Counted per thread and process: one that started
 * meanwhile counts whole, one that ended meanwhile (a PostgreSQL connection the pool closed when
 * idle) is left out, since what it spent before it ended cannot be read.
 */
export async function countCpu<T>(into: CpuSeconds, work: () => Promise<T>): Promise<T> {
  const before = cpuByKey();
  const result = await work();
  const after = cpuByKey();
  if (before && after) {
    for (const [key, { bucket, cpuSeconds }] of after) {
      const spent = cpuSeconds - (before.get(key)?.cpuSeconds ?? 0);
      into[bucket] += spent;
      if (!SERVERS.includes(bucket)) into.node += spent;
    }
  }
  return result;
}

/** The sum of runs' CPU. */
export function addCpu(runs: CpuSeconds[]): CpuSeconds {
  const total = noCpu();
  for (const run of runs) for (const key of KEYS) total[key] += run[key];
  return total;
}

/** Milliseconds of CPU per item. */
export function cpuMsPer(cpu: CpuSeconds, items: number): CpuSeconds {
  const per = noCpu();
  for (const key of KEYS) per[key] = Math.round((cpu[key] * 1000) / items);
  return per;
}
