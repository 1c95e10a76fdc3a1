/**
 * What an ontwikkelschool's journey needs to know about a trajectory it chose: read from the hubs'
 * record, so the journey can name it in its view and mails and check it is one of its year.
 */
import type { Db } from '../platform/db';

export interface TrajectoryDescription {
  title: string;
  expertschoolName: string;
  schoolYear: string;
}

export async function describeTrajectory(db: Db, trajectoryId: string): Promise<TrajectoryDescription | null> {
  const trajectory = await db.hubTrajectory.findUnique({ where: { id: trajectoryId }, include: { hub: true } });
  if (!trajectory) return null;
  const expertschool = await db.school.findUnique({ where: { brin: trajectory.hub.brin }, select: { name: true } });
  return { title: trajectory.title, expertschoolName: expertschool?.name ?? trajectory.hub.brin, schoolYear: trajectory.hub.schoolYear };
}
