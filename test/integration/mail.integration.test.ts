/**
 * Mail through the outbox over real SMTP on loopback: the mail catcher as the server, nodemailer
 * as the client, PostgreSQL as the outbox. Sent once however often asked, retried after a failure,
 * readable on the catcher's page, kept across a catcher restart.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deliverMail, enqueueMail, MailLeasedError, messageIdFor, sendMail, type SendMailRequest } from '../../activities/send-mail';
import { mailPreviews, renderRoundOpened, type RenderedMail } from '../../mail';
import { escapeHtml } from '../../mail/layout';
import { roundOpenedSample } from '../../mail/round-opened';
import { createTestDatabase } from '../support/database';
import { createDb, type Db } from '../../platform/db';
import { freePort } from '../../devtools/free-port';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../../devtools/mail-catcher';
import { createMailer, type Mailer } from '../../platform/mailer';

const from = 'Ontwikkelkracht <noreply@ontwikkelkracht.example>';
let db: Db;
let catcher: MailCatcher;
let mailer: Mailer;

beforeAll(async () => {
  // A database of its own: the migrated one is the template other files copy theirs from.
  db = createDb(await createTestDatabase());
  catcher = await startMailCatcher({ smtpPort: await freePort(), httpPort: await freePort() });
  mailer = createMailer({ smtpUrl: catcher.smtpUrl, from });
});
afterAll(async () => {
  mailer?.close();
  await catcher?.stop();
  await db?.$disconnect();
});
afterEach(() => catcher.setRefusing(false));

/** A request about a journey of its own, to an address of its own, so tests do not see each other's mail. */
function request(mail: RenderedMail = renderRoundOpened(roundOpenedSample)): SendMailRequest {
  const journeyId = `journey-expertschool-${randomUUID().slice(0, 8)}`;
  const purpose = 'round-opened/2027-2028-voorjaar';
  return {
    key: `${journeyId}/${purpose}`,
    journeyId,
    purpose,
    to: `directie-${randomUUID().slice(0, 8)}@regenboog.example`,
    mail,
    requestedAt: '2027-04-01T08:00:00.000Z',
  };
}
const to = (address: string) => (mail: CaughtMail) => mail.envelope.to.includes(address);
/** A send resolves once the catcher has stored the mail: what is not here by then was not sent. */
const received = (address: string) => catcher.messages().filter(to(address));

test('a mail sent through the outbox arrives once, parsed, in Dutch, with the Message-ID of its key', async () => {
  const req = request();
  const result = await sendMail({ db, mailer }, req);
  expect(result).toEqual({ messageId: messageIdFor(req.key), sentNow: true });
  expect(messageIdFor(req.key)).toMatch(/^<[0-9a-f]{64}@koers>$/);

  const mail = await catcher.waitFor(to(req.to), 5_000);
  expect(received(req.to)).toHaveLength(1);
  expect(mail).toMatchObject({
    messageId: messageIdFor(req.key),
    from: '"Ontwikkelkracht" <noreply@ontwikkelkracht.example>',
    to: req.to,
    envelope: { from: 'noreply@ontwikkelkracht.example', to: [req.to] },
    subject: 'Aanvraagronde Voorjaar 2027 is geopend',
  });
  expect(mail.text).toContain('Dien uw aanvraag in vóór vrijdag 14 mei 2027 om 17:00.');
  expect(mail.html).toContain('<html lang="nl">');
  expect(mail.html).toContain('Dien uw aanvraag in vóór vrijdag 14 mei 2027 om 17:00.');
  expect(mail.headers['auto-submitted']).toBe('auto-generated');

  const row = await db.outboxMail.findUniqueOrThrow({ where: { id: req.key } });
  expect(row).toMatchObject({
    journeyId: req.journeyId,
    purpose: req.purpose,
    to: req.to,
    status: 'sent',
    attempts: 1,
    lastError: null,
    messageId: messageIdFor(req.key),
  });
  expect(row.requestedAt.toISOString()).toBe(req.requestedAt);
  expect(row.sentAt).toBeInstanceOf(Date);
});

