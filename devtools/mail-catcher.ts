/**
 * A local SMTP server that accepts every mail on 127.0.0.1 and keeps it, for `npm start` and for
 * tests: nothing leaves the machine. With `dir`, each mail is also written as an .eml file and read
 * back at the next start. With `httpPort`, a small Dutch web page lists the mails (newest first)
 * and shows each one's text and HTML (in a sandboxed frame), so the programme office and a
 * developer can read what was sent; `/messages.json` gives the same as JSON and `/voorbeelden`
 * renders every template with its sample data.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { decisionLetter } from '../domain/decision-letter';
import { mailPreviews } from '../mail';
import { renderDecisionLetterPdf } from '../mail/decision-letter-pdf';
import { escapeHtml } from '../mail/layout';

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

export interface MailCatcherOptions {
  /** 0: any free port (see `smtpPort` on the result). */
  smtpPort: number;
  /** Serve the web page on this port (0: any free port); none without it. */
  httpPort?: number;
  /** Keep every mail as an .eml file here, and read those back at start. */
  dir?: string;
}

export interface MailCatcher {
  smtpPort: number;
  /** smtp://127.0.0.1:<port>, for SMTP_URL */
  smtpUrl: string;
  /** http://127.0.0.1:<port>, when httpPort was given */
  httpUrl: string | null;
  /** Every mail received (and read back from `dir`), oldest first. */
  messages(): CaughtMail[];
  /** The first mail, already here or still to come, that matches; rejects after `timeoutMs`. */
  waitFor(predicate?: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  /** While refusing, the server answers every MAIL FROM with 451 (try again later), as a relay that is down would. */
  setRefusing(refusing: boolean): void;
  /**
   * Leaves the next mail's end of data unanswered until `release()`, as a slow server would.
   * `held` resolves once the whole mail is in, `hungUp` once its client has gone. A client that
   * hangs up before the answer never had its mail accepted (RFC 5321: responsibility passes with
   * the 250 reply), so it is not kept.
   */
  holdNextMail(): { held: Promise<void>; release(): void; hungUp: Promise<void> };
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Trace headers the catcher adds in front of a mail it keeps, so that a restart restores them. */
const trace = { receivedAt: 'x-koers-received-at', envelopeFrom: 'x-koers-envelope-from', envelopeTo: 'x-koers-envelope-to' } as const;

export async function startMailCatcher({ smtpPort, httpPort, dir }: MailCatcherOptions): Promise<MailCatcher> {
  const mails: CaughtMail[] = dir ? await readKept(dir) : [];
  const waiters = new Set<(mail: CaughtMail) => void>();
  let refusing = false;
  let hold: { reached: (sessionId: string) => void; released: Promise<void> } | null = null;
  const hungUp = new Set<string>();
  const hangUpWatchers = new Map<string, () => void>();

  async function receive(raw: Buffer, envelope: CaughtMail['envelope']): Promise<void> {
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
  }

  const smtp = new SMTPServer({
    name: 'koers-mail-catcher',
    banner: 'Koers mail catcher: every mail stays on this machine',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    closeTimeout: 2_000,
    onMailFrom(_address, _session, callback) {
      if (!refusing) return callback();
      callback(Object.assign(new Error('Tijdelijk niet beschikbaar; probeer het later opnieuw'), { responseCode: 451 }));
    },
    onClose(session) {
      hungUp.add(session.id);
      hangUpWatchers.get(session.id)?.();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', async () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error('Bericht is te groot'), { responseCode: 552 }));
        const holding = hold;
        if (holding) {
          hold = null;
          holding.reached(session.id);
          await holding.released;
          if (hungUp.has(session.id)) return callback(new Error('The client hung up before the mail was accepted'));
        }
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
        };
        receive(Buffer.concat(chunks), envelope).then(
          () => callback(),
          (error: unknown) => callback(Object.assign(new Error(`Bewaren mislukt: ${String(error)}`), { responseCode: 451 })),
        );
      });
    },
  });
  // A client that dies mid-session (a worker killed while sending) resets its connection; the
  // server reports that as an 'error' event, which must not bring the catcher down with it.
  smtp.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(smtpPort, HOST, () => {
      smtp.server.off('error', reject);
      resolve();
    });
  });
  const actualSmtpPort = (smtp.server.address() as AddressInfo).port;

  const catcher = {
    messages: () => [...mails],
    waitFor(predicate: (mail: CaughtMail) => boolean = () => true, timeoutMs = 10_000): Promise<CaughtMail> {
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
  };

  let http: Server | null = null;
  if (httpPort !== undefined) {
    http = createServer(createViewer(catcher.messages));
    const server = http;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(httpPort, HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  return {
    smtpPort: actualSmtpPort,
    smtpUrl: `smtp://${HOST}:${actualSmtpPort}`,
    httpUrl: http ? `http://${HOST}:${(http.address() as AddressInfo).port}` : null,
    ...catcher,
    setRefusing(value: boolean) {
      refusing = value;
    },
    holdNextMail() {
      let reached!: (sessionId: string) => void;
      let release!: () => void;
      const heldSession = new Promise<string>((resolve) => (reached = resolve));
      hold = { reached, released: new Promise<void>((resolve) => (release = resolve)) };
      const hungUpNow = heldSession.then((id) => new Promise<void>((resolve) => (hungUp.has(id) ? resolve() : hangUpWatchers.set(id, resolve))));
      return { held: heldSession.then(() => undefined), release, hungUp: hungUpNow };
    },
    async stop() {
      const closing = [new Promise<void>((resolve) => smtp.close(() => resolve()))];
      if (http) {
        const server = http;
        closing.push(new Promise<void>((resolve) => server.close(() => resolve())));
        server.closeAllConnections();
      }
      await Promise.all(closing);
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

// ---------------------------------------------------------------------------------------------
// The web page

const shownAt = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'medium' });

/** The catcher's own pages: no scripts, frames only from itself. */
const pageSecurity = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; base-uri 'none'; form-action 'none'";
/** A mail's HTML, even when opened directly: sandboxed (no scripts, no forms, an origin of its own). */
const mailSecurity = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function createViewer(messages: () => CaughtMail[]): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    next();
  });
  const find = (id: string) => messages().find((mail) => mail.id === id);

  app.get('/', (_req, res) => {
    const newestFirst = messages().reverse();
    const rows = newestFirst
      .map(
        (mail) =>
          `<tr><td>${escapeHtml(shownAt.format(mail.receivedAt))}</td><td>${escapeHtml(mail.to || mail.envelope.to.join(', '))}</td>` +
          `<td><a href="/berichten/${encodeURIComponent(mail.id)}">${escapeHtml(mail.subject || '(geen onderwerp)')}</a></td></tr>`,
      )
      .join('\n');
    const list =
      newestFirst.length === 0
        ? '<p>Er zijn nog geen e-mails verstuurd.</p>'
        : `<table><caption>${newestFirst.length === 1 ? '1 e-mail' : `${newestFirst.length} e-mails`}, nieuwste bovenaan</caption>` +
          `<thead><tr><th scope="col">Ontvangen</th><th scope="col">Aan</th><th scope="col">Onderwerp</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
    sendPage(
      res,
      'Verstuurde e-mails',
      `<p>Alle e-mail die Koers op deze computer verstuurt, komt hier terecht; niets gaat naar buiten. <a href="/">Vernieuwen</a> · <a href="/voorbeelden">Voorbeelden van elke e-mail</a> · <a href="/messages.json">JSON</a></p>\n${list}`,
    );
  });

  app.get('/messages.json', (_req, res) => {
    // The bytes of attachments stay out of the JSON: their text is there, the file is on the mail's page.
    res.json(
      messages()
        .reverse()
        .map((mail) => ({ ...mail, attachments: mail.attachments.map(({ bytes: _bytes, ...attachment }) => attachment) })),
    );
  });

  app.get('/berichten/:id', (req, res) => {
    const mail = find(req.params.id);
    if (!mail) return sendNotFound(res);
    const facts = [
      ['Ontvangen', shownAt.format(mail.receivedAt)],
      ['Van', mail.from],
      ['Aan', mail.to],
      ['Envelop: aan', mail.envelope.to.join(', ')],
      ['Onderwerp', mail.subject],
      ['Message-ID', mail.messageId ?? '(geen)'],
    ]
      .map(([term, value]) => `<dt>${escapeHtml(term ?? '')}</dt><dd>${escapeHtml(value ?? '')}</dd>`)
      .join('\n');
    const html =
      mail.html === null
        ? '<p>Deze e-mail heeft geen HTML-versie.</p>'
        : `<iframe sandbox="" title="HTML-versie van de e-mail" src="/berichten/${encodeURIComponent(mail.id)}/html"></iframe>`;
    const files = mail.attachments
      .map((a, index) => (a.filename ? `<li><a href="/berichten/${encodeURIComponent(mail.id)}/bijlagen/${index}">${escapeHtml(a.filename)}</a></li>` : ''))
      .join('');
    sendPage(
      res,
      mail.subject || '(geen onderwerp)',
      `<p><a href="/">Terug naar alle e-mails</a></p>\n<dl>${facts}</dl>\n${files ? `<h2>Bijlagen</h2>\n<ul>${files}</ul>\n` : ''}<h2>HTML-versie</h2>\n${html}\n<h2>Tekstversie</h2>\n<pre>${escapeHtml(mail.text)}</pre>`,
    );
  });

  // An attachment as it was sent, e.g. the decision letter (PDF), to open or save.
  app.get('/berichten/:id/bijlagen/:index', (req, res) => {
    const attachment = find(req.params.id)?.attachments[Number(req.params.index)];
    if (!attachment?.filename) return sendNotFound(res);
    res.set({ 'Content-Security-Policy': mailSecurity, 'Content-Disposition': `inline; filename="${attachment.filename.replace(/[^\w.-]/g, '_')}"` });
    res.type(attachment.contentType).send(attachment.bytes);
  });

  app.get('/berichten/:id/html', (req, res) => {
    const mail = find(req.params.id);
    if (!mail || mail.html === null) return sendNotFound(res);
    res.set('Content-Security-Policy', mailSecurity).type('html').send(mail.html);
  });

  app.get('/voorbeelden', (_req, res) => {
    const sections = mailPreviews
      .map(({ kind, title, render, file, letter }) => {
        const mail = render();
        return (
          `<section aria-labelledby="${kind}"><h2 id="${kind}">${escapeHtml(title)} <small>(mail/${file ?? kind}.ts)</small></h2>` +
          `<p><strong>Onderwerp:</strong> ${escapeHtml(mail.subject)}</p>` +
          (letter ? `<p><strong>Bijlage:</strong> <a href="/voorbeelden/${kind}/brief.pdf">${escapeHtml(decisionLetter(letter).fileName)}</a></p>` : '') +
          `<iframe sandbox="" title="HTML-versie: ${escapeHtml(title)}" src="/voorbeelden/${kind}/html"></iframe>` +
          `<details><summary>Tekstversie</summary><pre>${escapeHtml(mail.text)}</pre></details></section>`
        );
      })
      .join('\n');
    sendPage(
      res,
      'Voorbeelden van elke e-mail',
      `<p><a href="/">Terug naar alle e-mails</a>. Elke e-mailsoort met voorbeeldgegevens, zoals de code hem nu opmaakt.</p>\n${sections}`,
    );
  });

  app.get('/voorbeelden/:kind/html', (req, res) => {
    const preview = mailPreviews.find(({ kind }) => kind === req.params.kind);
    if (!preview) return sendNotFound(res);
    res.set('Content-Security-Policy', mailSecurity).type('html').send(preview.render().html);
  });

  // The decision letter a sample decision mail carries, as the PDF the school receives.
  app.get('/voorbeelden/:kind/brief.pdf', async (req, res) => {
    const letter = mailPreviews.find(({ kind }) => kind === req.params.kind)?.letter;
    if (!letter) return sendNotFound(res);
    const rendered = decisionLetter(letter);
    res.set({ 'Content-Security-Policy': mailSecurity, 'Content-Disposition': `inline; filename="${rendered.fileName}"` });
    res.type('application/pdf').send(await renderDecisionLetterPdf(rendered, letter.decidedAt));
  });

  app.use((_req: express.Request, res: express.Response) => sendNotFound(res));
  return app;
}

function sendNotFound(res: express.Response): void {
  res.status(404);
  sendPage(res, 'Niet gevonden', '<p>Deze e-mail of pagina bestaat niet (meer). <a href="/">Naar alle e-mails</a></p>');
}

function sendPage(res: express.Response, title: string, body: string): void {
  res.set('Content-Security-Policy', pageSecurity).type('html').send(`<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Koers e-mail</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2937; line-height: 1.5; }
  table { border-collapse: collapse; width: 100%; }
  caption { text-align: left; padding: 0.5rem 0; color: #4b5563; }
  th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #d1d5db; vertical-align: top; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
  dt { font-weight: bold; }
  dd { margin: 0; overflow-wrap: anywhere; }
  pre { white-space: pre-wrap; background: #f3f4f6; padding: 1rem; border-radius: 4px; }
  iframe { width: 100%; height: 36rem; border: 1px solid #d1d5db; resize: vertical; }
  section { margin-bottom: 3rem; }
  a { color: #1d4f91; }
</style>
</head>
<body>
<header><p><strong>Koers</strong> · e-mail op deze computer</p></header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`);
}
