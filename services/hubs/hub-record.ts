/**
 * Hubs as the read model keeps them: the office's list per school year, and a hub's view once its
 * workflow is gone (the record holds places and schools, not session notes or training topics).
 */
import { HubOutcomeChoice, HubStatus, KnowledgeSharingKind, type HubView } from '../../domain/hub';
import type { PlaceHolder, PlaceList } from '../../domain/places';
import { Sector } from '../../domain/school';
import { SchoolYear } from '../../domain/school-year';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import { enrolmentCounts } from './open-trajectories';

export const HubSummary = z
  .object({
    hubId: z.string(),
    journeyId: z.string(),
    schoolYear: SchoolYear,
    status: HubStatus,
    outcome: HubOutcomeChoice.nullable(),
    expertschool: z.object({ brin: z.string(), name: z.string(), region: z.string(), sector: Sector }),
    trajectories: z.number().int(),
    places: z.number().int(),
    enrolled: z.number().int(),
    waiting: z.number().int(),
    offered: z.number().int(),
    knowledgeSharing: z.number().int(),
  })
  .openapi('HubSummary');
export type HubSummary = z.infer<typeof HubSummary>;

/** The hubs of a school year, by expertschool name, with how full their trajectories are. */
export async function listHubs(db: Db, { schoolYear }: { schoolYear: SchoolYear }): Promise<HubSummary[]> {
  const hubs = await db.hubYear.findMany({
    where: { schoolYear },
    include: { trajectories: { select: { id: true, places: true } }, _count: { select: { sharing: true } } },
  });
  const schools = new Map((await db.school.findMany({ where: { brin: { in: hubs.map((h) => h.brin) } } })).map((s) => [s.brin, s]));
  const counts = await enrolmentCounts(
    db,
    hubs.flatMap((h) => h.trajectories.map((t) => t.id)),
  );
  const total = (hub: (typeof hubs)[number], status: string) => hub.trajectories.reduce((sum, t) => sum + (counts.get(t.id)?.[status] ?? 0), 0);
  const summaries = hubs.map((hub) => {
    const school = schools.get(hub.brin);
    return {
      hubId: hub.id,
      journeyId: hub.journeyId,
      schoolYear: hub.schoolYear,
      status: HubStatus.catch('open').parse(hub.status),
      outcome: HubOutcomeChoice.nullable().catch(null).parse(hub.outcome),
      expertschool: { brin: hub.brin, name: school?.name ?? hub.brin, region: school?.region ?? '', sector: school?.sector ?? 'PO' },
      trajectories: hub.trajectories.length,
      places: hub.trajectories.reduce((sum, t) => sum + t.places, 0),
      enrolled: total(hub, 'enrolled'),
      waiting: total(hub, 'waiting'),
      offered: total(hub, 'offered'),
      knowledgeSharing: hub._count.sharing,
    };
  });
  return summaries.sort((a, b) => a.expertschool.name.localeCompare(b.expertschool.name, 'nl') || a.hubId.localeCompare(b.hubId));
}

const iso = (d: Date) => d.toISOString();
const day = (d: Date) => d.toISOString().slice(0, 10);

/** A hub's view rebuilt from the record; null when there is no record of it. */
export async function hubFromRecord(db: Db, hubId: string): Promise<HubView | null> {
  const hub = await db.hubYear.findUnique({
    where: { id: hubId },
    include: { trajectories: { include: { enrolments: true }, orderBy: { position: 'asc' } }, sharing: { orderBy: { id: 'asc' } } },
  });
  if (!hub) return null;
  const brins = [hub.brin, ...hub.trajectories.flatMap((t) => t.enrolments.map((e) => e.brin))];
  const schools = new Map((await db.school.findMany({ where: { brin: { in: brins } } })).map((s) => [s.brin, s]));
  const school = schools.get(hub.brin);
  if (!school) return null;

  const trajectories = hub.trajectories.map((t) => {
    const holder = (e: (typeof t.enrolments)[number]): PlaceHolder => ({
      journeyId: e.journeyId,
      brin: e.brin,
      schoolName: schools.get(e.brin)?.name ?? e.brin,
      askedAt: iso(e.requestedAt),
    });
    const offered = t.enrolments.find((e) => e.status === 'offered');
    const list: PlaceList = {
      places: t.places,
      taken: t.enrolments.filter((e) => e.status === 'enrolled').map((e) => ({ ...holder(e), since: iso(e.enrolledAt ?? e.requestedAt) })),
      waiting: t.enrolments
        .filter((e) => e.status === 'waiting')
        .sort((a, b) => (a.waitingPosition ?? 0) - (b.waitingPosition ?? 0))
        .map(holder),
      offer: offered ? { holder: holder(offered), acceptBefore: iso(offered.offerExpiresAt ?? offered.requestedAt) } : null,
    };
    return {
      trajectoryId: t.id,
      position: t.position,
      title: t.title,
      places: t.places,
      list,
      startSession: t.startSessionOn ? { heldOn: day(t.startSessionOn), notes: '' } : null,
      trainings: [],
      trainingsGiven: t.trainingsGiven,
    };
  });
  const { equalAccessMarkers: _, createdAt: __, updatedAt: ___, ...snapshot } = school;
  const outcome = HubOutcomeChoice.safeParse(hub.outcome);
  return {
    hubId: hub.id,
    journeyId: hub.journeyId,
    school: { ...snapshot, inspectionRating: snapshot.inspectionRating as HubView['school']['inspectionRating'] },
    schoolYear: hub.schoolYear,
    status: HubStatus.catch('closed').parse(hub.status),
    trajectories,
    knowledgeSharing: hub.sharing.map((k) => ({
      kind: KnowledgeSharingKind.catch('other').parse(k.kind),
      title: k.title,
      heldOn: day(k.heldOn),
      attendees: k.attendees,
      recordedBy: k.recordedBy,
    })),
    // The record keeps who decided and why; the moment is that of its last change.
    outcome: outcome.success ? { outcome: outcome.data, reason: hub.outcomeReason ?? '', decidedBy: hub.decidedBy ?? '', decidedAt: iso(hub.updatedAt) } : null,
  };
}