test('asked twice with the same key (a retried activity, a second request), the mail is sent once', async () => {
  const req = request();
  await expect(sendMail({ db, mailer }, req)).resolves.toMatchObject({ sentNow: true });
  // The second request even says something else: the outbox keeps what was asked for first.
  const again = { ...req, mail: { ...req.mail, subject: 'Iets anders' } };
  await expect(sendMail({ db, mailer }, again)).resolves.toEqual({ messageId: messageIdFor(req.key), sentNow: false });

  expect(received(req.to).map((mail) => mail.subject)).toEqual(['Aanvraagronde Voorjaar 2027 is geopend']);
  expect(await db.outboxMail.findUniqueOrThrow({ where: { id: req.key } })).toMatchObject({ status: 'sent', attempts: 1, subject: req.mail.subject });
});

test('two attempts at one outbox row at the same moment: exactly one message arrives', async () => {
  const req = request();
  const { to: address, mail, icalEvent, ...key } = req;
  await enqueueMail(db, key, async () => ({ to: address, mail, icalEvent }));
  const results = await Promise.allSettled([deliverMail({ db, mailer }, req.key), deliverMail({ db, mailer }, req.key)]);

  const sent = results.filter((r) => r.status === 'fulfilled' && r.value.sentNow);
  expect(sent).toHaveLength(1);
  // The other one either saw the first one's lease (and would be retried) or, later, the sent row.
  for (const result of results.filter((r) => !(r.status === 'fulfilled' && r.value.sentNow))) {
    if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(MailLeasedError);
    else expect(result.value).toEqual({ messageId: messageIdFor(req.key), sentNow: false });
  }
  expect(received(req.to)).toHaveLength(1);
});

test('a second attempt while the first is still sending (the server has not answered): it does not send; the first does, once', async () => {
  const req = request();
  const { to: address, mail, icalEvent, ...key } = req;
  await enqueueMail(db, key, async () => ({ to: address, mail, icalEvent }));
  const hold = catcher.holdNextMail();
  const first = deliverMail({ db, mailer }, req.key);
  await hold.held;

  await expect(deliverMail({ db, mailer }, req.key)).rejects.toBeInstanceOf(MailLeasedError);
  hold.release();
  await expect(first).resolves.toEqual({ messageId: messageIdFor(req.key), sentNow: true });
  await expect(deliverMail({ db, mailer }, req.key)).resolves.toEqual({ messageId: messageIdFor(req.key), sentNow: false });

  expect(received(req.to)).toHaveLength(1);
  expect(await db.outboxMail.findUniqueOrThrow({ where: { id: req.key } })).toMatchObject({ status: 'sent', attempts: 1, leaseUntil: null });
});

test('a server that refuses: the send throws, the row stays pending with the error; once it accepts, the mail goes once', async () => {
  const req = request();
  catcher.setRefusing(true);
  await expect(sendMail({ db, mailer }, req)).rejects.toThrow(/451/);
  const failed = await db.outboxMail.findUniqueOrThrow({ where: { id: req.key } });
  expect(failed).toMatchObject({ status: 'pending', attempts: 1, sentAt: null, messageId: null });
  expect(failed.lastError).toMatch(/451 .*Tijdelijk niet beschikbaar/);
  expect(failed.lastError).not.toContain(req.to);
  expect(received(req.to)).toHaveLength(0);

  catcher.setRefusing(false);
  await expect(sendMail({ db, mailer }, req)).resolves.toMatchObject({ sentNow: true });
  await expect(sendMail({ db, mailer }, req)).resolves.toMatchObject({ sentNow: false });
  expect(received(req.to)).toHaveLength(1);
  expect(await db.outboxMail.findUniqueOrThrow({ where: { id: req.key } })).toMatchObject({ status: 'sent', attempts: 2 });
});

test('no server at all: the send throws with the connection error, and a later attempt delivers it once', async () => {
  const req = request();
  const nowhere = createMailer({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, from });
  try {
    await expect(sendMail({ db, mailer: nowhere }, req)).rejects.toThrow(/ECONNREFUSED/);
  } finally {
    nowhere.close();
  }
  const failed = await db.outboxMail.findUniqueOrThrow({ where: { id: req.key } });
  expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
  expect(failed.lastError).toMatch(/ECONNREFUSED 127\.0\.0\.1:\d+$/);

  await sendMail({ db, mailer }, req);
  expect(received(req.to)).toHaveLength(1);
  expect(await db.outboxMail.findUniqueOrThrow({ where: { id: req.key } })).toMatchObject({ status: 'sent', attempts: 2 });
});

