/**
 * Hands mail to an SMTP server (nodemailer), configured by SMTP_URL and MAIL_FROM. Timeouts are
 * bounded so that a send gives up well within its activity's start-to-close timeout; that two
 * attempts at the same mail never overlap is the outbox's lease (activities/send-mail.ts). Nothing here logs; addresses stay out of the logs.
 */
import nodemailer from 'nodemailer';
import { DEFAULT_MAIL_FROM } from './config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header, angle brackets included: the same mail always carries the same one. */
  messageId: string;
  /** An iCalendar invitation (METHOD:REQUEST) that calendar-aware clients offer to accept. */
  icalEvent?: string | undefined;
  /** Documents sent with the mail, e.g. the decision letter as a PDF. */
  attachments?: readonly MailAttachment[] | undefined;
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the mail; rejects with the server's or the network's error. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export interface MailerOptions {
  /** smtp://host:port, smtps://…, optionally with user:password@ */
  smtpUrl: string;
  /** MAIL_FROM; by default Ontwikkelkracht <noreply@ontwikkelkracht.example> */
  from?: string;
}

/** The longest one send may take (connect, greeting, each command): 10 + 10 + 30 seconds. */
export const MAILER_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

export function createMailer({ smtpUrl, from = DEFAULT_MAIL_FROM }: MailerOptions): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, ...MAILER_TIMEOUTS, logger: false, debug: false });
  return {
    async send({ to, subject, text, html, messageId, icalEvent, attachments }) {
      const info = await transport.sendMail({
        from,
        to,
        subject,
        text,
        html,
        messageId,
        ...(icalEvent ? { icalEvent: { method: 'REQUEST', filename: 'uitnodiging.ics', content: icalEvent } } : {}),
        ...(attachments?.length ? { attachments: attachments.map((a) => ({ ...a })) } : {}),
        // Tells auto-responders (out of office) not to answer.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return { messageId: info.messageId ?? messageId };
    },
    close() {
      transport.close();
    },
  };
}

/** For a worker built without a mailer: every send fails, saying so (and Temporal retries it). */
export const noMailer: Mailer = {
  send() {
    return Promise.reject(new Error('This worker has no mailer: pass one to createKoersWorker'));
  },
  close() {},
};
