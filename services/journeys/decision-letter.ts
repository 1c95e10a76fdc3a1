/**
 * The decision letter of an application, read from the stored record: the application with its
 * decision, its round and the journey. The decision mail, its PDF attachment (made again at every
 * delivery) and the office's download all start here, so they always say the same.
 */
import { decisionLetter, type DecisionFacts, type DecisionLetter } from '../../domain/decision-letter';
import { SubsidyRates, subsidyRatesFor } from '../../domain/subsidy-rates';
import { renderDecisionLetterPdf } from '../../mail/decision-letter-pdf';
import type { Db, Prisma } from '../../platform/db';

type Reader = Db | Prisma.TransactionClient;

/** The facts of the latest decided application of a journey (or of the one named), or null before a decision. */
export async function loadDecisionFacts(db: Reader, where: { applicationId: string } | { journeyId: string }): Promise<DecisionFacts | null> {
  const application = await db.application.findFirst({
    where: { ...('applicationId' in where ? { id: where.applicationId } : { journeyId: where.journeyId }), decision: { not: null } },
    orderBy: { decidedAt: 'desc' },
    include: { trajectories: { orderBy: { position: 'asc' } }, journey: { include: { school: true } } },
  });
  if (!application?.decision || !application.decidedAt) return null;
  const { journey } = application;
  if (journey.track !== 'expertschool' && journey.track !== 'ontwikkelschool') return null;
  const round = await db.subsidyRound.findUnique({ where: { id: application.roundId }, select: { name: true, rates: true } });
  const rates = SubsidyRates.safeParse(round?.rates);
  // The aspirant year is behind a school that said so at the start, or that comes back after a hub year.
  const started = await db.auditEvent.findFirst({ where: { journeyId: journey.id, type: 'journey_started' }, select: { data: true } });
  const saidAspirantYearBehind = (started?.data as { hasAspirantYearBehind?: unknown } | null)?.hasAspirantYearBehind === true;
  return {
    applicationId: application.id,
    schoolName: journey.school.name,
    brin: journey.brin,
    track: journey.track,
    roundName: round?.name ?? `de subsidieronde voor schooljaar ${application.schoolYear}`,
    schoolYear: application.schoolYear,
    decision: application.decision === 'approved' ? 'approved' : 'rejected',
    reason: application.decisionReason ?? '',
    decidedAt: application.decidedAt.toISOString(),
    trajectories: application.trajectories.map(({ title, places }) => ({ title, places })),
    rates: journey.track === 'expertschool' ? (rates.success ? rates.data : (subsidyRatesFor(application.schoolYear) ?? null)) : null,
    hubYearNext: journey.cycle > 0 || saidAspirantYearBehind,
  };
}

export interface LetterDocument {
  letter: DecisionLetter;
  filename: string;
  content: Buffer;
}

/** The letter and its PDF, from the facts. */
export async function letterDocument(facts: DecisionFacts): Promise<LetterDocument> {
  const letter = decisionLetter(facts);
  return { letter, filename: letter.fileName, content: await renderDecisionLetterPdf(letter, facts.decidedAt) };
}

export const decisionLetterAttachment = (applicationId: string) => `decision-letter:${applicationId}`;

/** A mail's attachment, made from the record its outbox row names; a mail never goes without it. */
export async function renderAttachment(db: Db, attachment: string): Promise<{ filename: string; content: Buffer; contentType: string }> {
  const [kind, applicationId] = [attachment.slice(0, attachment.indexOf(':')), attachment.slice(attachment.indexOf(':') + 1)];
  if (kind !== 'decision-letter') throw new Error(`Unknown attachment kind: ${kind}`);
  const facts = await loadDecisionFacts(db, { applicationId });
  if (!facts) throw new Error(`No decision stored for application ${applicationId}`);
  const { filename, content } = await letterDocument(facts);
  return { filename, content, contentType: 'application/pdf' };
}
