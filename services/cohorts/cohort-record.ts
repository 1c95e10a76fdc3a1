/** A cohort's record in PostgreSQL, as the API reads it and as its workflow and journeys are started with it. */
import { amsterdamInstant } from '../../domain/amsterdam-time';
import type { CohortInput, CohortStatus } from '../../domain/cohort';
import type { DbClient } from '../../platform/db';
import { AppError } from '../errors';

export interface CohortRecord {
  id: string;
  name: string;
  schoolYear: string;
  capacity: number;
  registrationClosesAt: Date;
  kickOffOn: Date;
  startDayOn: Date;
  status: string;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The kick-off and the start day begin at 09:00 in Amsterdam: the moments a journey counts down to. */
export const dayStartsAt = (date: string) => amsterdamInstant(`${date}T09:00`).toISOString();

export function cohortInputOf(row: CohortRecord): CohortInput {
  return {
    cohortId: row.id,
    name: row.name,
    schoolYear: row.schoolYear,
    capacity: row.capacity,
    registrationClosesAt: row.registrationClosesAt.toISOString(),
    kickOffOn: day(row.kickOffOn),
    startDayOn: day(row.startDayOn),
    kickOffAt: dayStartsAt(day(row.kickOffOn)),
    startDayAt: dayStartsAt(day(row.startDayOn)),
  };
}

/** The cohort as the office's lists show it. */
export function cohortSummary(row: CohortRecord) {
  const { cohortId, kickOffAt: _k, startDayAt: _s, ...rest } = cohortInputOf(row);
  return { id: cohortId, ...rest, status: row.status as CohortStatus };
}

export async function findCohort(db: DbClient, cohortId: string): Promise<CohortRecord> {
  const row = await db.developmentCohort.findUnique({ where: { id: cohortId } });
  if (!row) throw new AppError('cohort_not_found', `Er is geen cohort met id ${cohortId}.`);
  return row;
}

export async function findCohortInput(db: DbClient, cohortId: string): Promise<CohortInput> {
  return cohortInputOf(await findCohort(db, cohortId));
}
