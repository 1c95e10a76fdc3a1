/**
 * The school hears where it stands: the decision on its application by mail with the letter as a
 * PDF, and a mail when it is parked after the intake with no round open. On the time-skipping
 * server, with the mail caught by a real SMTP server on loopback.
 */
import { letterDocument, loadDecisionFacts } from '../../services/journeys/decision-letter';
import { decideApplication, recordConversationReport, recordIntakeOutcome, submitApplication } from '../../workflows/contracts/journey';
import { completeApplication, createRoundRecord, createSchool, openRoundAt } from '../support/fixtures';
import { JourneyDriver } from '../support/journey-driver';
import { startTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

let h: TimeSkippingHarness;

beforeAll(async () => {
  h = await startTimeSkippingHarness();
});
afterAll(async () => {
  await h?.close();
});

const office = 'Anna Visser';
const report = { conductedOn: '2026-11-20', report: 'Verkennend gesprek: de school werkt al jaren onderzoeksmatig aan lezen.', recordedBy: office };

async function startedJourney(hasAspirantYearBehind = false) {
  const school = await createSchool(h.db);
  const journey = await JourneyDriver.start({ db: h.db, client: h.env.client, taskQueue: h.taskQueue }, { brin: school.brin, hasAspirantYearBehind });
  await journey.act(recordConversationReport, report);
  return { school, journey };
}

/** Intake done, the round (as the office recorded it) open, the application submitted. */
async function submitted(hasAspirantYearBehind = false) {
  const { school, journey } = await startedJourney(hasAspirantYearBehind);
  await journey.act(recordIntakeOutcome, { outcome: 'expertschool', notes: '', recordedBy: office });
  const now = await h.env.currentTimeMs();
  const round = openRoundAt(now, 30, { roundId: `decision-${school.brin}-${now}` });
  await createRoundRecord(h.db, now, { id: round.roundId, schoolYear: round.schoolYear, opensInDays: 0, openForDays: 30 });
  // Open on record, as the round's workflow leaves it: a journey checks the round there before it joins.
  await h.db.subsidyRound.update({ where: { id: round.roundId }, data: { status: 'open', openedAt: new Date(now) } });
  await journey.openRound(round);
  await journey.reach('application');
  await journey.act(submitApplication, completeApplication(hasAspirantYearBehind));
  return { school, journey, round };
}

const outboxRows = (journeyId: string, purposePrefix: string) => h.db.outboxMail.findMany({ where: { journeyId, purpose: { startsWith: purposePrefix } } });

test('an approval reaches the school: amounts, school year, conditions and the aspirant year, with the letter as a PDF', async () => {
  const { school, journey, round } = await submitted();
  await journey.act(decideApplication, { decision: 'approved', reason: 'Een sterk plan.', decidedBy: office });

  const mail = await h.mail.waitFor(
    (m) => m.to === school.contactEmail && m.subject === `Uw subsidieaanvraag voor schooljaar ${round.schoolYear} is toegekend`,
  );
  const start = Number(round.schoolYear.slice(0, 4));
  expect(mail.text).toContain('Leertraject "Begrijpend lezen": 6 plaatsen × € ');
  expect(mail.text).toMatch(/Totaal voor schooljaar \d{4}-\d{4}: € \d{1,3}(\.\d{3})+/);
  expect(mail.text).toContain('Voorwaarden:');
  expect(mail.text).toContain(`Uw aspirantjaar loopt van 1 augustus ${start} tot en met 31 juli ${start + 1}.`);
  const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
  expect(pdf?.filename).toBe(`besluit-subsidieaanvraag-${school.brin}-${round.schoolYear}.pdf`);
  // The letter is made again from the stored decision, to the byte: what the office downloads too.
  const facts = await loadDecisionFacts(h.db, { journeyId: journey.journeyId });
  expect(facts).toMatchObject({ decision: 'approved', hubYearNext: false, roundName: `Subsidieronde ${round.schoolYear} (${round.roundId})` });
  expect(pdf!.bytes.equals((await letterDocument(facts!)).content)).toBe(true);

  // Once, however the activity was retried.
  expect(await outboxRows(journey.journeyId, 'application-decided/')).toHaveLength(1);
  expect(h.mail.messages().filter((m) => m.to === school.contactEmail && m.subject.includes('is toegekend'))).toHaveLength(1);
  await journey.recordHistories('decision-mail-approved');
});

test('a rejection reaches the school with the office reason and what it can do next, with the letter as a PDF', async () => {
  const { school, journey, round } = await submitted();
  const reason = 'Het activiteitenplan laat nog niet zien hoe de aanpak overdraagbaar wordt.';
  await journey.act(decideApplication, { decision: 'rejected', reason, decidedBy: office });
  expect(await journey.handle.result()).toEqual({ outcome: 'rejected', reason });

  const mail = await h.mail.waitFor(
    (m) => m.to === school.contactEmail && m.subject === `Uw subsidieaanvraag voor schooljaar ${round.schoolYear} is afgewezen`,
  );
  expect(mail.text).toContain(`Reden:\n\n${reason}`);
  expect(mail.text).toContain('U kunt opnieuw subsidie aanvragen in een volgende subsidieronde.');
  expect(mail.text).not.toContain('€');
  const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
  expect(pdf?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(await outboxRows(journey.journeyId, 'application-decided/')).toHaveLength(1);
  await journey.recordHistories('decision-mail-rejected');
});

test('a school parked after its intake, with no round open, hears that it will hear when one opens', async () => {
  // No round open: the rounds the tests above opened on record are over.
  await h.db.subsidyRound.updateMany({ where: { status: 'open' }, data: { status: 'closed', closedAt: new Date() } });
  const { school, journey } = await startedJourney();
  await journey.act(recordIntakeOutcome, { outcome: 'expertschool', notes: '', recordedBy: office });
  await journey.reach('awaiting_round');

  const mail = await h.mail.waitFor((m) => m.to === school.contactEmail && m.subject.startsWith('Uw intake is afgerond'));
  expect(mail.text).toContain('U hoort van ons zodra een ronde opent');
  expect(mail.text).toContain('een subsidieaanvraag als expertschool');
  expect(await outboxRows(journey.journeyId, 'awaiting-round/')).toHaveLength(1);

  // When the round opens, the school is asked to apply as before.
  await journey.openRound(openRoundAt(await h.env.currentTimeMs()));
  await journey.reach('application');
  await h.mail.waitFor((m) => m.to === school.contactEmail && m.subject.startsWith('Aanvraagronde'));
  await journey.recordHistories('parked-after-intake-mail');
});
