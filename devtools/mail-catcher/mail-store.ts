/**
 * The mail catcher's store: every mail it accepted, in memory and (with `dir`) as .eml files read
 * back at the next start, and the waiters tests use to wait for a mail to arrive.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';

export interface CaughtMail {
  /** Stable across restarts when kept in `dir` (it is the file's name). */
  id: string;
  receivedAt: Date;
  /** The SMTP envelope: who the server was told the mail is from and for. */
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  /** The headers as written, e.g. "Ontwikkelkracht <noreply@ontwikkelkracht.example>" */
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  /** Attached and alternative parts that are not the text or HTML, e.g. a calendar invitation. */
  attachments: { filename: string | null; contentType: string; content: string; /** The part's bytes, e.g. a PDF letter. */ bytes: Buffer }[];
}

export interface MailStore {
  /** Every mail received (and read back from `dir`), oldest first. */
  messages(): CaughtMail[];
  /** The first mail, already here or still to come, that matches; rejects after `timeoutMs`. */
  waitFor(predicate?: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  /** Keeps a mail the SMTP server accepted, with its envelope. */
  keep(raw: Buffer, envelope: CaughtMail['envelope']): Promise<void>;
}

/** Trace headers the catcher adds in front of a mail it keeps, so that a restart restores them. */
const trace = { receivedAt: 'x-koers-received-at', envelopeFrom: 'x-koers-envelope-from', envelopeTo: 'x-koers-envelope-to' } as const;

export async function openMailStore(dir: string | undefined): Promise<MailStore> {
  const mails: CaughtMail[] = dir ? await readKept(dir) : [];
  const waiters = new Set<(mail: CaughtMail) => void>();
  return {
    messages: () => [...mails],
    waitFor(predicate = () => true, timeoutMs = 10_000) {
      const present = mails.find(predicate);
      if (present) return Promise.resolve(present);
      return new Promise<CaughtMail>((resolve, reject) => {
        const waiter = (mail: CaughtMail) => {
          if (!predicate(mail)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching mail arrived within ${timeoutMs} ms (${mails.length} received in all)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async keep(raw, envelope) {
      const receivedAt = new Date();
      const id = `${receivedAt.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
      const traced = Buffer.concat([
        Buffer.from(
          `X-Koers-Received-At: ${receivedAt.toISOString()}\r\n` +
            `X-Koers-Envelope-From: ${envelope.from ?? ''}\r\n` +
            `X-Koers-Envelope-To: ${envelope.to.join(', ')}\r\n`,
        ),
        raw,
      ]);
      const mail = await parse(id, traced);
      if (dir) await writeFile(path.join(dir, `${id}.eml`), traced);
      mails.push(mail);
      for (const waiter of [...waiters]) waiter(mail);
    },
  };
}

async function readKept(dir: string): Promise<CaughtMail[]> {
  mkdirSync(dir, { recursive: true });
  const names = (await readdir(dir)).filter((name) => name.endsWith('.eml')).sort();
  const mails = await Promise.all(names.map(async (name) => parse(name.slice(0, -'.eml'.length), await readFile(path.join(dir, name)))));
  return mails.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

async function parse(id: string, raw: Buffer): Promise<CaughtMail> {
  const parsed = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines) {
    const separator = line.line.indexOf(':');
    headers[line.key] = line.line.slice(separator + 1).trim();
  }
  const receivedAt = new Date(headers[trace.receivedAt] ?? parsed.date ?? Date.now());
  const envelopeTo = headers[trace.envelopeTo];
  return {
    id,
    receivedAt: Number.isNaN(receivedAt.getTime()) ? new Date(0) : receivedAt,
    envelope: {
      from: headers[trace.envelopeFrom] || null,
      to: envelopeTo
        ? envelopeTo
            .split(',')
            .map((address) => address.trim())
            .filter(Boolean)
        : [],
    },
    messageId: parsed.messageId || null,
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    headers,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      content: a.content.toString('utf8'),
      bytes: a.content,
    })),
  };
}

function addressText(address: AddressObject | AddressObject[] | undefined): string {
  if (!address) return '';
  return (Array.isArray(address) ? address : [address]).map((a) => a.text).join(', ');
}
