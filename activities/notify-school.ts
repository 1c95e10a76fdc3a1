/**
 * Mails to a school about its journey, each sent once through the outbox under
 * `${journeyId}/${purpose}`. The school's name and address are read here, not carried in the
 * workflow, so they stay out of Temporal's history. A mail that asks the school to act carries a
 * new link for that step, created in the same transaction as the outbox row.
 */
import type { OpenRound, PlannedConversation } from '../domain/journey';
import type { SchoolYear } from '../domain/school-year';
import { schoolYearBounds } from '../domain/school-year';
import { issueLink, type IssuedLink, type LinkRequest } from '../links/issue-link';
import { renderApplicationReminder, renderConversationPlanned, renderExpertTeamRequested, renderRoundMissed, renderRoundOpened } from '../mail';
import { conversationInvitation } from '../mail/conversation-invitation';
import type { Db, Prisma } from '../platform/db';
import type { Mailer } from '../platform/mailer';
import { deliverMail, enqueueMail, type MailContent, type MailKey } from './send-mail';
import type { RoundReminder } from './subsidy-rounds';

export type NoticeContent =
  | { kind: 'round-opened' | 'round-missed'; round: OpenRound }
  | { kind: 'conversation-planned'; conversation: PlannedConversation }
  | { kind: 'expert-team-requested'; schoolYear: SchoolYear };

export type SchoolNotice = NoticeContent & {
  journeyId: string;
  brin: string;
  /** The journey's programme year: a conversation is planned anew each year. */
  cycle: number;
  /** Workflow time at which the journey asked for it. */
  requestedAt: string;
};

export interface SchoolMailDependencies {
  db: Db;
  mailer: Mailer;
  /** Where links point: the API's public address. */
  publicUrl: string;
  /** The programme office's address, the organizer of calendar invitations. */
  organizerEmail: string;
}

type Tx = Prisma.TransactionClient;

function purposeOf(notice: SchoolNotice): string {
  switch (notice.kind) {
    case 'round-opened':
    case 'round-missed':
      return `${notice.kind}/${notice.round.roundId}`;
    case 'conversation-planned':
      return `conversation-planned/${notice.cycle}-${notice.conversation.number}`;
    case 'expert-team-requested':
      return `expert-team-requested/${notice.schoolYear}`;
  }
}

/** Writes (once) and sends (once) the mail with this key, composed inside the outbox transaction. */
export async function sendOnce(deps: SchoolMailDependencies, key: MailKey, compose: (tx: Tx) => Promise<MailContent>): Promise<void> {
  await enqueueMail(deps.db, key, compose);
  await deliverMail(deps, key.key);
}

/** The school's name and the address its mail goes to, read when the mail is written. */
export const schoolOf = (tx: Tx, brin: string) => tx.school.findUniqueOrThrow({ where: { brin }, select: { name: true, contactEmail: true } });

export async function notifySchool(deps: SchoolMailDependencies, notice: SchoolNotice): Promise<void> {
  const purpose = purposeOf(notice);
  const key = { key: `${notice.journeyId}/${purpose}`, journeyId: notice.journeyId, purpose, requestedAt: notice.requestedAt };
  await sendOnce(deps, key, async (tx) => {
    const school = await schoolOf(tx, notice.brin);
    const link = (request: Omit<LinkRequest, 'journeyId'>): Promise<IssuedLink> => issueLink(tx, deps.publicUrl, { journeyId: notice.journeyId, ...request });
    const linkFields = ({ url, expiresAt }: IssuedLink) => ({ actionUrl: url, linkValidUntil: expiresAt.toISOString() });
    const to = school.contactEmail;
    switch (notice.kind) {
      case 'round-opened': {
        const { round } = notice;
        const issued = await link({ purpose: 'application', scope: round.roundId, stepEndsAt: new Date(round.closesAt), singleUse: false });
        const mail = renderRoundOpened({
          schoolName: school.name,
          roundName: roundName(round),
          schoolYear: round.schoolYear,
          closesAt: round.closesAt,
          ...linkFields(issued),
        });
        return { to, mail };
      }
      case 'round-missed':
        return { to, mail: renderRoundMissed({ schoolName: school.name, roundName: roundName(notice.round) }) };
      case 'conversation-planned': {
        const { conversation } = notice;
        // The earlier invitation's link answers a moment that no longer stands.
        await tx.linkToken.updateMany({
          where: { journeyId: notice.journeyId, purpose: 'conversation', revokedAt: null, usedAt: null },
          data: { revokedAt: new Date(), revokedBy: 'system: new moment planned' },
        });
        const issued = await link({
          purpose: 'conversation',
          scope: `${notice.cycle}-${conversation.number}`,
          stepEndsAt: new Date(conversation.startsAt),
          singleUse: true,
        });
        const details = {
          schoolName: school.name,
          kind: conversation.kind,
          startsAt: conversation.startsAt,
          durationMinutes: conversation.durationMinutes,
          location: conversation.location,
        };
        const mail = renderConversationPlanned({ ...details, isNewMoment: conversation.number > 1, ...linkFields(issued) });
        const icalEvent = conversationInvitation({
          ...details,
          uid: `${notice.journeyId}-conversation-${notice.cycle}@koers`,
          sequence: conversation.number - 1,
          url: issued.url,
          organizerEmail: deps.organizerEmail,
        });
        return { to, mail, icalEvent };
      }
      case 'expert-team-requested': {
        const stepEndsAt = schoolYearBounds(notice.schoolYear).end;
        const issued = await link({ purpose: 'expert-team', scope: notice.schoolYear, stepEndsAt, singleUse: true });
        return { to, mail: renderExpertTeamRequested({ schoolName: school.name, schoolYear: notice.schoolYear, ...linkFields(issued) }) };
      }
    }
  });
}

/** Reminds a school of its unsubmitted application, with a fresh link to it. */
export async function remindOfApplication(deps: SchoolMailDependencies, reminder: RoundReminder): Promise<void> {
  const purpose = `round-reminder-${reminder.daysBefore}d/${reminder.roundId}`;
  const key = { key: `${reminder.journeyId}/${purpose}`, journeyId: reminder.journeyId, purpose, requestedAt: reminder.remindAt };
  await sendOnce(deps, key, async (tx) => {
    const issued = await issueLink(tx, deps.publicUrl, {
      journeyId: reminder.journeyId,
      purpose: 'application',
      scope: reminder.roundId,
      stepEndsAt: new Date(reminder.closesAt),
      singleUse: false,
    });
    const mail = renderApplicationReminder({
      schoolName: reminder.schoolName,
      roundName: reminder.roundName,
      closesAt: reminder.closesAt,
      daysLeft: reminder.daysBefore,
      actionUrl: issued.url,
      linkValidUntil: issued.expiresAt.toISOString(),
    });
    return { to: reminder.to, mail };
  });
}

function roundName(round: OpenRound): string {
  return round.name ?? `subsidieronde ${round.schoolYear}`;
}
