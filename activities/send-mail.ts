/**
 * The outbox: every mail Koers sends is first written as a row keyed by what it is about and why
 * (`${journeyId}/${purpose}`), then delivered from that row. However often an activity runs, a key
 * is written once and delivered once.
 */
import { createHash } from 'node:crypto';
import type { RenderedMail } from '../mail';
import type { Db, Prisma } from '../platform/db';
import type { Mailer } from '../platform/mailer';
import { renderAttachment } from '../services/journeys/decision-letter';

export interface MailKey {
  /** The outbox row's id: what the mail is about and why, e.g. `${journeyId}/${purpose}`. */
  key: string;
  journeyId: string | null;
  /** E.g. round-reminder-14d/2027-2028-voorjaar */
  purpose: string;
  /** ISO moment in workflow time at which the mail was asked for. */
  requestedAt: string;
}

/** What goes out: the recipient, the rendered mail, and an optional calendar invitation. */
export interface MailContent {
  to: string;
  mail: RenderedMail;
  /** iCalendar text (METHOD:REQUEST), sent as the mail's invitation. */
  icalEvent?: string | undefined;
  /** A document made at delivery from the record it names (activities/decision-letter.ts), e.g. decision-letter:<application id>. */
  attachment?: string | undefined;
}

export type SendMailRequest = MailKey & MailContent;

export interface SendMailResult {
  messageId: string;
  /** false: it had been sent before, by an earlier attempt or request with the same key. */
  sentNow: boolean;
}

/** The Message-ID of the mail with this key: the same on every attempt, so a resend is recognisable. */
export function messageIdFor(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex')}@koers>`;
}

/**
 * Writes the mail with this key to the outbox unless it is there already. `compose` runs inside
 * the same transaction: what it creates alongside (a link token) exists exactly when the mail that
 * carries it does. A row already there (a retried activity) fails the insert and rolls back what
 * compose made; the first attempt, the usual case, pays no extra read to find that out.
 */
export async function enqueueMail(db: Db, key: MailKey, compose: (tx: Prisma.TransactionClient) => Promise<MailContent>): Promise<void> {
  const exists = () => db.outboxMail.count({ where: { id: key.key } }).then((n) => n > 0);
  try {
    await db.$transaction(async (tx) => {
      const { to, mail, icalEvent, attachment } = await compose(tx);
      await tx.outboxMail.create({
        data: {
          id: key.key,
          journeyId: key.journeyId,
          purpose: key.purpose,
          to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          icalEvent: icalEvent ?? null,
          attachment: attachment ?? null,
          status: 'pending',
          requestedAt: new Date(key.requestedAt),
        },
      });
    });
  } catch (error) {
    // Another attempt wrote it first (and this transaction, with its link, was rolled back).
    if (!(await exists())) throw error;
  }
}

/**
 * Rows whose mail a mailer's server accepted but that could not be marked sent (the database went
 * away in between), with the moment of acceptance. Only this process knows the mail went out.
 */
const acceptedUnrecorded = new WeakMap<Mailer, Map<string, Date>>();

/**
 * How long one delivery attempt holds its row, renewed while it sends. Well beyond a pause between
 * renewals, short enough that the retry after a killed worker does not wait long for it.
 */
export const MAIL_LEASE_MS = 20_000;
const LEASE_RENEWAL_MS = 2_000;

/** Thrown when another attempt holds the row and may still be sending: Temporal retries later. */
export class MailLeasedError extends Error {
  constructor(id: string) {
    super(`Mail ${id} is being sent by another attempt; trying again once its lease has ended`);
    this.name = 'MailLeasedError';
  }
}

interface ClaimedRow {
  to: string;
  subject: string;
  text: string;
  html: string;
  icalEvent: string | null;
  /** A document made again at every attempt from the record it names (see decision-letter.ts). */
  attachment: string | null;
  attempts: number;
}

/**
 * Claims a pending row for one attempt: in one UPDATE, only when no other attempt's lease runs
 * (database time, the same for every worker). The attempt number it returns owns the lease.
 */
async function claim(db: Db, id: string): Promise<ClaimedRow | null> {
  const [row] = await db.$queryRaw<ClaimedRow[]>`
    UPDATE "OutboxMail"
       SET "attempts" = "attempts" + 1,
           "leaseUntil" = (now() AT TIME ZONE 'UTC') + ${MAIL_LEASE_MS} * interval '1 millisecond'
     WHERE "id" = ${id} AND "status" = 'pending'
       AND ("leaseUntil" IS NULL OR "leaseUntil" < (now() AT TIME ZONE 'UTC'))
     RETURNING "to", "subject", "text", "html", "icalEvent", "attachment", "attempts"`;
  return row ?? null;
}

