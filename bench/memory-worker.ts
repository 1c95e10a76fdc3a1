/**
 * One worker process under measurement, forked by worker-memory.ts: Koers's worker or the bare
 * one on the task queue it is given, telling the parent its memory when asked. Started with
 * --expose-gc and heap-probe.ts preloaded in every thread (see workerMemoryProcess below).
 */
import { fork } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { measureThreadHeaps } from './heap-probe';
import type { BenchServices } from './stack';
import { createBareWorker, createBenchKoersWorker, runWorker } from './workers';

export type WorkerVariant = 'koers' | 'bare';

export interface WorkerMemory {
  rssBytes: number;
  /** The main thread: activities, database and mail clients, the SDK's JavaScript side. */
  mainHeapUsedBytes: number;
  /** The SDK's workflow thread(s): every cached workflow lives there. */
  workflowHeapUsedBytes: number;
  workflowHeapLimitBytes: number;
  cachedWorkflows: number;
}

type FromWorker = { type: 'ready'; maxCachedWorkflows: number } | { type: 'memory'; memory: WorkerMemory };
type ToWorker = { type: 'measure' } | { type: 'stop' };

async function memoryOf(worker: Worker): Promise<WorkerMemory> {
  const heaps = await measureThreadHeaps(1 + worker.options.workflowThreadPoolSize);
  const main = heaps.find((h) => h.threadId === 0)!;
  const workflowThreads = heaps.filter((h) => h !== main);
  return {
    rssBytes: process.memoryUsage().rss, // after the GCs above
    mainHeapUsedBytes: main.heapUsedBytes,
    workflowHeapUsedBytes: workflowThreads.reduce((sum, h) => sum + h.heapUsedBytes, 0),
    workflowHeapLimitBytes: workflowThreads.reduce((sum, h) => sum + h.heapLimitBytes, 0),
    cachedWorkflows: worker.getStatus().numCachedWorkflows,
  };
}

async function koersWorker(connection: NativeConnection, services: BenchServices, taskQueue: string): Promise<Worker> {
  // Required here, not imported at the top: the bare worker's process holds none of Koers's code.
  const { createDb } = require('../platform/db') as typeof import('../platform/db');
  const client = new Client({ connection: await Connection.connect({ address: services.temporalAddress }) });
  return createBenchKoersWorker({ connection, client, db: createDb(services.databaseUrl, { maxConnections: 20 }), smtpUrl: services.smtpUrl, taskQueue });
}

async function main(): Promise<void> {
  const [variant, taskQueue, services] = [process.argv[2] as WorkerVariant, process.argv[3]!, JSON.parse(process.argv[4]!) as BenchServices];
  const bareCache = Number(process.argv[5]) || undefined;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const connection = await NativeConnection.connect({ address: services.temporalAddress });
  const worker =
    variant === 'koers' ? await koersWorker(connection, services, taskQueue) : await createBareWorker(connection, taskQueue, { maxCachedWorkflows: bareCache });
  const stop = runWorker(worker);
  const send = (message: FromWorker) => process.send!(message);
  process.on('message', (message: ToWorker) => {
    const done = message.type === 'measure' ? memoryOf(worker).then((memory) => send({ type: 'memory', memory })) : stop().then(() => process.exit(0));
    done.catch((error: unknown) => {
      console.error(error);
      process.exit(1); // the parent hears of it as this process's exit
    });
  });
  send({ type: 'ready', maxCachedWorkflows: worker.options.maxCachedWorkflows });
}

/**
 * The parent's side: forks the worker process and asks it for its memory. `heapMB` sets the
 * process's heap limit (every thread's), from which the SDK sizes its default workflow cache.
 */
/** `bareCache`: the bare worker's cache size (Koers's, so both hold as many workflows). */
export function workerMemoryProcess(variant: WorkerVariant, taskQueue: string, services: BenchServices, heapMB?: number, bareCache?: number) {
  const child = fork(__filename, [variant, taskQueue, JSON.stringify(services), String(bareCache ?? '')], {
    // tsx's CommonJS hook, not its ESM loader: worker threads inherit --require, and the probe must load in the SDK's.
    execArgv: ['--expose-gc', '--require', 'tsx/cjs', '--require', require.resolve('./heap-probe'), ...(heapMB ? [`--max-old-space-size=${heapMB}`] : [])],
  });
  let stopping = false;
  const replies: { resolve(message: FromWorker): void; reject(error: Error): void }[] = [];
  child.on('message', (message: FromWorker) => replies.shift()?.resolve(message));
  child.on('exit', (code) => {
    if (!stopping) for (const reply of replies.splice(0)) reply.reject(new Error(`the ${variant} worker process exited with ${code}`));
  });
  const reply = (request?: ToWorker) =>
    new Promise<FromWorker>((resolve, reject) => {
      replies.push({ resolve, reject });
      if (request) child.send(request);
    });
  return {
    async ready(): Promise<{ maxCachedWorkflows: number }> {
      const message = await reply();
      if (message.type !== 'ready') throw new Error(`unexpected ${message.type}`);
      return message;
    },
    async measure(): Promise<WorkerMemory> {
      const message = await reply({ type: 'measure' });
      if (message.type !== 'memory') throw new Error(`unexpected ${message.type}`);
      return message.memory;
    },
    stop(): Promise<void> {
      stopping = true;
      if (!child.connected) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' } satisfies ToWorker);
      });
    },
  };
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
