/** The PostgreSQL client every process shares: Prisma on the pg driver adapter. */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;
export { Prisma } from '../generated/prisma/client';
/** What a query needs: the client, or a transaction of it (so a use case can run inside a caller's transaction). */
export type DbClient = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** A Prisma client on the pg driver adapter (Prisma's Rust-free engine: nothing native to download). */
export function createDb(databaseUrl: string, options: { maxConnections?: number } = {}): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 }) });
}
