/**
 * Mails to a school about its journey, each sent once through the outbox under
 * `${journeyId}/${purpose}`. What each kind of notice says, its purpose and the link it carries are
 * in its entry of the notice catalogue (mail/catalogue.ts); this sender only carries them out. The
 * school's name and address are read here, not carried in the workflow, so they stay out of
 * Temporal's history; a link is created in the same transaction as the outbox row that carries it.
 */
import { mailLinkOf, issuePolicyLink, issueLink } from '../services/links/issue-link';
import { noticeKindOf, renderApplicationReminder, type NoticeContent, type SchoolNotice } from '../mail';
import type { NoticeRecord } from '../mail/notice';
import type { Db, Prisma } from '../platform/db';
import type { Mailer } from '../platform/mailer';
import { decisionLetterAttachment, loadDecisionFacts } from '../services/journeys/decision-letter';
import { deliverMail, enqueueMail, type MailContent, type MailKey } from './send-mail';
import type { RoundReminder } from './subsidy-rounds';

export type { NoticeContent, SchoolNotice };

export interface SchoolMailDependencies {
  db: Db;
  mailer: Mailer;
  /** Where links point: the API's public address. */
  publicUrl: string;
  /** The programme office's address, the organizer of calendar invitations. */
  organizerEmail: string;
}

type Tx = Prisma.TransactionClient;

/** Writes (once) and sends (once) the mail with this key, composed inside the outbox transaction. */
export async function sendOnce(deps: SchoolMailDependencies, key: MailKey, compose: (tx: Tx) => Promise<MailContent>): Promise<void> {
  await enqueueMail(deps.db, key, compose);
  await deliverMail(deps, key.key);
}

/** The school's name and the address its mail goes to, read when the mail is written. */
export const schoolOf = (tx: Tx, brin: string) => tx.school.findUniqueOrThrow({ where: { brin }, select: { name: true, contactEmail: true } });

/** What a notice may read of the journey's record, inside the outbox transaction. */
function recordOf(tx: Tx, deps: SchoolMailDependencies, notice: SchoolNotice, schoolName: string): NoticeRecord {
  return {
    schoolName,
    organizerEmail: deps.organizerEmail,
    track: async () => (await tx.journey.findUniqueOrThrow({ where: { id: notice.journeyId }, select: { track: true } })).track,
    async decision(applicationId) {
      const facts = await loadDecisionFacts(tx, { applicationId });
      if (!facts) throw new Error(`No decision stored yet for application ${applicationId}`);
      return { facts, attachment: decisionLetterAttachment(applicationId) };
    },
  };
}

export async function notifySchool(deps: SchoolMailDependencies, notice: SchoolNotice): Promise<void> {
  const entry = noticeKindOf(notice.kind);
  const purpose = entry.purpose(notice);
  const key = { key: `${notice.journeyId}/${purpose}`, journeyId: notice.journeyId, purpose, requestedAt: notice.requestedAt };
  await sendOnce(deps, key, async (tx) => {
    const school = await schoolOf(tx, notice.brin);
    const policy = entry.link(notice);
    const link = policy ? mailLinkOf(await issuePolicyLink(tx, deps.publicUrl, notice.journeyId, policy)) : null;
    const { mail, icalEvent, attachment } = await entry.compose(notice, recordOf(tx, deps, notice, school.name), link);
    return { to: school.contactEmail, mail, icalEvent, attachment };
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
    const { schoolName, roundName, closesAt, daysBefore: daysLeft } = reminder;
    return { to: reminder.to, mail: renderApplicationReminder({ schoolName, roundName, closesAt, daysLeft, ...mailLinkOf(issued) }) };
  });
}
