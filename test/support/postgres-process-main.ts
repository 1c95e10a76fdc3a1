/**
 * `tsx test/support/postgres-process-main.ts <dataDir> <port> [migrate]`: starts embedded PostgreSQL,
 * prints its URL as one JSON line, and stops it on SIGTERM. Started by postgres-process.ts.
 */
import { startEmbeddedPostgres } from '../../devtools/embedded-postgres';
import { migrateDatabase } from '../../platform/migrate';

const [dataDir, port, migrate] = process.argv.slice(2);
void (async () => {
  const database = await startEmbeddedPostgres({ dataDir: dataDir!, port: Number(port) });
  if (migrate === 'migrate') await migrateDatabase(database.url);
  process.once('SIGTERM', () => {
    void database.stop().then(() => process.exit(0));
  });
  console.log(JSON.stringify({ url: database.url }));
})();
