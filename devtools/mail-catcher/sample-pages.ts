/**
 * The mail catcher's `/voorbeelden`: every sample of every kind in the notice catalogue
 * (mail/catalogue.ts), rendered as the code makes it now, with the decision letter a decision mail
 * carries as its PDF.
 */
import type express from 'express';
import { decisionLetter } from '../../domain/decision-letter';
import { mailPreviews } from '../../mail';
import { renderDecisionLetterPdf } from '../../mail/decision-letter-pdf';
import { escapeHtml } from '../../mail/layout';
import { mailSecurity, sendNotFound, sendPage } from './page';

/** `/voorbeelden`, each sample's HTML, and the letter a sample decision mail carries. */
export function addSamplePages(app: express.Express): void {
  app.get('/voorbeelden', (_req, res) => {
    const sections = mailPreviews
      .map(({ kind, title, render, file, letter }) => {
        const mail = render();
        return (
          `<section aria-labelledby="${kind}"><h2 id="${kind}">${escapeHtml(title)} <small>(mail/${file}.ts)</small></h2>` +
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
}
