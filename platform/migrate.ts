/** Brings a database up to prisma/migrations (`prisma migrate deploy`); `npm start` and the tests run it first. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const projectRoot = path.resolve(__dirname, '..');

/** Applies every migration in prisma/migrations that the database has not seen (`prisma migrate deploy`). */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  await promisify(execFile)(path.join(projectRoot, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}
