/**
 * The learning trajectories an ontwikkelschool can choose from in a school year: those of hubs
 * still open, with how full each is, from the read model.
 */
import { Sector } from '../../domain/school';
import type { SchoolYear } from '../../domain/school-year';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';

export const OpenTrajectory = z
  .object({
    trajectoryId: z.string(),
    hubId: z.string(),
    title: z.string(),
    places: z.number().int(),
    enrolled: z.number().int(),
    waiting: z.number().int(),
    /** Not taken and not held for an offer: a school asking now gets one at once (when nobody waits). */
    freePlaces: z.number().int(),
    expertschool: z.object({ brin: z.string(), name: z.string(), region: z.string(), sector: Sector }),
  })
  .openapi('OpenTrajectory');
export type OpenTrajectory = z.infer<typeof OpenTrajectory>;

/** How many schools have each status, per trajectory. */
export async function enrolmentCounts(db: Db, trajectoryIds: string[]): Promise<Map<string, Record<string, number>>> {
  const groups = await db.trajectoryEnrolment.groupBy({
    by: ['trajectoryId', 'status'],
    where: { trajectoryId: { in: trajectoryIds } },
    _count: { _all: true },
  });
  const counts = new Map<string, Record<string, number>>();
  for (const g of groups) counts.set(g.trajectoryId, { ...counts.get(g.trajectoryId), [g.status]: g._count._all });
  return counts;
}

/** Trajectories of the open hubs of a school year, by expertschool name, then in the order the expertschool gave them. */
export async function openTrajectories(db: Db, { schoolYear }: { schoolYear: SchoolYear }): Promise<OpenTrajectory[]> {
  const hubs = await db.hubYear.findMany({ where: { schoolYear, status: 'open' }, include: { trajectories: true } });
  const schools = new Map((await db.school.findMany({ where: { brin: { in: hubs.map((h) => h.brin) } } })).map((s) => [s.brin, s]));
  const trajectories = hubs.flatMap((hub) => hub.trajectories);
  const counts = await enrolmentCounts(
    db,
    trajectories.map((t) => t.id),
  );
  const rows = hubs.flatMap((hub) => {
    const school = schools.get(hub.brin);
    if (!school) return []; // not in the school register: nobody can be matched with it
    return hub.trajectories.map((t) => {
      const count = counts.get(t.id) ?? {};
      const [enrolled, waiting, offered] = [count.enrolled ?? 0, count.waiting ?? 0, count.offered ?? 0];
      return {
        position: t.position,
        trajectory: {
          trajectoryId: t.id,
          hubId: hub.id,
          title: t.title,
          places: t.places,
          enrolled,
          waiting,
          freePlaces: Math.max(0, t.places - enrolled - offered),
          expertschool: { brin: school.brin, name: school.name, region: school.region, sector: school.sector },
        },
      };
    });
  });
  rows.sort(
    (a, b) =>
      a.trajectory.expertschool.name.localeCompare(b.trajectory.expertschool.name, 'nl') ||
      a.trajectory.hubId.localeCompare(b.trajectory.hubId) ||
      a.position - b.position,
  );
  return rows.map((row) => row.trajectory);
}
