/**
 * The retention Schedule as every worker ensures it at start: one Schedule however many workers
 * start at once, and the retention period it carries follows PERSONAL_DATA_RETENTION_DAYS.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { freePort } from '../../devtools/free-port';
import { startDevServer, type DevServer } from '../../devtools/temporal-dev-server';
import { ensureRetentionSchedule, RETENTION_SCHEDULE_ID } from '../../services/privacy/retention-schedule';
import { requiredEnv } from '../support/time-skipping';

let server: DevServer;
let connection: Connection;
let client: Client;
beforeAll(async () => {
  server = await startDevServer({
    cliPath: requiredEnv('TEMPORAL_CLI_PATH'),
    port: await freePort(),
    dbFile: path.join(requiredEnv('KOERS_TEST_SCRATCH'), `temporal-${randomUUID()}.db`),
  });
  connection = await Connection.connect({ address: server.address });
  client = new Client({ connection });
});
afterAll(async () => {
  await connection?.close();
  await server?.stop();
});

async function scheduled(): Promise<{ ids: string[]; args: readonly unknown[]; taskQueue: string; updatedAt: Date | undefined }> {
  const ids: string[] = [];
  for await (const summary of client.schedule.list()) ids.push(summary.scheduleId);
  const description = await client.schedule.getHandle(RETENTION_SCHEDULE_ID).describe();
  return { ids, args: description.action.args ?? [], taskQueue: description.action.taskQueue, updatedAt: description.info.lastUpdatedAt };
}

test('workers starting at once make one retention Schedule, carrying the configured retention period, and a new period reaches it', async () => {
  await Promise.all([1, 2, 3].map(() => ensureRetentionSchedule(client, 'koers-journeys', 400)));
  const first = await scheduled();
  expect(first.ids.filter((id) => id === RETENTION_SCHEDULE_ID)).toHaveLength(1);
  expect(first).toMatchObject({ args: [{ retentionDays: 400 }], taskQueue: 'koers-journeys' });

  // A restart with the same configuration leaves it as it is.
  await ensureRetentionSchedule(client, 'koers-journeys', 400);
  expect((await scheduled()).updatedAt).toEqual(first.updatedAt);

  // A restart with another period changes what the next run applies.
  await ensureRetentionSchedule(client, 'koers-journeys', 1000);
  expect(await scheduled()).toMatchObject({ args: [{ retentionDays: 1000 }], taskQueue: 'koers-journeys' });
});
