/** The SQL between two Prisma schemas, so a new migration is written from the schema, not by hand. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const projectRoot = path.resolve(__dirname, '..');

/**
 * The SQL that takes a database from the schema in `from` (or from nothing) to prisma/schema.prisma
 * (`prisma migrate diff`). Prisma's offline engine needs a reachable database to run it, though it
 * changes nothing there.
 */
export async function schemaDiffSql(databaseUrl: string, from: { schemaFile: string } | 'empty'): Promise<string> {
  const fromArgs = from === 'empty' ? ['--from-empty'] : ['--from-schema-datamodel', from.schemaFile];
  const { stdout } = await promisify(execFile)(
    path.join(projectRoot, 'node_modules/.bin/prisma'),
    ['migrate', 'diff', ...fromArgs, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
    { cwd: projectRoot, env: { ...process.env, DATABASE_URL: databaseUrl } },
  );
  return stdout;
}
