/**
 * Everything Koers holds about one school, in one document: for a request under the AVG (GDPR), or
 * for the school's own file. Link tokens appear without their hashes; sessions and passwords of
 * staff are not about the school and stay out.
 */
import type { Db } from '../../platform/db';
import { officeAccessFor } from './office-access-log';

export async function exportSchool(db: Db, brin: string) {
  const school = await db.school.findUnique({ where: { brin } });
  if (!school) return null;
  const journeys = await db.journey.findMany({
    where: { brin },
    orderBy: { startedAt: 'asc' },
    include: {
      conversations: true,
      intakes: true,
      applications: { include: { participants: { orderBy: { position: 'asc' } }, sections: true, trajectories: { orderBy: { position: 'asc' } } } },
      aspirantYears: { include: { expertTeam: { orderBy: { position: 'asc' } } } },
      forms: { orderBy: { requestedAt: 'asc' } },
      developmentGroup: true,
      events: { orderBy: { seq: 'asc' } },
    },
  });
  const journeyIds = journeys.map((j) => j.id);
  const [enrolments, mails, links, access, conversationRequests] = await Promise.all([
    db.trajectoryEnrolment.findMany({ where: { journeyId: { in: journeyIds } }, orderBy: { requestedAt: 'asc' }, include: { trajectory: true } }),
    db.outboxMail.findMany({ where: { journeyId: { in: journeyIds } }, orderBy: { requestedAt: 'asc' } }),
    db.linkToken.findMany({ where: { journeyId: { in: journeyIds } }, orderBy: { createdAt: 'asc' }, omit: { tokenHash: true } }),
    officeAccessFor(db, { brin }, 10_000),
    // The school's own requests for the conversation, as whoever sent them typed them.
    db.conversationRequest.findMany({ where: { brin }, orderBy: { createdAt: 'asc' } }),
  ]);
  return { exportedAt: new Date().toISOString(), school, journeys, conversationRequests, enrolments, mails, links, officeAccess: access };
}
