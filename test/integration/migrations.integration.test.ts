/**
 * The migrations build exactly the database that prisma/schema.prisma describes: a schema change
 * without its migration (npm run db:migration) fails here.
 */
import { Client } from 'pg';
import { migrateDatabase } from '../../platform/migrate';
import { schemaDiffSql } from '../../devtools/schema-sql';
import { requiredEnv } from '../support/time-skipping';

function urlOf(database: string): string {
  const url = new URL(requiredEnv('DATABASE_URL'));
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Tables, columns, indexes and constraints, as text that compares equal when the schemas are. */
async function describeSchema(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const rows = await client.query<{ line: string }>(`
      SELECT format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, coalesce(column_default, '')) AS line
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      UNION ALL
      SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
      UNION ALL
      SELECT format('constraint %s %s', conname, pg_get_constraintdef(c.oid))
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND conname NOT LIKE '_prisma_migrations%'
      UNION ALL
      SELECT format('enum %s %s', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder))
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname
      ORDER BY 1`);
    return rows.rows.map((row) => row.line);
  });
}

test('migrations and schema.prisma describe the same database', async () => {
  const suffix = Date.now();
  const [fromMigrations, fromSchema] = [`migrations_${suffix}`, `schema_${suffix}`];
  await withClient(requiredEnv('DATABASE_URL'), async (client) => {
    await client.query(`CREATE DATABASE ${fromMigrations}`);
    await client.query(`CREATE DATABASE ${fromSchema}`);
  });

  await migrateDatabase(urlOf(fromMigrations));
  const sql = await schemaDiffSql(requiredEnv('DATABASE_URL'), 'empty');
  await withClient(urlOf(fromSchema), (client) => client.query(sql));

  const expected = await describeSchema(urlOf(fromSchema));
  expect(expected.length).toBeGreaterThan(50);
  expect(await describeSchema(urlOf(fromMigrations))).toEqual(expected);
});
