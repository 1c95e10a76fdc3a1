/**
 * The API on the Temporal dev server (real server, visibility, search attributes), a real worker
 * and PostgreSQL: a journey driven over HTTP, and every kind of bad input refused.
 */
import { completeApplication, createSchool, openRoundAt } from '../support/fixtures';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { schoolYearBounds } from '../../domain/school-year';
import { linkIn, tokenOf } from '../support/school-links';

let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack({ worker: true });
});
afterAll(async () => {
  await stack?.close();
});

const DAY = 86_400_000;
const office = 'Anna Visser';
const conversationReport = { conductedOn: '2026-11-20', report: 'Verkennend gesprek over de leesaanpak van de school.', recordedBy: office };
// One round, open now, for a school year that has not started yet, whenever the tests run.
const round = openRoundAt(Date.now(), 30);
beforeAll(async () => {
  const created = await api(stack, 'POST', '/api/rounds', {
    id: 'voorjaar',
    name: 'Voorjaarsronde',
    schoolYear: round.schoolYear,
    opensAt: round.opensAt,
    closesAt: round.closesAt,
    tracks: ['expertschool'],
    rates: round.rates,
  });
  expect(created.status).toBe(201);
});

/** A journey in the open round, and the token of the application link its school was mailed. */
async function journeyReadyToApply(): Promise<{ journeyId: string; token: string }> {
  const school = await createSchool(stack.db);
  const started = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  expect(started.status).toBe(201);
  const { journeyId } = started.body;
  expect((await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-report`, conversationReport)).status).toBe(200);
  await api(stack, 'POST', `/api/journeys/${journeyId}/intake-outcome`, { outcome: 'expertschool', recordedBy: office });
  for (let i = 0; i < 100; i++) {
    const { body } = await api(stack, 'GET', `/api/journeys/${journeyId}`);
    if (body.phase === 'application') {
      const mail = await stack.mail.waitFor((m) => m.to === school.contactEmail);
      return { journeyId, token: tokenOf(linkIn(mail)) };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the journey did not join the round');
}

test('health reports Temporal and the database', async () => {
  const { status, body } = await api(stack, 'GET', '/health');
  expect(status).toBe(200);
  expect(body).toEqual({ status: 'ok', temporal: { ok: true }, database: { ok: true } });
});

test('the OpenAPI document describes every action, generated from the schemas', async () => {
  const { status, body } = await api(stack, 'GET', '/openapi.json');
  expect(status).toBe(200);
  expect(body.openapi).toBe('3.1.0');
  for (const action of [
    'conversation-plan',
    'conversation-response',
    'conversation-report',
    'intake-outcome',
    'application-draft',
    'application',
    'decision',
    'expert-team',
    'aspirant-outcome',
    'cancel',
  ]) {
    expect(body.paths[`/api/journeys/{journeyId}/${action}`]?.post).toBeDefined();
  }
  // School actions name the link token they need; office actions the session (and a role where needed).
  expect(body.paths['/api/journeys/{journeyId}/application'].post.security).toEqual([{ schoolLink: [] }]);
  expect(body.paths['/api/journeys/{journeyId}/decision'].post.security).toEqual([{ officeSession: [] }]);
  expect(body.paths['/api/rounds'].post.security).toEqual([{ officeSession: ['admin'] }]);
  // Who decided comes from the session, so the request does not carry it.
  expect(body.components.schemas.DecisionRequest.required).toEqual(['decision', 'reason']);
  expect(body.components.securitySchemes.schoolLink).toMatchObject({ type: 'http', scheme: 'bearer' });
  expect(body.components.schemas.ApplicationForm.properties.participants).toBeDefined();
  expect(body.components.schemas.JourneyView.properties.phase.enum).toContain('hub_year');
  // A school's action answers the school's own view; the office's the whole journey.
  const answer = (action: string) => body.paths[`/api/journeys/{journeyId}/${action}`].post.responses['200'].content['application/json'].schema;
  expect(answer('application-draft')).toEqual({ $ref: '#/components/schemas/SchoolJourneyView' });
  expect(answer('decision')).toEqual({ $ref: '#/components/schemas/JourneyView' });
  expect(Object.keys(body.components.schemas.SchoolJourneyView.properties)).not.toContain('unrecordedSteps');
  for (const field of ['notes', 'report', 'recordedBy', 'plannedBy', 'decidedBy'])
    expect(JSON.stringify(body.components.schemas.SchoolJourneyView)).not.toContain(`"${field}"`);
  expect(body.paths['/api/journeys/{journeyId}/application-draft'].post.responses['429']).toBeDefined();
});

test('a journey driven over HTTP to an approved application, visible in Temporal with its search attributes', async () => {
  const { journeyId, token } = await journeyReadyToApply();
  const draft = await api(stack, 'POST', `/api/journeys/${journeyId}/application-draft`, { trajectories: [{ title: 'Begrijpend lezen', places: 6 }] }, token);
  expect(draft.body.application).toMatchObject({ status: 'draft', trajectories: [{ title: 'Begrijpend lezen', places: 6 }] });

  const submitted = await api(stack, 'POST', `/api/journeys/${journeyId}/application`, completeApplication(), token);
  expect(submitted.status).toBe(200);
  expect(submitted.body).toMatchObject({ phase: 'decision', waitingFor: 'office', application: { amountEuros: 120_416 } });

  const decided = await api(stack, 'POST', `/api/journeys/${journeyId}/decision`, {
    decision: 'approved',
    reason: 'Voldoet aan de regeling.',
    decidedBy: office,
  });
  const schoolYearStart = schoolYearBounds(submitted.body.application.schoolYear).start.toISOString();
  expect(decided.body).toMatchObject({ phase: 'approved', waitingFor: 'calendar', nextDeadline: schoolYearStart });

  // The Temporal UI and CLI see the same as the case record.
  let listed: string[] = [];
  for (let i = 0; i < 100 && listed.length === 0; i++) {
    listed = [];
    for await (const execution of stack.client.workflow.list({
      query: `KoersPhase = 'approved' AND KoersTrack = 'expertschool' AND KoersRound = 'voorjaar' AND WorkflowId = '${journeyId}'`,
    })) {
      listed.push(execution.workflowId);
    }
    if (listed.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(listed).toEqual([journeyId]);
  const description = await stack.client.workflow.getHandle(journeyId).describe();
  expect(description.searchAttributes).toMatchObject({ KoersPhase: ['approved'], KoersWaitingFor: ['calendar'], KoersSector: ['PO'] });
  expect(await stack.db.journey.findUnique({ where: { id: journeyId } })).toMatchObject({ phase: 'approved', waitingFor: 'calendar' });
});

describe('bad input gets a 4xx with a clear reason and leaves nothing behind', () => {
  test('unknown school', async () => {
    const { status, body } = await api(stack, 'POST', '/api/journeys', { brin: '00ZZ' });
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: 'school_not_found', message: 'Er is geen school met BRIN-code 00ZZ bekend.', issues: [] });
    expect(await stack.db.journey.count({ where: { brin: '00ZZ' } })).toBe(0);
  });

  test('a malformed BRIN and wrong types', async () => {
    const brin = await api(stack, 'POST', '/api/journeys', { brin: 'ABCD' });
    expect(brin.status).toBe(400);
    expect(brin.body.error.issues).toEqual([{ path: ['brin'], message: 'Een BRIN-code bestaat uit twee cijfers en twee letters, bijvoorbeeld 12AB.' }]);

    const school = await api(stack, 'POST', '/api/schools', {
      brin: '12AB',
      name: 42,
      sector: 'HBO',
      region: 'Utrecht',
      contactEmail: 'directie@school.example',
      inspectionRating: 'goed',
    });
    expect(school.status).toBe(400);
    expect(school.body.error.issues.map((i: { path: string[] }) => i.path[0])).toEqual(['name', 'sector']);
  });

  test('a school registered twice', async () => {
    const school = await createSchool(stack.db);
    const again = await api(stack, 'POST', '/api/schools', school);
    expect(again.status).toBe(409);
  });

  test('a second journey for the same school and track', async () => {
    const school = await createSchool(stack.db);
    expect((await api(stack, 'POST', '/api/journeys', { brin: school.brin })).status).toBe(201);
    const again = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Basisschool De Regenboog heeft al een lopende reis in dit traject.');
  });

  test('an action out of turn', async () => {
    const school = await createSchool(stack.db);
    const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
    const decision = await api(stack, 'POST', `/api/journeys/${body.journeyId}/decision`, {
      decision: 'approved',
      reason: 'Alles is in orde hier.',
      decidedBy: office,
    });
    expect(decision.status).toBe(409);
    expect(decision.body.error).toMatchObject({
      code: 'not_allowed_now',
      message: 'Dit kan nu niet: de reis van Basisschool De Regenboog is in de fase "gesprek".',
    });
  });

  test('applications against the rules: 3 participants, 7 places, no school leader', async () => {
    const { journeyId, token } = await journeyReadyToApply();
    const base = completeApplication();
    const attempts = [
      { form: { ...base, participants: base.participants.slice(0, 3) }, issue: { path: ['participants'], code: 'too_few_participants' } },
      { form: { ...base, trajectories: [{ title: 'Lezen', places: 7 }] }, issue: { path: ['trajectories', '0', 'places'], code: 'too_many_places' } },
      {
        form: { ...base, participants: base.participants.map((p) => ({ ...p, role: 'teacher' })) },
        issue: { path: ['participants'], code: 'no_school_leader' },
      },
    ];
    for (const { form, issue } of attempts) {
      const { status, body } = await api(stack, 'POST', `/api/journeys/${journeyId}/application`, form, token);
      expect(status).toBe(422);
      expect(body.error.code).toBe('not_eligible');
      expect(body.error.issues).toEqual([expect.objectContaining(issue)]);
    }
    const wrongTypes = await api(
      stack,
      'POST',
      `/api/journeys/${journeyId}/application`,
      { ...base, trajectories: [{ title: 'Lezen', places: 'zes' }] },
      token,
    );
    expect(wrongTypes.status).toBe(400);

    // Nothing of the refused applications was written.
    const { body } = await api(stack, 'GET', `/api/journeys/${journeyId}`);
    expect(body.application).toMatchObject({ status: 'draft', participants: [], trajectories: [] });
    expect(await stack.db.applicationParticipant.count({ where: { application: { journeyId } } })).toBe(0);
    expect(await stack.db.auditEvent.count({ where: { journeyId, type: 'application_saved' } })).toBe(0);
  });

  test('a closed journey refuses further actions', async () => {
    const school = await createSchool(stack.db);
    const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
    const cancelled = await api(stack, 'POST', `/api/journeys/${body.journeyId}/cancel`, { reason: 'De school ziet ervan af.', cancelledBy: office });
    expect(cancelled.body).toMatchObject({ phase: 'closed', outcome: { outcome: 'cancelled' } });
    const whileEnding = await api(stack, 'POST', `/api/journeys/${body.journeyId}/conversation-report`, conversationReport);
    expect(whileEnding.body.error).toMatchObject({ code: 'not_allowed_now', message: 'Deze reis is afgesloten.' });
    await stack.client.workflow.getHandle(body.journeyId).result();
    const afterEnd = await api(stack, 'POST', `/api/journeys/${body.journeyId}/conversation-report`, conversationReport);
    expect(afterEnd.status).toBe(409);
    expect(afterEnd.body.error).toMatchObject({ code: 'not_allowed_now', message: 'Deze reis is afgesloten.' });
  });

  test('unknown journeys, wrong content types, malformed and oversized bodies', async () => {
    expect((await api(stack, 'GET', '/api/journeys/journey-expertschool-99XX')).status).toBe(404);
    expect((await api(stack, 'GET', '/api/journeys/../../etc')).status).toBe(404);

    const text = await fetch(`${stack.apiUrl}/api/journeys`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'brin=12AB' });
    expect(text.status).toBe(415);
    const malformed = await fetch(`${stack.apiUrl}/api/journeys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"brin":' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toBe('Het verzoek is geen geldige JSON.');
    const huge = await fetch(`${stack.apiUrl}/api/journeys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ brin: 'x'.repeat(300_000) }),
    });
    expect(huge.status).toBe(413);
  });
});
