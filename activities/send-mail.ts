/**
 * The outbox: every mail Koers sends is first written as a row keyed by what it is about and why
 * (`${journeyId}/${purpose}`), then delivered from that row. However often an activity runs, a key
 * is written once and delivered once.
 */
import { createHash } from 'node:crypto';
import type { RenderedMail } from '../mail';
import type { Db, Prisma } from '../platform/db';
import type { Mailer } from '../platform/mailer';
import { renderAttachment } from './decision-letter';

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
 * the same transaction, only when the row is new: what it creates alongside (a link token) exists
 * exactly when the mail that carries it does.
 */
export async function enqueueMail(db: Db, key: MailKey, compose: (tx: Prisma.TransactionClient) => Promise<MailContent>): Promise<void> {
  const exists = () => db.outboxMail.count({ where: { id: key.key } }).then((n) => n > 0);
  if (await exists()) return;
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
 * Delivers the outbox row with this key unless it was delivered before. A failed send is counted,
 * its error kept on the row, and thrown so that Temporal retries. When the server accepted the mail
 * but marking the row sent failed, a retry in the same process only marks it sent. A worker that
 * dies in between (or a retry on another worker) sends again, under the same Message-ID: the
 * server's acceptance is known nowhere else.
 */
export async function deliverMail({ db, mailer }: { db: Db; mailer: Mailer }, id: string): Promise<SendMailResult> {
  // Counting the attempt only while pending also catches an attempt that finished meanwhile.
  const claimed = await db.outboxMail.updateMany({ where: { id, status: 'pending' }, data: { attempts: { increment: 1 } } });
  const row = await db.outboxMail.findUniqueOrThrow({ where: { id } });
  const messageId = messageIdFor(id);
  if (claimed.count === 0) return { messageId: row.messageId ?? messageId, sentNow: false };

  const accepted = acceptedUnrecorded.get(mailer) ?? new Map<string, Date>();
  acceptedUnrecorded.set(mailer, accepted);
  const sentBefore = accepted.has(id);
  if (!sentBefore) {
    // Made again from the stored record at every attempt: the same bytes, never kept in the outbox.
    const attachments = row.attachment ? [await renderAttachment(db, row.attachment)] : undefined;
    try {
      await mailer.send({ to: row.to, subject: row.subject, text: row.text, html: row.html, icalEvent: row.icalEvent ?? undefined, attachments, messageId });
    } catch (error) {
      const lastError = describeSmtpError(error, row.to);
      await db.outboxMail.update({ where: { id }, data: { lastError } });
      throw new Error(`Sending mail ${id} failed: ${lastError}`);
    }
    accepted.set(id, new Date());
  }
  await db.outboxMail.update({ where: { id }, data: { status: 'sent', sentAt: accepted.get(id)!, messageId } });
  accepted.delete(id);
  return { messageId, sentNow: !sentBefore };
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
