/**
 * The two workers a benchmark compares: Koers's own (every workflow and activity, mail through the
 * bench's catcher) and a bare one for the baseline workflows in bare-workflows.ts. Koers's code is
 * imported only when its worker is made, so a process running the bare worker holds none of it.
 */
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { Db } from '../platform/db';
import { floorActivities, storageFloorActivities } from './floor-activities';

export const BENCH_PUBLIC_URL = 'http://127.0.0.1:3000';

export async function createBenchKoersWorker(deps: {
  connection: NativeConnection;
  client: Client;
  db: Db;
  smtpUrl: string;
  taskQueue: string;
}): Promise<Worker> {
  // Loaded here, not at the top: see above.
  const { createKoersWorker } = require('../worker/create-worker') as typeof import('../worker/create-worker');
  const { createMailer } = require('../platform/mailer') as typeof import('../platform/mailer');
  return createKoersWorker({
    connection: deps.connection,
    namespace: 'default',
    taskQueue: deps.taskQueue,
    db: deps.db,
    temporal: deps.client,
    mailer: createMailer({ smtpUrl: deps.smtpUrl }),
    publicUrl: BENCH_PUBLIC_URL,
  });
}

/**
 * The bare worker, with the floors' activities: the engine floor's counting ones, and with `storage`
 * the storage floor's as well. `maxCachedWorkflows` as Koers's to compare memory cache for cache,
 * else the SDK's default for its heap.
 */
export function createBareWorker(
  connection: NativeConnection,
  taskQueue: string,
  options: { maxCachedWorkflows?: number | undefined; storage?: { db: Db; smtpUrl: string } } = {},
): Promise<Worker> {
  const { maxCachedWorkflows, storage } = options;
  const storageActivities = () => {
    // Loaded only here: a process running the bare worker alone holds none of Koers's code.
    const { createMailer } = require('../platform/mailer') as typeof import('../platform/mailer');
    return storageFloorActivities({ db: storage!.db, mailer: createMailer({ smtpUrl: storage!.smtpUrl }) });
  };
  return Worker.create({
    connection,
    taskQueue,
    workflowsPath: require.resolve('./bare-workflows'),
    activities: { ...floorActivities, ...(storage ? storageActivities() : {}) },
    ...(maxCachedWorkflows ? { maxCachedWorkflows } : {}),
  });
}

/** Runs `worker`; the function returned shuts it down and waits until it has stopped. */
export function runWorker(worker: Worker): () => Promise<void> {
  const running = worker.run();
  return async () => {
    worker.shutdown();
    await running;
  };
}
