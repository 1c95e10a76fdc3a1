/**
 * The activities the worker registers, built from their dependencies. Each is safe to run twice.
 */
import type { Db } from '../platform/db';
import type { JourneyStep } from './journey-step';
import { recordJourneyStep } from './record-journey-step';

export interface ActivityDependencies {
  db: Db;
}

export function createActivities({ db }: ActivityDependencies) {
  return {
    async recordJourneyStep(step: JourneyStep): Promise<void> {
      await recordJourneyStep(db, step);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
