/** The decision letter: one model, the same facts in the mail and in its PDF. */
import { decisionLetter, formatEuros, letterFacts, type DecisionFacts } from '../../domain/decision-letter';
import { applicationApprovedSample, applicationRejectedSample, renderDecisionMail } from '../../mail/application-decided';
import { renderDecisionLetterPdf } from '../../mail/decision-letter-pdf';
import { pdfText, squeezed } from '../support/pdf-text';

const cases: [string, DecisionFacts][] = [
  ['approved, aspirant year next', applicationApprovedSample],
  ['approved, hub year next', { ...applicationApprovedSample, hubYearNext: true }],
  ['approved ontwikkelschool', { ...applicationApprovedSample, track: 'ontwikkelschool', trajectories: [], rates: null }],
  ['rejected', applicationRejectedSample],
];

describe.each(cases)('decision letter (%s)', (_name, facts) => {
  const letter = decisionLetter(facts);

  it('states every fact in the mail (text and HTML) and in the PDF', async () => {
    const mail = renderDecisionMail(letter);
    const pdf = squeezed(pdfText(await renderDecisionLetterPdf(letter, facts.decidedAt, { compress: false })));
    for (const fact of letterFacts(letter)) {
      expect(mail.text).toContain(fact);
      expect(mail.html).toContain(fact.replace(/"/g, '&quot;'));
      expect(pdf).toContain(squeezed(fact));
    }
  });

  it('is the same PDF every time for the same decision', async () => {
    const [a, b] = await Promise.all([renderDecisionLetterPdf(letter, facts.decidedAt), renderDecisionLetterPdf(letter, facts.decidedAt)]);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
  });
});

test('an approval names the amount per trajectory and in total, the school year, the conditions and the dates of the aspirant and hub year', () => {
  const text = letterFacts(decisionLetter(applicationApprovedSample)).join('\n');
  expect(text).toContain('Vast bedrag per school: € 35.616');
  expect(text).toContain('Leertraject "Rekenen met begrip": 6 plaatsen × € 8.480 = € 50.880');
  expect(text).toContain('Leertraject "Lezen in de onderbouw": 4 plaatsen × € 8.480 = € 33.920');
  expect(text).toContain('Totaal voor schooljaar 2027-2028: € 120.416');
  expect(text).toContain('Voorwaarden');
  expect(text).toContain('verantwoording');
  expect(text).toContain('Uw aspirantjaar loopt van 1 augustus 2027 tot en met 31 juli 2028.');
  expect(text).toContain('Na een geslaagd aspirantjaar begint op 1 augustus 2028 uw hubjaar');
  expect(text).toContain('Datum: 2 juli 2027');
  const hub = letterFacts(decisionLetter({ ...applicationApprovedSample, hubYearNext: true })).join('\n');
  expect(hub).toContain('Uw hubjaar als expertschool loopt van 1 augustus 2027 tot en met 31 juli 2028.');
});

test('a rejection gives the office reason and what the school can do next', () => {
  const text = letterFacts(decisionLetter(applicationRejectedSample)).join('\n');
  expect(text).toContain(applicationRejectedSample.reason);
  expect(text).toContain('Wat u nu kunt doen');
  expect(text).toContain('volgende subsidieronde');
  expect(text).not.toContain('€');
});

test('formatEuros writes whole euros the Dutch way', () => {
  expect(formatEuros(120416)).toBe('€ 120.416');
  expect(formatEuros(0)).toBe('€ 0');
});
