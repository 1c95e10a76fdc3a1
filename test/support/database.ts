import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { requiredEnv } from './time-skipping';

/**
 * A database of its own for one test file, copied from the migrated one the global setup made
 * (CREATE DATABASE … TEMPLATE: milliseconds). Files never see each other's rounds or journeys.
 */
export async function createTestDatabase(): Promise<string> {
  const template = new URL(requiredEnv('DATABASE_URL'));
  const name = `test_${randomUUID().replace(/-/g, '')}`;
  const admin = new Client({ connectionString: template.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.pathname.slice(1)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(template);
  url.pathname = `/${name}`;
  return url.toString();
}
