/**
 * The office downloads the decision letter from the case: staff only, the same PDF the school got
 * with its decision mail (made again from the stored decision), and a 404 before there is one.
 * The decision is stored by the same activity a journey uses to record its steps.
 */
import { Client, Connection } from '@temporalio/client';
import { letterDocument, loadDecisionFacts } from '../../services/journeys/decision-letter';
import type { CaseState, JourneyEvent } from '../../domain/journey-step';
import { recordJourneyStep } from '../../activities/record-journey-step';
import { createApp } from '../../api/app';
import type { ApplicationView } from '../../domain/journey';
import { createDb, type Db } from '../../platform/db';
import { listenOnLoopback } from '../../platform/listen';
import { startMailCatcher } from '../../devtools/mail-catcher';
import { createLogger } from '../../platform/logger';
import { createTestDatabase } from '../support/database';
import { officeCookie } from '../support/dev-stack';
import { completeApplication, createRoundRecord, createSchool, journeyStepOf } from '../support/fixtures';

let db: Db;
let apiUrl: string;
let close: () => Promise<void>;
let staff: string;

beforeAll(async () => {
  db = createDb(await createTestDatabase());
  // The letter needs no workflow: the client connects only if a route asks Temporal something.
  const app = createApp({ db, temporal: new Client({ connection: Connection.lazy() }), taskQueue: 'unused', log: createLogger('silent') });
  const listening = await listenOnLoopback(app);
  apiUrl = listening.url;
  close = listening.close;
  staff = await officeCookie(db, 'staff');
});
afterAll(async () => {
  await close?.();
  await db?.$disconnect();
});

test('staff download the decision letter of a decided application; before the decision there is none', async () => {
  const school = await createSchool(db);
  const journeyId = `journey-expertschool-${school.brin}`;
  const round = await createRoundRecord(db, Date.parse('2027-05-01T08:00:00Z'), { id: `letter-${school.brin}`, opensInDays: 0, openForDays: 30 });
  let seq = 0;
  const record = (event: JourneyEvent, caseState: Partial<CaseState> = {}) =>
    recordJourneyStep(
      db,
      journeyStepOf(journeyId, school.brin, ++seq, event, {
        caseState: { phase: 'decision', schoolYear: round.schoolYear, roundId: round.id, ...caseState },
        from: '2027-06-01T08:00:00Z',
        spacingMs: 60_000,
      }),
    );
  const form = completeApplication();
  const application: ApplicationView = {
    id: `${journeyId}/${round.id}`,
    roundId: round.id,
    schoolYear: round.schoolYear,
    status: 'submitted',
    ...form,
    amountEuros: 120_416,
    submittedAt: '2027-05-20T10:00:00.000Z',
    decision: null,
  };
  await record({ type: 'journey_started', hasAspirantYearBehind: false });
  await record({ type: 'application_saved', application });

  const url = `${apiUrl}/api/journeys/${journeyId}/decision-letter.pdf`;
  expect((await fetch(url)).status).toBe(401);
  const before = await fetch(url, { headers: { cookie: staff } });
  expect(before.status).toBe(404);
  expect((await before.json()).error.message).toBe('Over deze aanvraag is nog geen besluit genomen: er is nog geen besluitbrief.');

  const decision = { decision: 'approved' as const, reason: 'Een sterk plan.', decidedBy: 'Bram de Boer', decidedAt: '2027-07-02T10:00:00.000Z' };
  await record({ type: 'application_decided', application: { ...application, status: 'approved', decision } });

  const response = await fetch(url, { headers: { cookie: staff } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  expect(response.headers.get('content-disposition')).toBe(`attachment; filename="besluit-subsidieaanvraag-${school.brin}-${round.schoolYear}.pdf"`);
  const pdf = Buffer.from(await response.arrayBuffer());
  // The same bytes the mail's attachment is made of.
  const facts = await loadDecisionFacts(db, { journeyId });
  expect(facts).toMatchObject({ schoolName: school.name, decision: 'approved', decidedAt: decision.decidedAt, hubYearNext: false });
  expect(pdf.equals((await letterDocument(facts!)).content)).toBe(true);

  expect((await fetch(`${apiUrl}/api/journeys/journey-expertschool-99ZZ/decision-letter.pdf`, { headers: { cookie: staff } })).status).toBe(404);
});

test("the mail viewer's samples offer the letter each sample decision mail carries", async () => {
  const catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  try {
    const samples = await (await fetch(`${catcher.httpUrl}/voorbeelden`)).text();
    for (const kind of ['application-approved', 'application-rejected']) {
      expect(samples).toContain(`href="/voorbeelden/${kind}/brief.pdf"`);
      const pdf = await fetch(`${catcher.httpUrl}/voorbeelden/${kind}/brief.pdf`);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    expect((await fetch(`${catcher.httpUrl}/voorbeelden/round-opened/brief.pdf`)).status).toBe(404);
  } finally {
    await catcher.stop();
  }
});
