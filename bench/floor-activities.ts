/**
 * The activities of the floors in bare-workflows.ts. The engine floor's only count, so it measures
 * Temporal carrying Koers's shape of work and none of the work itself. The storage floor's do the
 * least a durable journey must: each step one row written to PostgreSQL (one statement), each mail
 * one message handed to the SMTP server, on the same database, pool and mail catcher as Koers's.
 */
import type { Db } from '../platform/db';
import type { Mailer } from '../platform/mailer';

export const floorCounts = { stepsStored: 0 };

export const floorActivities = {
  async storeStep(): Promise<void> {
    floorCounts.stepsStored++;
  },
  async sendMail(): Promise<void> {},
};

export type FloorActivities = typeof floorActivities;

/** The storage floor's table, made by the bench in its own database; not part of Koers's schema. */
export const FLOOR_STEP_TABLE = `CREATE TABLE IF NOT EXISTS "FloorStep" ("key" text PRIMARY KEY, "storedAt" timestamptz NOT NULL DEFAULT now())`;

export function storageFloorActivities({ db, mailer }: { db: Db; mailer: Mailer }) {
  return {
    async storeStepInDatabase(key: string): Promise<void> {
      await db.$executeRaw`INSERT INTO "FloorStep" ("key") VALUES (${key}) ON CONFLICT DO NOTHING`;
    },
    async sendMailBySmtp(key: string): Promise<void> {
      await mailer.send({ to: 'school@floor.example', subject: 'Bericht', text: key, html: `<p>${key}</p>`, messageId: `<${key}@floor>` });
    },
  };
}

export type StorageFloorActivities = ReturnType<typeof storageFloorActivities>;