test('every template, with a <script> in its data, arrives over SMTP with that script escaped in its HTML', async () => {
  const script = '<script>alert(1)</script>';
  for (const preview of mailPreviews) {
    const sample = preview.render();
    // The sample's school name stands for any interpolated value.
    const mail = { subject: sample.subject, text: sample.text.replace('De Regenboog', script), html: sample.html.replace('De Regenboog', escapeHtml(script)) };
    expect(sample.html).toContain('De Regenboog');
    const req = request(mail);
    await sendMail({ db, mailer }, req);
    const [caught] = received(req.to);
    expect(caught?.subject).toBe(sample.subject);
    expect(caught?.text).toContain(script);
    expect(caught?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(caught?.html).not.toContain('<script');
  }
});

test("the catcher's page lists the mail, newest first, and shows its text and HTML", async () => {
  const first = request();
  const second = request(renderRoundOpened({ ...roundOpenedSample, roundName: 'Najaar <2027>' }));
  await sendMail({ db, mailer }, first);
  await sendMail({ db, mailer }, second);
  const base = catcher.httpUrl!;

  const list = await fetch(`${base}/`);
  expect(list.status).toBe(200);
  expect(list.headers.get('content-type')).toMatch(/^text\/html/);
  expect(list.headers.get('content-security-policy')).toContain("default-src 'none'");
  const page = await list.text();
  expect(page).toContain('<html lang="nl">');
  expect(page).toContain('Aanvraagronde Najaar &lt;2027&gt; is geopend');
  expect(page.indexOf(second.to)).toBeGreaterThan(-1);
  expect(page.indexOf(second.to)).toBeLessThan(page.indexOf(first.to));

  const caught = received(second.to)[0]!;
  const detail = await (await fetch(`${base}/berichten/${caught.id}`)).text();
  expect(detail).toContain('Dien uw aanvraag in vóór vrijdag 14 mei 2027 om 17:00.');
  expect(detail).toContain(escapeHtml(messageIdFor(second.key)));
  expect(detail).toContain(`<iframe sandbox="" title="HTML-versie van de e-mail" src="/berichten/${caught.id}/html">`);

  const html = await fetch(`${base}/berichten/${caught.id}/html`);
  expect(html.headers.get('content-security-policy')).toMatch(/^sandbox;/);
  expect(await html.text()).toBe(caught.html);

  const json = (await (await fetch(`${base}/messages.json`)).json()) as { id: string; subject: string }[];
  expect(json.findIndex((mail) => mail.id === caught.id)).toBeLessThan(json.findIndex((mail) => mail.id === received(first.to)[0]!.id));

  const previews = await (await fetch(`${base}/voorbeelden`)).text();
  for (const preview of mailPreviews) {
    expect(previews).toContain(escapeHtml(preview.render().subject));
    expect((await fetch(`${base}/voorbeelden/${preview.kind}/html`)).status).toBe(200);
  }
  expect((await fetch(`${base}/berichten/bestaat-niet`)).status).toBe(404);
});

test('with a folder, the catcher keeps every mail as an .eml file and reads them back when it starts again', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'koers-mail-'));
  const port = await freePort();
  const first = await startMailCatcher({ smtpPort: port, dir });
  const toFirst = createMailer({ smtpUrl: first.smtpUrl, from });
  const req = request();
  try {
    await sendMail({ db, mailer: toFirst }, req);
  } finally {
    toFirst.close();
    await first.stop();
  }
  expect((await readdir(dir)).filter((name) => name.endsWith('.eml'))).toHaveLength(1);

  const again = await startMailCatcher({ smtpPort: port, dir });
  try {
    expect(again.messages()).toEqual(first.messages());
    expect(again.messages()[0]).toMatchObject({ messageId: messageIdFor(req.key), envelope: { to: [req.to] }, subject: req.mail.subject });
  } finally {
    await again.stop();
  }
});

test('waitFor gives up after its timeout, saying so', async () => {
  await expect(catcher.waitFor(to('niemand@regenboog.example'), 50)).rejects.toThrow(/No matching mail arrived within 50 ms/);
});
