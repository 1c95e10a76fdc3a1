/**
 * A worker's memory with thousands of open journeys, each started and waiting for the office to
 * plan its conversation, against as many bare workflows waiting for a signal. Each variant runs on
 * a worker in a child process of its own, measured after a full GC in every thread, before and
 * after its workflows are started and waiting.
 *
 *   npm run bench:worker-memory -- [journeys=500] [concurrency=50] [worker heap MB]
 *
 * The count is the first argument: 10,000 open journeys in one worker take about five minutes to
 * start on two cores (`-- 10000 50`). Both workers cache at most MAX_CACHED_JOURNEYS (10,000);
 * past that, RSS and heap stop growing and workflows are replayed when they next have work. With a
 * heap limit (e.g. 512), the bare worker keeps the SDK's default cache for that heap.
 *
 * Writes bench/results/worker-memory.json and prints a table.
 */
import type { Client } from '@temporalio/client';
import { startJourney } from '../services/journeys/start-journey';
import { MAX_CACHED_JOURNEYS } from '../worker/create-worker';
import { waitForOneSignal } from './bare-workflows';
import { workerMemoryProcess, type WorkerMemory, type WorkerVariant } from './memory-worker';
import { brinFor, createBenchSchools, inBatches, ratio, startBenchStack, writeResults, type BenchStack } from './stack';

const MB = 1024 * 1024;

