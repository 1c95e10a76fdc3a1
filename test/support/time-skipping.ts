/**
 * A time-skipping Temporal test server with a real worker (real activities, real PostgreSQL):
 * months of a journey pass in seconds.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from '../../platform/search-attributes';
import { Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createDb, type Db } from '../../platform/db';

let runtimeInstalled = false;

/** Keep the worker's own logging to warnings, so test output shows what matters. */
export function quietTemporalRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

export interface TimeSkippingHarness {
  env: TestWorkflowEnvironment;
  db: Db;
  taskQueue: string;
  close(): Promise<void>;
}

export async function startTimeSkippingHarness(): Promise<TimeSkippingHarness> {
  quietTemporalRuntime();
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  const env = await TestWorkflowEnvironment.createTimeSkipping(
    path ? { server: { executable: { type: 'existing-path', path } } } : undefined,
  );
  await registerSearchAttributes(env.connection as Connection, env.namespace ?? 'default');
  const db = createDb(requiredEnv('DATABASE_URL'));
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: requiredEnv('KOERS_WORKFLOW_BUNDLE') },
    activities: createActivities({ db }),
  });
  const running = worker.run();
  return {
    env,
    db,
    taskQueue,
    async close() {
      worker.shutdown();
      await running;
      await db.$disconnect();
      await env.teardown();
    },
  };
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest, whose global setup sets it`);
  return value;
}
