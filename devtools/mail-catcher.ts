/**
 * A local SMTP server that accepts every mail on 127.0.0.1 and keeps it, for `npm start` and for
 * tests: nothing leaves the machine. The server and its test controls (refuse, hold a mail) are
 * here; the kept mails in mail-catcher/mail-store.ts (with `dir`, also as .eml files read back at
 * the next start); with `httpPort`, the Dutch web pages in mail-catcher/viewer.ts list the mails
 * and show each one, and `/voorbeelden` renders every sample of the notice catalogue.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { openMailStore, type MailStore } from './mail-catcher/mail-store';
import { createViewer } from './mail-catcher/viewer';

export type { CaughtMail } from './mail-catcher/mail-store';

export interface MailCatcherOptions {
  /** 0: any free port (see `smtpPort` on the result). */
  smtpPort: number;
  /** Serve the web page on this port (0: any free port); none without it. */
  httpPort?: number;
  /** Keep every mail as an .eml file here, and read those back at start. */
  dir?: string;
}

export interface MailCatcher extends Omit<MailStore, 'keep'> {
  smtpPort: number;
  /** smtp://127.0.0.1:<port>, for SMTP_URL */
  smtpUrl: string;
  /** http://127.0.0.1:<port>, when httpPort was given */
  httpUrl: string | null;
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

export async function startMailCatcher({ smtpPort, httpPort, dir }: MailCatcherOptions): Promise<MailCatcher> {
  const store = await openMailStore(dir);
  let refusing = false;
  let hold: { reached: (sessionId: string) => void; released: Promise<void> } | null = null;
  const hungUp = new Set<string>();
  const hangUpWatchers = new Map<string, () => void>();

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
        store.keep(Buffer.concat(chunks), envelope).then(
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

  let http: Server | null = null;
  if (httpPort !== undefined) {
    http = createServer(createViewer(store.messages));
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
    messages: store.messages,
    waitFor: store.waitFor,
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