/** Until none of `ids` has a workflow task or an activity pending: each has done all it can and waits. */
async function untilAllWaiting(client: Client, ids: string[], concurrency: number): Promise<void> {
  for (let pending = ids; pending.length > 0;) {
    const busy: string[] = [];
    await inBatches(pending, concurrency, async (id) => {
      const { raw } = await client.workflow.getHandle(id).describe();
      if (raw.pendingWorkflowTask || (raw.pendingActivities?.length ?? 0) > 0) busy.push(id);
    });
    pending = busy;
    if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

interface Options {
  count: number;
  concurrency: number;
  /** The worker processes' heap limit; without it, Node's default. */
  heapMB: number | undefined;
}

interface VariantResult {
  maxCachedWorkflows: number;
  startSeconds: number;
  idle: WorkerMemory;
  loaded: WorkerMemory;
}

/** Starts `count` workflows on a fresh worker process of `variant`; its memory before and after. */
async function measureVariant(
  stack: BenchStack,
  variant: WorkerVariant,
  { count, concurrency, heapMB }: Options,
  start: (i: number, taskQueue: string) => Promise<string>,
): Promise<VariantResult> {
  const taskQueue = `bench-memory-${variant}`;
  // Without a heap limit, the bare worker caches as many as Koers's: both then hold every workflow started.
  const worker = workerMemoryProcess(variant, taskQueue, stack.services, heapMB, heapMB ? undefined : MAX_CACHED_JOURNEYS);
  try {
    const { maxCachedWorkflows } = await worker.ready();
    const idle = await worker.measure();
    const started = performance.now();
    const ids: string[] = [];
    let done = 0;
    await inBatches(
      Array.from({ length: count }, (_, i) => i),
      concurrency,
      async (i) => {
        ids.push(await start(i, taskQueue));
        if (++done % 1000 === 0) process.stderr.write(`  ${variant}: ${done} started\n`);
      },
    );
    await untilAllWaiting(stack.client, ids, concurrency);
    const startSeconds = (performance.now() - started) / 1000;
    process.stderr.write(`  ${variant}: all ${count} waiting after ${Math.round(startSeconds)} s\n`);
    return { maxCachedWorkflows, startSeconds, idle, loaded: await worker.measure() };
  } finally {
    await worker.stop();
  }
}

async function main(): Promise<void> {
  const options: Options = {
    count: Number(process.argv[2] ?? 500),
    concurrency: Number(process.argv[3] ?? 50),
    heapMB: process.argv[4] ? Number(process.argv[4]) : undefined,
  };
  const { count } = options;
  const stack = await startBenchStack({ worker: false });
  try {
    await createBenchSchools(stack.db, count);
    process.stderr.write(`starting ${count} journeys on a Koers worker…\n`);
    const koers = await measureVariant(stack, 'koers', options, async (i, taskQueue) => {
      const { journeyId } = await startJourney(
        { db: stack.db, temporal: stack.client, taskQueue },
        { brin: brinFor(i), track: 'expertschool', hasAspirantYearBehind: false },
      );
      return journeyId;
    });
    const waiting = await stack.db.journey.count({ where: { phase: 'conversation', waitingFor: 'office' } });
    if (waiting !== count) throw new Error(`${waiting} of ${count} journeys wait for the office in the case record`);
    process.stderr.write(`starting ${count} bare workflows on a bare worker…\n`);
    const bare = await measureVariant(stack, 'bare', options, async (i, taskQueue) => {
      const workflowId = `bare-waiting-${i}`;
      await stack.client.workflow.start(waitForOneSignal, { workflowId, taskQueue });
      return workflowId;
    });

    const mb = (bytes: number) => Math.round(bytes / MB);
    const summary = ({ maxCachedWorkflows, startSeconds, idle, loaded }: VariantResult) => {
      const cached = Math.max(loaded.cachedWorkflows, 1);
      // What one more cached workflow costs: the growth over the idle worker, per workflow in the cache.
      const perWorkflow = {
        rss: (loaded.rssBytes - idle.rssBytes) / cached,
        workflowHeap: (loaded.workflowHeapUsedBytes - idle.workflowHeapUsedBytes) / cached,
      };
      return {
        maxCachedWorkflows,
        cachedWorkflows: loaded.cachedWorkflows,
        startedPerSecond: Number((count / startSeconds).toFixed(1)),
        idle: { rssMB: mb(idle.rssBytes), mainHeapMB: mb(idle.mainHeapUsedBytes), workflowHeapMB: mb(idle.workflowHeapUsedBytes) },
        loaded: { rssMB: mb(loaded.rssBytes), mainHeapMB: mb(loaded.mainHeapUsedBytes), workflowHeapMB: mb(loaded.workflowHeapUsedBytes) },
        perCachedWorkflowKB: { rss: Math.round(perWorkflow.rss / 1024), workflowHeap: Math.round(perWorkflow.workflowHeap / 1024) },
        workflowHeapLimitMB: mb(loaded.workflowHeapLimitBytes),
        // The workflow thread's heap once the cache is full: what decides whether the worker fits its heap.
        workflowHeapWithFullCacheMB: mb(idle.workflowHeapUsedBytes + maxCachedWorkflows * perWorkflow.workflowHeap),
      };
    };
    const k = summary(koers);
    const b = summary(bare);
    const report = {
      benchmark: 'worker-memory',
      measuredAt: new Date().toISOString(),
      workflows: count,
      workerHeapMB: options.heapMB ?? null,
      koers: k,
      bare: b,
      ratios: {
        rssLoaded: ratio(k.loaded.rssMB, b.loaded.rssMB),
        workflowHeapLoaded: ratio(k.loaded.workflowHeapMB, b.loaded.workflowHeapMB),
        rssPerCachedWorkflow: ratio(k.perCachedWorkflowKB.rss, b.perCachedWorkflowKB.rss, 1),
        workflowHeapPerCachedWorkflow: ratio(k.perCachedWorkflowKB.workflowHeap, b.perCachedWorkflowKB.workflowHeap, 1),
      },
    };
    writeResults('worker-memory', report);
    const rows: [string, number | string, number | string, number | string][] = [
      ['maxCachedWorkflows (Koers: MAX_CACHED_JOURNEYS; bare: the same, or the default for a heap limit)', k.maxCachedWorkflows, b.maxCachedWorkflows, ''],
      ['workflows in the cache when measured', k.cachedWorkflows, b.cachedWorkflows, ''],
      ['RSS, idle worker (MB)', k.idle.rssMB, b.idle.rssMB, ratio(k.idle.rssMB, b.idle.rssMB)],
      ['RSS, all started and waiting (MB)', k.loaded.rssMB, b.loaded.rssMB, report.ratios.rssLoaded],
      ['heap used, main thread, idle → loaded (MB)', `${k.idle.mainHeapMB} → ${k.loaded.mainHeapMB}`, `${b.idle.mainHeapMB} → ${b.loaded.mainHeapMB}`, ''],
      [
        'heap used, workflow thread, idle → loaded (MB)',
        `${k.idle.workflowHeapMB} → ${k.loaded.workflowHeapMB}`,
        `${b.idle.workflowHeapMB} → ${b.loaded.workflowHeapMB}`,
        report.ratios.workflowHeapLoaded,
      ],
      ['RSS per cached workflow (KB)', k.perCachedWorkflowKB.rss, b.perCachedWorkflowKB.rss, report.ratios.rssPerCachedWorkflow],
      [
        'workflow heap per cached workflow (KB)',
        k.perCachedWorkflowKB.workflowHeap,
        b.perCachedWorkflowKB.workflowHeap,
        report.ratios.workflowHeapPerCachedWorkflow,
      ],
      ['workflow heap with a full cache, projected (MB)', k.workflowHeapWithFullCacheMB, b.workflowHeapWithFullCacheMB, ''],
      ['workflow thread heap limit (MB)', k.workflowHeapLimitMB, b.workflowHeapLimitMB, ''],
      ['started and waiting per second', k.startedPerSecond, b.startedPerSecond, ratio(k.startedPerSecond, b.startedPerSecond)],
    ];
    const heap = options.heapMB ? `, ${options.heapMB} MB heap` : '';
    console.log(`\n| ${count.toLocaleString('en')} waiting, one worker${heap} | Koers journeys | bare workflows | Koers / bare |\n|---|---|---|---|`);
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