/** Extends this attempt's lease while it sends; a renewal that fails (database away) is let go. */
function renewWhileSending(db: Db, id: string, attempt: number): () => void {
  const timer = setInterval(() => {
    db.$executeRaw`
      UPDATE "OutboxMail" SET "leaseUntil" = (now() AT TIME ZONE 'UTC') + ${MAIL_LEASE_MS} * interval '1 millisecond'
       WHERE "id" = ${id} AND "status" = 'pending' AND "attempts" = ${attempt}`.catch(() => undefined);
  }, LEASE_RENEWAL_MS);
  return () => clearInterval(timer);
}

/**
 * Delivers the outbox row with this key unless it was delivered before. One attempt at a time: an
 * attempt claims the row with a lease (renewed while it sends), and an attempt that finds another's
 * lease running throws MailLeasedError instead of sending. A failed send is counted, its error kept
 * on the row, its lease released, and thrown so that Temporal retries. The row is marked sent right
 * after the server's 250; when that fails, a retry in the same process only marks it sent. A worker
 * that dies in between sends again once the lease has run out, under the same Message-ID: the
 * server's acceptance is known nowhere else.
 */
export async function deliverMail({ db, mailer }: { db: Db; mailer: Mailer }, id: string): Promise<SendMailResult> {
  const messageId = messageIdFor(id);
  const accepted = acceptedUnrecorded.get(mailer) ?? new Map<string, Date>();
  acceptedUnrecorded.set(mailer, accepted);
  const acceptedAt = accepted.get(id);
  if (acceptedAt) {
    // This process saw the server accept it: only the record is missing, whoever holds the lease.
    await db.outboxMail.updateMany({ where: { id, status: 'pending' }, data: { status: 'sent', sentAt: acceptedAt, messageId, leaseUntil: null } });
    accepted.delete(id);
    return { messageId, sentNow: false };
  }

  const row = await claim(db, id);
  if (!row) {
    const current = await db.outboxMail.findUniqueOrThrow({ where: { id } });
    if (current.status === 'sent') return { messageId: current.messageId ?? messageId, sentNow: false };
    throw new MailLeasedError(id);
  }

  const stopRenewing = renewWhileSending(db, id, row.attempts);
  try {
    // Made again from the stored record at every attempt: the same bytes, never kept in the outbox.
    const attachments = row.attachment ? [await renderAttachment(db, row.attachment)] : undefined;
    await mailer.send({ to: row.to, subject: row.subject, text: row.text, html: row.html, icalEvent: row.icalEvent ?? undefined, attachments, messageId });
  } catch (error) {
    stopRenewing();
    const lastError = describeSmtpError(error, row.to);
    // The send has ended, so the next attempt need not wait for the lease.
    await db.outboxMail.update({ where: { id }, data: { lastError, leaseUntil: null } });
    throw new Error(`Sending mail ${id} failed: ${lastError}`);
  }
  stopRenewing();
  const sentAt = new Date();
  accepted.set(id, sentAt);
  await db.outboxMail.update({ where: { id }, data: { status: 'sent', sentAt, messageId, leaseUntil: null } });
  accepted.delete(id);
  return { messageId, sentNow: true };
}

/** Writes a ready mail to the outbox (once per key) and delivers it (once). */
export async function sendMail(deps: { db: Db; mailer: Mailer }, { to, mail, icalEvent, attachment, ...key }: SendMailRequest): Promise<SendMailResult> {
  await enqueueMail(deps.db, key, async () => ({ to, mail, icalEvent, attachment }));
  return deliverMail(deps, key.key);
}

/** The error as the server or the network put it, with the recipient's address taken out. */
function describeSmtpError(error: unknown, to: string): string {
  const { code, responseCode, message } = (error ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const text = [
    typeof code === 'string' ? code : null,
    typeof responseCode === 'number' ? String(responseCode) : null,
    typeof message === 'string' ? message : String(error),
  ]
    .filter((part): part is string => part !== null)
    .join(' ');
  return text.split(to).join('[ontvanger]').slice(0, 1_000);
}
