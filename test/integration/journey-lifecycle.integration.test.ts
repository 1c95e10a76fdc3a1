/**
 * A journey's life beyond one run, over HTTP on the system as `npm start` runs it: a school that
 * stopped starts again (a new journey, its own case, mail and links, the old one still on
 * record), and a closed case stays readable once Temporal's retention has removed its workflow.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { createSchool } from '../support/fixtures';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { getPage, linkIn } from '../support/school-links';
import type { School } from '../../domain/school';
import type { CaughtMail } from '../../devtools/mail-catcher';
import { until } from '../support/until';

const DAY = 86_400_000;
let stack: DevStack;

beforeAll(async () => {
  stack = await startDevStack({ worker: true });
});
afterAll(async () => {
  await stack?.close();
});

async function startJourney(school: School): Promise<string> {
  const started = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  expect(started.status).toBe(201);
  const journeyId: string = started.body.journeyId;
  await until(
    () => api(stack, 'GET', `/api/journeys/${journeyId}`),
    (r) => r.body?.phase === 'conversation' && r.body.unrecordedSteps === 0,
    'the journey in its first phase',
  );
  return journeyId;
}

async function planConversation(journeyId: string): Promise<void> {
  const planned = await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-plan`, {
    startsAt: new Date(Date.now() + 7 * DAY).toISOString(),
    durationMinutes: 60,
    location: 'Dorpsstraat 1, Utrecht',
  });
  expect(planned.status).toBe(200);
  expect(planned.body).toMatchObject({ phase: 'conversation', waitingFor: 'school' });
}

async function stop(journeyId: string): Promise<void> {
  const stopped = await api(stack, 'POST', `/api/journeys/${journeyId}/cancel`, { reason: 'De school stopt dit schooljaar met het programma.' });
  expect(stopped.status).toBe(200);
  expect(stopped.body).toMatchObject({ phase: 'closed', outcome: { outcome: 'cancelled' } });
}

const invitationTo =
  (school: School, except: CaughtMail[] = []) =>
  (mail: CaughtMail) =>
    mail.to === school.contactEmail && /^Uitnodiging: /.test(mail.subject) && !except.some((m) => m.id === mail.id);

async function casePage(journeyId: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${stack.apiUrl}/kantoor/dossiers/${journeyId}`, { headers: { cookie: stack.cookies.admin } });
  return { status: response.status, html: await response.text() };
}

test('a school that stopped starts a new journey that works in full; the old one stays on record', async () => {
  const school = await createSchool(stack.db, { name: 'Basisschool De Terugkeer' });
  const first = await startJourney(school);
  await planConversation(first);
  const firstInvitation = await stack.mail.waitFor(invitationTo(school));
  await stop(first);

  // While one is under way, a second start is refused; once it closed, a new one starts.
  const second = await startJourney(school);
  expect(second).not.toBe(first);
  expect(second).toBe(`${first}-2`);
  const again = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  expect(again.status).toBe(409);

  // Its own case row, open, beside the closed one.
  const rows = await stack.db.journey.findMany({ where: { brin: school.brin }, orderBy: { startedAt: 'asc' } });
  expect(rows.map((r) => [r.id, r.phase])).toEqual([
    [first, 'closed'],
    [second, 'conversation'],
  ]);

  // Its invitation is sent (its own outbox key), and its link opens the step.
  await planConversation(second);
  const invitation = await stack.mail.waitFor(invitationTo(school, [firstInvitation]), 30_000);
  const page = await getPage(linkIn(invitation));
  expect(page.status).toBe(200);
  expect(page.html).toContain('Uitnodiging voor het verkennend gesprek');
  const { body: timeline } = await api(stack, 'GET', `/api/journeys/${second}/timeline`);
  expect(timeline.entries.map((e: { type?: string; purpose?: string }) => e.type ?? e.purpose)).toEqual([
    'journey_started',
    'phase_entered',
    'conversation_planned',
    'conversation-planned/0-1',
  ]);

  // The old journey's record is still there: its view, its case page, the school's export.
  const old = await api(stack, 'GET', `/api/journeys/${first}`);
  expect(old.status).toBe(200);
  expect(old.body).toMatchObject({ journeyId: first, phase: 'closed' });
  expect((await casePage(first)).status).toBe(200);
  const exported = await api(stack, 'GET', `/api/schools/${school.brin}/export`);
  expect(exported.status).toBe(200);
  expect(JSON.stringify(exported.body)).toContain(`"${first}"`);
  expect(JSON.stringify(exported.body)).toContain(`"${second}"`);
});

test("a closed case stays readable once Temporal's retention has removed its workflow", async () => {
  const school = await createSchool(stack.db, { name: 'Basisschool Het Archief' });
  const journeyId = await startJourney(school);
  // The invitation's mail is held, so the stopped journey's workflow is still there to delete at
  // once (the dev server deletes a completed one only after a minute or so).
  const held = stack.mail.holdNextMail();
  await planConversation(journeyId);
  await held.held;
  const recorded = await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-report`, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de leesaanpak.',
  });
  expect(recorded.status).toBe(200);
  await stop(journeyId);

  // What the namespace's retention does to a closed journey's workflow.
  const handle = stack.client.workflow.getHandle(journeyId);
  await stack.client.workflowService.deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId: journeyId } });
  await until(
    () =>
      handle.describe().then(
        () => 'still there',
        (error: unknown) => (error instanceof WorkflowNotFoundError ? 'gone' : String(error)),
      ),
    (state) => state === 'gone',
    'the workflow to be deleted',
  );
  held.release();

  const { status, body } = await api(stack, 'GET', `/api/journeys/${journeyId}`);
  expect(status).toBe(200);
  expect(body).toMatchObject({
    journeyId,
    phase: 'closed',
    school: { brin: school.brin, name: school.name },
    conversation: { report: 'Verkennend gesprek over de leesaanpak.' },
    plannedConversation: { number: 1 },
    outcome: { outcome: 'cancelled', reason: 'De school stopt dit schooljaar met het programma.' },
    allowedActions: [],
  });
  const page = await casePage(journeyId);
  expect(page.status).toBe(200);
  expect(page.html).toContain(school.name);
  expect(page.html).toContain('De school stopt dit schooljaar met het programma.');
  // An unknown case is still unknown.
  expect((await api(stack, 'GET', `/api/journeys/journey-expertschool-00ZZ`)).status).toBe(404);
});
