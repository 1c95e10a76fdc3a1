/** The API process (`npm run api`). Stops gracefully on SIGINT/SIGTERM. */
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../platform/config';
import { createDb } from '../platform/db';
import { createLogger } from '../platform/logger';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, 'api');
  const db = createDb(config.DATABASE_URL);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const app = createApp({
    db,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    log,
    mailFrom: config.MAIL_FROM,
    schoolPageRequestsPerMinute: config.SCHOOL_PAGE_REQUESTS_PER_MINUTE,
    secureCookies: config.PUBLIC_URL.startsWith('https:'),
    publicUrl: config.PUBLIC_URL,
    trustProxy: config.TRUST_PROXY,
    conversationRequestsPerHour: config.CONVERSATION_REQUESTS_PER_HOUR,
    retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    log.info({ url: `http://${config.HOST}:${config.PORT}` }, 'api listening');
  });

  const stop = () => {
    log.info('api stopping');
    server.close(async () => {
      await connection.close();
      await db.$disconnect();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
