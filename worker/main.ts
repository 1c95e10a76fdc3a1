/** The worker process (`npm run worker`). Stops gracefully on SIGINT/SIGTERM. */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../platform/config';
import { createDb } from '../platform/db';
import { createLogger } from '../platform/logger';
import { createMailer } from '../platform/mailer';
import { registerSearchAttributes } from '../platform/search-attributes';
import { ensureRetentionSchedule } from '../services/privacy/retention-schedule';
import { ensureRoundPlanSchedules } from '../services/rounds/round-plan';
import { createKoersWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, 'worker');
  Runtime.install({ logger: new DefaultLogger(config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'DEBUG' : 'WARN') });

  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  await registerSearchAttributes(clientConnection, config.TEMPORAL_NAMESPACE);
  const temporal = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  await ensureRetentionSchedule(temporal, config.TEMPORAL_TASK_QUEUE, config.PERSONAL_DATA_RETENTION_DAYS);

  const db = createDb(config.DATABASE_URL);
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createKoersWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    db,
    temporal,
    mailer,
    publicUrl: config.PUBLIC_URL,
    mailFrom: config.MAIL_FROM,
    retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
  });
  // Each saved yearly round plan has its Schedule, also after the Temporal server lost its state.
  const plans = await ensureRoundPlanSchedules(db, temporal, config.TEMPORAL_TASK_QUEUE);
  // The SMTP server by host only: the URL may carry a password.
  log.info(
    { taskQueue: config.TEMPORAL_TASK_QUEUE, roundPlans: plans, temporal: config.TEMPORAL_ADDRESS, smtp: new URL(config.SMTP_URL).host },
    'worker started',
  );
  try {
    await worker.run();
  } finally {
    mailer.close();
    await connection.close();
    await clientConnection.close();
    await db.$disconnect();
    log.info('worker stopped');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
