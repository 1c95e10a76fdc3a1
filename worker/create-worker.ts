/** Builds a Koers worker: the workflows of workflows/index.ts and the activities on their dependencies. */
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import { DEFAULT_MAIL_FROM, mailFromAddress } from '../platform/config';
import type { Db } from '../platform/db';
import { noMailer, type Mailer } from '../platform/mailer';
import { WORKFLOW_BUNDLE_OPTIONS } from './workflow-bundle';

export interface KoersWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  /** A client on the same server, for activities that signal other workflows. */
  temporal: Client;
  /** How the worker's mail goes out; without one, every `sendMail` fails (and is retried). */
  mailer?: Mailer;
  /** Where the links in mails point (PUBLIC_URL). */
  publicUrl: string;
  /** MAIL_FROM: the organizer of calendar invitations. */
  mailFrom?: string;
  /** PERSONAL_DATA_RETENTION_DAYS */
  retentionDays?: number;
  /** A prebuilt workflow bundle (tests build one per run); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/**
 * Journeys kept in the worker's memory between their tasks. Zod and the domain are shared by every
 * workflow (workflows/shared-modules.ts), so a cached journey holds only its own state and the
 * workflow modules (`npm run bench:worker-memory`: about 120 KB of the workflow threads' heap, where
 * each once held its own copy of zod and the domain, ~1.9 MB), so 10,000 fit in about 1.2 GB. A
 * round opening wakes every waiting journey at once: with fewer cached, most of them would first be
 * replayed from their histories. Beyond this many, the least recently active journey is evicted and
 * replayed when it next has work.
 */
export const MAX_CACHED_JOURNEYS = 10_000;

/** The worker: every workflow and activity of Koers on one task queue. Run more of them to scale out. */
export function createKoersWorker(options: KoersWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue, db, temporal, mailer = noMailer, workflowBundle, publicUrl, mailFrom = DEFAULT_MAIL_FROM, retentionDays } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    maxCachedWorkflows: MAX_CACHED_JOURNEYS,
    ...(workflowBundle
      ? { workflowBundle }
      : { workflowsPath: WORKFLOW_BUNDLE_OPTIONS.workflowsPath, bundlerOptions: { preloadModules: WORKFLOW_BUNDLE_OPTIONS.preloadModules } }),
    activities: createActivities({ db, mailer, temporal, publicUrl, organizerEmail: mailFromAddress(mailFrom), ...(retentionDays ? { retentionDays } : {}) }),
  });
}
