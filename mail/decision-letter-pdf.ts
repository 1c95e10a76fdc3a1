/**
 * The decision letter as a PDF (pdfkit, with the standard Helvetica it ships: nothing fetched at
 * run time). Rendered from the same model as the mail, and byte for byte the same every time for
 * the same decision (its dates are the decision's), so it is made again whenever it is needed and
 * never stored.
 */
import PDFDocument from 'pdfkit';
import type { DecisionLetter } from '../domain/decision-letter';

export interface PdfOptions {
  /** Uncompressed content streams, so that tests can read the text back. */
  compress?: boolean;
}

export function renderDecisionLetterPdf(letter: DecisionLetter, decidedAt: string, { compress = true }: PdfOptions = {}): Promise<Buffer> {
  const moment = new Date(decidedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 64,
    compress,
    lang: 'nl-NL',
    displayTitle: true,
    info: { Title: letter.title, Author: 'Programmabureau Ontwikkelkracht', Subject: letter.subject, CreationDate: moment, ModDate: moment },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 128;

  doc.font('Helvetica-Bold').fontSize(11).fillColor('#1d4f91').text('Programmabureau Ontwikkelkracht', { width });
  doc.moveDown(1.5);
  doc.font('Helvetica').fontSize(11).fillColor('#111827');
  for (const line of letter.addressee) doc.text(line, { width });
  doc.moveDown();
  doc.text(letter.dateLine, { width });
  doc.text(letter.reference, { width });
  doc.moveDown(1.5);
  doc.font('Helvetica-Bold').fontSize(16).text(letter.title, { width });
  doc.moveDown();
  doc.font('Helvetica').fontSize(11).text(letter.salutation, { width });
  for (const block of letter.blocks) {
    doc.moveDown();
    if (block.heading) doc.font('Helvetica-Bold').fontSize(12).text(block.heading, { width });
    doc.font('Helvetica').fontSize(11);
    for (const line of block.lines) doc.text(line, { width, paragraphGap: 4 });
  }
  doc.moveDown(1.5);
  doc.text('Met vriendelijke groet,', { width });
  doc.text('Programmabureau Ontwikkelkracht', { width });
  doc.end();
  return done;
}
