/**
 * A record the size of a national programme for the office's overview, made by PostgreSQL itself
 * (INSERT … SELECT generate_series: 100,000 cases in seconds). The dashboard bench measures on it
 * and the query-plan test explains the overview's queries on it, so both see the same shape.
 */
import { JourneyPhase, Track, WaitingFor } from '../domain/journey';
import type { Db } from '../platform/db';
import { REGIONS } from '../bench/simulation/schools';

export interface OverviewSeed {
  schools: number;
  /** Cases spread over the schools: several tracks and cycles per school, as years go by. */
  cases: number;
  /** The moment deadlines and "waiting since" are counted from. */
  now?: Date;
}

const PHASES = JourneyPhase.options;
/** A BRIN is two digits and two letters: 67,600 schools at most. */
export const MAX_SCHOOLS = 67_600;

/** School i's BRIN, in SQL (i an integer expression); the same as bench/pure.ts brinFor. */
const brinSql = (i: string) => `lpad((${i} % 100)::text, 2, '0') || chr(65 + (${i} / 100) % 26) || chr(65 + (${i} / 2600) % 26)`;
const list = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;

/**
 * Schools "Basisschool <i> <region>" in every sector and region (independently of each other),
 * and cases in every track, phase and waiting state, with deadlines from a month past to three months
 * ahead; every 7th case has a form (every 10th of those missed), every 45th a school's own request
 * (every other one planned already). Then VACUUM ANALYZE, so the planner knows what it plans for.
 */
export async function seedOverview(db: Db, { schools, cases, now = new Date() }: OverviewSeed): Promise<void> {
  if (schools > MAX_SCHOOLS) throw new Error(`at most ${MAX_SCHOOLS} schools (BRIN codes)`);
  const at = `'${now.toISOString()}'::timestamptz`;
  await db.$executeRawUnsafe(`
    INSERT INTO "School" (brin, name, sector, region, "contactEmail", "inspectionRating", "equalAccessMarkers", "updatedAt")
    SELECT ${brinSql('i')}, 'Basisschool ' || i || ' ' || (${list(REGIONS)})[1 + i % ${REGIONS.length}],
           (ARRAY['PO','VO','SO'])[1 + i % 3]::"Sector", (${list(REGIONS)})[1 + (i / 3) % ${REGIONS.length}],
           'school' || i || '@seed.example', 'goed', '{}', ${at}
      FROM generate_series(0, ${schools - 1}) i`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Journey" (id, brin, track, cycle, phase, "lastStep", "waitingFor", "nextDeadline", "roundId", "updatedAt", "startedAt")
    SELECT 'journey-seed-' || i, ${brinSql(`(i % ${schools})`)},
           (${list(Track.options)})[1 + i % ${Track.options.length}], i / ${schools},
           (${list(PHASES)})[1 + i % ${PHASES.length}], 3,
           CASE WHEN i % ${PHASES.length} = ${PHASES.length - 1} THEN NULL ELSE (${list(WaitingFor.options)})[1 + i % ${WaitingFor.options.length}] END,
           CASE WHEN i % 3 = 0 THEN NULL ELSE ${at} + ((i % 120) - 30) * interval '1 day' END,
           CASE WHEN i % 2 = 0 THEN 'ronde-' || (2024 + i % 3) END,
           ${at} - (i % 40) * interval '1 day', ${at} - (i % 700) * interval '1 day'
      FROM generate_series(0, ${cases - 1}) i`);
  await db.$executeRawUnsafe(`
    INSERT INTO "FormRequest" (id, "journeyId", kind, scope, "requestedAt", "dueAt", status)
    SELECT 'journey-seed-' || i || '/nulmeting', 'journey-seed-' || i, 'nulmeting', '2026-2027', ${at}, ${at},
           CASE WHEN i % 70 = 0 THEN 'missed' ELSE 'answered' END
      FROM generate_series(0, ${cases - 1}, 7) i`);
  await db.$executeRawUnsafe(`
    INSERT INTO "ConversationRequest" (id, "journeyId", brin, "schoolName", sector, region, "contactName", "contactEmail", "trackInterest", "hasAspirantYearBehind", question, outcome)
    SELECT 'request-seed-' || i, 'journey-seed-' || i, ${brinSql(`(i % ${schools})`)}, 'Basisschool ' || i, 'PO', 'Utrecht',
           'Contact', 'contact@seed.example', 'unsure', false, 'Graag een gesprek', 'started'
      FROM generate_series(0, ${cases - 1}, 45) i`);
  // Three steps per case; every other requested one has its conversation planned.
  await db.$executeRawUnsafe(`
    INSERT INTO "AuditEvent" (id, "journeyId", seq, at, actor, type, data)
    SELECT 'journey-seed-' || i || '/' || s, 'journey-seed-' || i, s, ${at}, 'office',
           CASE WHEN s = 2 AND i % 90 = 0 THEN 'conversation_planned' ELSE 'step_recorded' END, '{}'
      FROM generate_series(0, ${cases - 1}) i, generate_series(1, 3) s`);
  await db.$executeRawUnsafe('VACUUM ANALYZE');
}
