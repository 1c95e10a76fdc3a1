/**
 * The retention rule: some time after a journey closes, the personal data in its record is erased
 * (names and addresses of participants and team members, conversation reports and intake notes, the
 * remarks written in forms, the mails' addresses and bodies, the links), and the audit events that
 * carried them keep only their type. What the programme accounts for (phases, outcomes, amounts,
 * dates, the scores of measurements and evaluations) stays.
 */
import type { Db, Prisma } from '../../platform/db';

export const ERASED = '[verwijderd]';
const ERASED_ADDRESS = 'verwijderd@verwijderd.invalid';

/** Audit events whose data holds what a person wrote or who a person is. */
const PERSONAL_EVENTS = [
  'conversation_planned',
  'conversation_answered',
  'conversation_recorded',
  'intake_recorded',
  'round_joined',
  'application_saved',
  'application_decided',
  'expert_team_registered',
  'aspirant_outcome_recorded',
  'form_answered',
  'registration_submitted', // the school leader's name and address, the self-evaluation's remarks
  'cohort_place_granted',
];

export interface ErasureRun {
  /** Journeys whose personal data was erased in this run. */
  erased: number;
}

async function eraseJourney(tx: Prisma.TransactionClient, journeyId: string, now: Date): Promise<void> {
  const applications = { application: { journeyId } };
  await tx.applicationParticipant.updateMany({ where: applications, data: { name: ERASED, email: ERASED_ADDRESS } });
  await tx.expertTeamMember.updateMany({ where: { aspirantYear: { journeyId } }, data: { name: ERASED, email: ERASED_ADDRESS } });
  await tx.conversation.updateMany({ where: { journeyId }, data: { report: ERASED } });
  await tx.intakeOutcome.updateMany({ where: { journeyId }, data: { notes: ERASED } });
  // A form's scores are the programme's measurements; its remarks are what a person wrote.
  await tx.$executeRaw`UPDATE "FormRequest" SET answers = jsonb_set(answers, '{remarks}', to_jsonb(${ERASED}::text)) WHERE "journeyId" = ${journeyId} AND answers ? 'remarks'`;
  const events = await tx.auditEvent.findMany({ where: { journeyId, type: { in: PERSONAL_EVENTS } }, select: { id: true, type: true } });
  for (const event of events) await tx.auditEvent.update({ where: { id: event.id }, data: { data: { type: event.type, erased: true } } });
  await tx.outboxMail.updateMany({ where: { journeyId }, data: { to: ERASED_ADDRESS, text: '', html: '', icalEvent: null } });
  await tx.linkToken.deleteMany({ where: { journeyId } });
  await tx.stagedDraft.deleteMany({ where: { journeyId } });
  await tx.conversationRequest.updateMany({
    where: { journeyId },
    data: { contactName: ERASED, contactEmail: ERASED_ADDRESS, contactPhone: null, question: ERASED },
  });
  await tx.journey.update({ where: { id: journeyId }, data: { personalDataErasedAt: now } });
}

/** Erases, journey by journey (one transaction each), what the rule says is due; safe to run again. */
export async function erasePersonalDataOfClosedJourneys(db: Db, options: { now: Date; retentionDays: number; batch?: number }): Promise<ErasureRun> {
  const closedBefore = new Date(options.now.getTime() - options.retentionDays * 86_400_000);
  const due = await db.journey.findMany({
    where: { phase: 'closed', updatedAt: { lt: closedBefore }, personalDataErasedAt: null },
    select: { id: true },
    take: options.batch ?? 500,
  });
  for (const { id } of due) await db.$transaction((tx) => eraseJourney(tx, id, options.now));
  return { erased: due.length };
}
