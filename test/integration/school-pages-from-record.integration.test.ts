/**
 * A school's page view reads the case record in PostgreSQL, not the journey's workflow: the view
 * the record gives is the one the workflow gives (at each step a school sees a page), and with
 * the worker stopped (no query could be answered) the school's link page and its JSON view still
 * answer, from the record. On the system as `npm start` runs it, with real mail and links.
 */
import type { Worker } from '@temporalio/worker';
import type { CaughtMail } from '../../devtools/mail-catcher';
import type { School } from '../../domain/school';
import { schoolViewOf } from '../../domain/school-view';
import { journeyFromRecord } from '../../services/journeys/journey-record';
import { withStoredDraft } from '../../services/journeys/staged-drafts';
import { getJourney } from '../../workflows/contracts/journey';
import { createSchool } from '../support/fixtures';
import { api, openRoundNow, startDevStack, type DevStack } from '../support/dev-stack';
import { getPage, linkIn, tokenOf } from '../support/school-links';
import { until } from '../support/until';

const DAY = 86_400_000;
const office = 'Anna Visser';
let stack: DevStack;
let worker: Worker;

beforeAll(async () => {
  stack = await startDevStack({ worker: false });
  worker = await stack.startWorker();
  await openRoundNow(stack, { id: 'record-voorjaar', name: 'Voorjaar', schoolYear: '2040-2041' });
});
afterAll(async () => {
  await stack?.close();
});

const mailTo = (school: School, subject: RegExp) => (mail: CaughtMail) => mail.to === school.contactEmail && subject.test(mail.subject);

async function startJourney(): Promise<{ school: School; journeyId: string }> {
  const school = await createSchool(stack.db, { name: `Basisschool Recordproef ${Math.random().toString(36).slice(2, 7)}` });
  const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  await until(
    () => api(stack, 'GET', `/api/journeys/${body.journeyId}`),
    (r) => r.body.phase === 'conversation' && r.body.unrecordedSteps === 0,
    'the journey in its first phase',
  );
  return { school, journeyId: body.journeyId };
}

/** The school's view as the record gives it, and as the workflow's query gives it. */
async function bothViews(journeyId: string) {
  const recorded = await journeyFromRecord(stack.db, journeyId);
  const queried = await stack.client.workflow.getHandle(journeyId).query(getJourney);
  const workflow = schoolViewOf(await withStoredDraft(stack.db, queried));
  // A round the journey has only heard of before it applies (by signal, maybe not yet) is not on record; no page shows it.
  const heardOnly = workflow.phase === 'conversation' || workflow.phase === 'intake' || workflow.phase === 'awaiting_round';
  return { record: schoolViewOf(await withStoredDraft(stack.db, recorded!)), workflow: heardOnly ? { ...workflow, round: null } : workflow };
}

async function planConversation(journeyId: string): Promise<void> {
  const startsAt = new Date(Date.now() + 7 * DAY).toISOString();
  const planned = await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-plan`, {
    startsAt,
    durationMinutes: 60,
    location: 'Dorpsstraat 1, Utrecht',
    plannedBy: office,
  });
  expect(planned.status).toBe(200);
}

test('an invitation, open and answered: the record gives the view the workflow gives', async () => {
  const { school, journeyId } = await startJourney();
  await planConversation(journeyId);
  let views = await bothViews(journeyId);
  expect(views.record.allowedActions).toEqual(['respondToConversation']);
  expect(views.record).toEqual(views.workflow);

  const link = linkIn(await stack.mail.waitFor(mailTo(school, /^Uitnodiging: /)));
  const answered = await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-response`, { answer: 'confirm', note: '' }, tokenOf(link));
  expect(answered.status).toBe(200);
  views = await bothViews(journeyId);
  expect(views.record.plannedConversation?.response?.answer).toBe('confirm');
  expect(views.record).toEqual(views.workflow);
});

test('in the application phase, before and after a draft is saved, the record gives the view the workflow gives', async () => {
  const { school, journeyId } = await startJourney();
  let views = await bothViews(journeyId);
  expect(views.record).toEqual(views.workflow);
  const reported = await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-report`, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de leesaanpak.',
    recordedBy: office,
  });
  const applying = await api(stack, 'POST', `/api/journeys/${journeyId}/intake-outcome`, { outcome: 'expertschool', recordedBy: office });
  expect([reported.status, applying.body]).toMatchObject([200, { phase: 'application' }]);
  views = await bothViews(journeyId);
  expect(views.record.round?.roundId).toBe('record-voorjaar');
  expect(views.record.allowedActions).toEqual(['saveApplicationDraft', 'submitApplication']);
  expect(views.record).toEqual(views.workflow);

  // A draft saved through the application link: stored first, then the Update names it.
  const applicationLink = linkIn(await stack.mail.waitFor(mailTo(school, /^Aanvraagronde Voorjaar is geopend$/)));
  const saved = await api(
    stack,
    'POST',
    `/api/journeys/${journeyId}/application-draft`,
    { sections: { support_and_commitment: 'Lezen voor iedereen.' } },
    tokenOf(applicationLink),
  );
  expect(saved.status).toBe(200);
  views = await bothViews(journeyId);
  expect(views.record.application?.sections.support_and_commitment).toBe('Lezen voor iedereen.');
  expect(views.record).toEqual(views.workflow);
});

test('with the worker stopped, the link page and the JSON school view still answer, from the record', async () => {
  const { school, journeyId } = await startJourney();
  await planConversation(journeyId);
  const link = linkIn(await stack.mail.waitFor(mailTo(school, /^Uitnodiging: /)));

  worker.shutdown();
  await until(
    async () => worker.getState(),
    (state) => state === 'STOPPED',
    'the worker stopped',
  );
  // Nothing answers the workflow's query now: asking it fails once the deadline passes.
  const handle = stack.client.workflow.getHandle(journeyId);
  await expect(stack.client.withDeadline(Date.now() + 3_000, () => handle.query(getJourney))).rejects.toThrow();

  const page = await getPage(link);
  expect(page.status).toBe(200);
  expect(page.html).toContain('Uitnodiging voor het verkennend gesprek');
  expect(page.html).toContain('Dorpsstraat 1, Utrecht');

  const json = await api(stack, 'GET', `/api/journeys/${journeyId}/school-view`, undefined, tokenOf(link));
  expect(json.status).toBe(200);
  expect(json.body).toMatchObject({ journeyId, phase: 'conversation', allowedActions: ['respondToConversation'] });
  expect(json.body.plannedConversation).toMatchObject({ location: 'Dorpsstraat 1, Utrecht', response: null });
});
