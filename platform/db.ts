import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;
export { Prisma } from '../generated/prisma/client';

/** A Prisma client on the pg driver adapter (Prisma's Rust-free engine: nothing native to download). */
export function createDb(databaseUrl: string, options: { maxConnections?: number } = {}): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 }) });
}
