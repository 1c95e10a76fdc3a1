/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with
 * the SQL from the schema as last committed (git HEAD) to prisma/schema.prisma as it is now.
 * (`prisma migrate dev` needs a native engine that cannot be downloaded here.)
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../devtools/embedded-postgres';
import { freePort } from '../devtools/free-port';
import { schemaDiffSql } from '../devtools/schema-sql';
import { projectRoot } from './provision';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error('usage: npm run db:migration -- <name_in_snake_case>');
  const scratch = mkdtempSync(path.join(tmpdir(), 'koers-migration-'));
  chmodSync(scratch, 0o755); // PostgreSQL, run as an unprivileged user when we are root, must reach its data dir
  const previous = path.join(scratch, 'previous.prisma');
  writeFileSync(previous, execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { cwd: projectRoot }));

  const database = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), port: await freePort(), ephemeral: true });
  try {
    const sql = await schemaDiffSql(database.url, { schemaFile: previous });
    if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
      console.log('prisma/schema.prisma matches HEAD: no migration needed');
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(projectRoot, 'prisma/migrations', `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'migration.sql'), sql);
    console.log(`wrote ${path.relative(projectRoot, dir)}/migration.sql: review it, then commit it with the schema`);
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
