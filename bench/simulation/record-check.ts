/**
 * Whether the simulation's report says what the record holds. The office's KPIs (built by
 * services/office/reports.ts) are counted again here in plain SQL, straight from the tables; the
 * places per school year must add up; no trajectory may hold more schools than it has places.
 * `npm run simulate` prints the outcome with its report; the workflow test asserts it.
 */
import type { Db } from '../../platform/db';
import type { SimulationResult } from './decade';

export interface RecordCheck {
  /** Every figure of the report agrees with the record. */
  exact: boolean;
  /** KPIs counted again from the record; as many as the report has with a count. */
  kpisCompared: number;
  /** What disagrees, in words; empty when exact. */
  mismatches: string[];
}

type CountBySector = { sector: string; count: bigint }[];

export async function checkAgainstRecord(db: Db, result: Pick<SimulationResult, 'reports' | 'places'>): Promise<RecordCheck> {
  const [expertschools, schools, courses, overbooked] = await Promise.all([
    db.$queryRaw<CountBySector>`
      SELECT s."sector"::text AS "sector", count(DISTINCT a."journeyId") AS "count"
        FROM "AspirantYear" a JOIN "Journey" j ON j."id" = a."journeyId" JOIN "School" s ON s."brin" = j."brin"
       WHERE a."outcome" = 'expertschool' GROUP BY 1`,
    db.$queryRaw<CountBySector>`
      SELECT s."sector"::text AS "sector", count(DISTINCT j."brin") AS "count"
        FROM "Journey" j JOIN "School" s ON s."brin" = j."brin"
       WHERE j."track" = 'ontwikkelschool' AND j."outcome" = 'completed' GROUP BY 1`,
    db.$queryRaw<CountBySector>`
      SELECT s."sector"::text AS "sector", count(*) AS "count"
        FROM "HubTrajectory" t JOIN "HubYear" h ON h."id" = t."hubId" JOIN "School" s ON s."brin" = h."brin"
       WHERE h."status" = 'closed' AND EXISTS (SELECT 1 FROM "TrajectoryEnrolment" e WHERE e."trajectoryId" = t."id" AND e."status" = 'enrolled')
       GROUP BY 1`,
    db.$queryRaw<{ id: string; places: number; enrolled: bigint }[]>`
      SELECT t."id", t."places", count(*) AS "enrolled"
        FROM "HubTrajectory" t JOIN "TrajectoryEnrolment" e ON e."trajectoryId" = t."id" AND e."status" = 'enrolled'
       GROUP BY t."id", t."places" HAVING count(*) > t."places"`,
  ]);
  const counted: Record<string, CountBySector> = { expertschools_trained: expertschools, schools_trained: schools, courses_given: courses };
  const mismatches: string[] = [];
  let kpisCompared = 0;
  for (const kpi of result.reports.kpis) {
    const rows = counted[kpi.key];
    if (!rows || kpi.actual === null) continue;
    kpisCompared++;
    const inRecord = Number(rows.find((r) => r.sector === kpi.sector)?.count ?? 0n);
    if (kpi.actual !== inRecord) mismatches.push(`${kpi.key} ${kpi.sector}: report ${kpi.actual}, record ${inRecord}`);
  }
  for (const p of result.places) {
    if (p.enrolled + p.unplaced !== p.schoolsWanting)
      mismatches.push(`${p.schoolYear}: enrolled ${p.enrolled} + unplaced ${p.unplaced} ≠ wanting ${p.schoolsWanting}`);
    if (p.placesNeeded !== Math.max(0, p.schoolsWanting - p.placesOffered)) mismatches.push(`${p.schoolYear}: places needed ${p.placesNeeded}`);
    const afterYear = [p.completed, p.stopped, p.withoutPlace];
    if (afterYear.every((n) => n !== null) && afterYear.reduce<number>((sum, n) => sum + n!, 0) !== p.schoolsWanting) {
      mismatches.push(`${p.schoolYear}: completed, stopped and never placed do not add up to the ${p.schoolsWanting} that wanted a place`);
    }
  }
  const completedInYears = result.places.reduce((sum, p) => sum + (p.completed ?? 0), 0);
  const completedInRecord = schools.reduce((sum, r) => sum + Number(r.count), 0);
  if (completedInYears !== completedInRecord) mismatches.push(`learning years completed: ${completedInYears} over the years, ${completedInRecord} on record`);
  for (const t of overbooked) mismatches.push(`trajectory ${t.id}: ${t.enrolled} enrolled in ${t.places} places`);
  return { exact: mismatches.length === 0, kpisCompared, mismatches };
}
