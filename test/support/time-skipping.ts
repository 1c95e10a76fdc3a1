/**
 * A time-skipping Temporal test server with a real worker (real activities, real PostgreSQL):
 * months of a journey pass in seconds.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from '../../platform/search-attributes';
import { Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createDb, type Db } from '../../platform/db';
import { createTimeSkippingEnvironment } from '../../devtools/temporal-test-server';
import { freePort } from '../../devtools/free-port';
import { startMailCatcher, type MailCatcher } from '../../devtools/mail-catcher';
import { createMailer, type Mailer } from '../../platform/mailer';
import { createTestDatabase } from './database';

/** Where links in mails point in tests without an API. */
export const TEST_PUBLIC_URL = 'http://koers.test';

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
  /** A real SMTP server on loopback; the worker's mail arrives here unless a mailer was passed. */
  mail: MailCatcher;
  close(): Promise<void>;
}

export interface TimeSkippingOptions {
  /** The worker's mailer; by default one that sends to `mail`, the harness's catcher. */
  mailer?: Mailer;
  /** Wraps the worker's real activities (e.g. to hold one back: support/activity-gate.ts). */
  wrapActivities?: (activities: ReturnType<typeof createActivities>) => ReturnType<typeof createActivities>;
}

export async function startTimeSkippingHarness(options: TimeSkippingOptions = {}): Promise<TimeSkippingHarness> {
  quietTemporalRuntime();
  const env = await createTimeSkippingEnvironment(process.env.TEMPORAL_TEST_SERVER_PATH);
  await registerSearchAttributes(env.connection as Connection, env.namespace ?? 'default');
  const db = createDb(await createTestDatabase());
  const taskQueue = `test-${randomUUID()}`;
  const mail = await startMailCatcher({ smtpPort: await freePort() });
  const mailer = options.mailer ?? createMailer({ smtpUrl: mail.smtpUrl });
  const activities = createActivities({
    db,
    mailer,
    temporal: env.client,
    publicUrl: TEST_PUBLIC_URL,
    organizerEmail: 'programmabureau@ontwikkelkracht.example',
  });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: requiredEnv('KOERS_WORKFLOW_BUNDLE') },
    activities: options.wrapActivities ? options.wrapActivities(activities) : activities,
  });
  const running = worker.run();
  return {
    env,
    db,
    taskQueue,
    mail,
    async close() {
      worker.shutdown();
      await running;
      if (!options.mailer) mailer.close();
      await mail.stop();
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
