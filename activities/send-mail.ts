import { createHash } from 'node:crypto';
import type { RenderedMail } from '../mail';
import type { Db } from '../platform/db';
import type { Mailer } from '../platform/mailer';

export interface SendMailRequest {
  /** The outbox row's id: what the mail is about and why, e.g. `${journeyId}/${purpose}`. */
  key: string;
  journeyId: string | null;
  /** E.g. round-reminder-14d/2027-2028-voorjaar */
  purpose: string;
  to: string;
  mail: RenderedMail;
  /** ISO moment in workflow time at which the mail was asked for. */
  requestedAt: string;
}

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
 * Sends the mail with this key at most once through the outbox: the first request writes the
 * row (later requests with the same key do not change it, and the row's content is what is sent);
 * a sent row is never sent again. A failed send is counted, its error kept on the row, and thrown
 * so that Temporal retries. A crash between the server's acceptance and marking the row sent makes
 * the next attempt send again, under the same Message-ID.
 */
export async function sendMail({ db, mailer }: { db: Db; mailer: Mailer }, request: SendMailRequest): Promise<SendMailResult> {
  const { key: id } = request;
  await db.outboxMail.createMany({
    data: [{
      id,
      journeyId: request.journeyId,
      purpose: request.purpose,
      to: request.to,
      subject: request.mail.subject,
      text: request.mail.text,
      html: request.mail.html,
      status: 'pending',
      requestedAt: new Date(request.requestedAt),
    }],
    skipDuplicates: true,
  });
  // Counting the attempt only while pending also catches an attempt that finished meanwhile.
  const claimed = await db.outboxMail.updateMany({ where: { id, status: 'pending' }, data: { attempts: { increment: 1 } } });
  const row = await db.outboxMail.findUniqueOrThrow({ where: { id } });
  const messageId = messageIdFor(id);
  if (claimed.count === 0) return { messageId: row.messageId ?? messageId, sentNow: false };

  try {
    await mailer.send({ to: row.to, subject: row.subject, text: row.text, html: row.html, messageId });
  } catch (error) {
    const lastError = describeSmtpError(error, row.to);
    await db.outboxMail.update({ where: { id }, data: { lastError } });
    throw new Error(`Sending mail ${id} failed: ${lastError}`);
  }
  await db.outboxMail.update({ where: { id }, data: { status: 'sent', sentAt: new Date(), messageId } });
  return { messageId, sentNow: true };
}

/** The error as the server or the network put it, with the recipient's address taken out. */
function describeSmtpError(error: unknown, to: string): string {
  const { code, responseCode, message } = (error ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const text = [typeof code === 'string' ? code : null, typeof responseCode === 'number' ? String(responseCode) : null, typeof message === 'string' ? message : String(error)]
    .filter((part): part is string => part !== null)
    .join(' ');
  return text.split(to).join('[ontvanger]').slice(0, 1_000);
}
