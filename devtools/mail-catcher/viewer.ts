/**
 * The mail catcher's web pages, in Dutch: the list of caught mails (newest first), each mail with
 * its text, its HTML in a sandboxed frame and its attachments, and `/messages.json`.
 */
import express from 'express';
import { escapeHtml } from '../../mail/layout';
import type { CaughtMail } from './mail-store';
import { mailSecurity, sendNotFound, sendPage } from './page';
import { addSamplePages } from './sample-pages';

const shownAt = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'medium' });

/** The catcher's web pages: the mails it caught, each one's parts, and the samples of every template. */
export function createViewer(messages: () => CaughtMail[]): express.Express {
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

  addSamplePages(app);

  app.use((_req: express.Request, res: express.Response) => sendNotFound(res));
  return app;
}
