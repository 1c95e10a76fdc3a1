/**
 * The office and hubs over HTTP, on the Temporal dev server with a real worker and PostgreSQL:
 * reading a hub and the trajectories open to ontwikkelscholen, recording what happened in the
 * year, bad input refused in Dutch, and no way in without a session.
 */
import { recordHubStep, type HubStep } from '../../activities/hub-years';
import type { SchoolSnapshot } from '../../domain/journey';
import { schoolYearBounds, schoolYearOf } from '../../domain/school-year';
import { hubYear } from '../../workflows';
import { hubWorkflowId, requestPlace, trajectoryIdOf } from '../../workflows/contracts/hub-year';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { createSchool } from '../support/fixtures';

let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack({ worker: true });
});
afterAll(async () => {
  await stack?.close();
});

const DAY = 86_400_000;
const schoolYear = schoolYearOf(new Date());
/** A day of this school year that has passed (or today, early in August). */
const heldOn = new Date(Math.max(schoolYearBounds(schoolYear).start.getTime() + DAY, Date.now() - 20 * DAY)).toISOString().slice(0, 10);

async function snapshotOf(name: string): Promise<SchoolSnapshot> {
  const { equalAccessMarkers: _, ...school } = await createSchool(stack.db, { name });
  return school as SchoolSnapshot;
}

/** A running hub of an expertschool this school year, with one trajectory of `places`. */
async function startHub(places: number) {
  const school = await snapshotOf('Expertschool De Linde');
  const hubId = hubWorkflowId(school.brin, schoolYear);
  const handle = await stack.client.workflow.start(hubYear, {
    workflowId: hubId,
    taskQueue: stack.taskQueue,
    args: [{ hubId, journeyId: `journey-expertschool-${school.brin}`, school, schoolYear, trajectories: [{ title: 'Begrijpend lezen', places }] }],
  });
  return { hubId, handle, school, trajectoryId: trajectoryIdOf(hubId, 1) };
}

async function ask(handle: Awaited<ReturnType<typeof startHub>>['handle'], trajectoryId: string, name: string) {
  const school = await snapshotOf(name);
  const journeyId = `journey-ontwikkelschool-${school.brin}`;
  const answer = await handle.executeUpdate(requestPlace, { args: [{ trajectoryId, journeyId, brin: school.brin, schoolName: name }] });
  return { journeyId, answer };
}

test('the office reads a hub, records a session, knowledge sharing and the outcome; who acted comes from the session', async () => {
  const { hubId, handle, school, trajectoryId } = await startHub(2);
  const first = await ask(handle, trajectoryId, 'Ontwikkelschool Het Anker');
  const second = await ask(handle, trajectoryId, 'Ontwikkelschool De Brug');
  const third = await ask(handle, trajectoryId, 'Ontwikkelschool De Vlinder');
  expect([first.answer, second.answer, third.answer]).toEqual([{ status: 'enrolled' }, { status: 'enrolled' }, { status: 'waiting', position: 1 }]);

  const read = await api(stack, 'GET', `/api/hubs/${hubId}`);
  expect(read.status).toBe(200);
  expect(read.body).toMatchObject({ hubId, schoolYear, status: 'open', school: { brin: school.brin }, outcome: null });
  expect(read.body.trajectories[0].list.waiting.map((h: { journeyId: string }) => h.journeyId)).toEqual([third.journeyId]);

  const list = await api(stack, 'GET', `/api/hubs?schoolYear=${schoolYear}`);
  expect(list.status).toBe(200);
  expect(list.body.find((h: { hubId: string }) => h.hubId === hubId)).toMatchObject({
    status: 'open',
    expertschool: { brin: school.brin, name: 'Expertschool De Linde' },
    trajectories: 1,
    places: 2,
    enrolled: 2,
    waiting: 1,
    offered: 0,
    knowledgeSharing: 0,
  });
  const open = await api(stack, 'GET', `/api/trajectories?schoolYear=${schoolYear}`);
  expect(open.body.find((t: { trajectoryId: string }) => t.trajectoryId === trajectoryId)).toEqual({
    trajectoryId,
    hubId,
    title: 'Begrijpend lezen',
    places: 2,
    enrolled: 2,
    waiting: 1,
    freePlaces: 0,
    expertschool: { brin: school.brin, name: 'Expertschool De Linde', region: 'Utrecht', sector: 'PO' },
  });

  const session = await api(stack, 'POST', `/api/hubs/${hubId}/sessions`, { trajectoryId, kind: 'start', heldOn, notes: 'Doelen per school afgesproken.' });
  expect(session.status).toBe(200);
  expect(session.body.trajectories[0].startSession).toEqual({ heldOn, notes: 'Doelen per school afgesproken.' });
  const training = await api(stack, 'POST', `/api/hubs/${hubId}/sessions`, { trajectoryId, kind: 'training', heldOn, topic: 'Modelen van leesstrategieën' });
  expect(training.body.trajectories[0]).toMatchObject({ trainings: [{ heldOn, topic: 'Modelen van leesstrategieën' }], trainingsGiven: 1 });

  // A name sent along is ignored: the session says who recorded it.
  const sharing = { kind: 'inspiration_session', title: 'Lezen met begrip in groep 5', heldOn, attendees: 35, recordedBy: 'Iemand Anders' };
  const shared = await api(stack, 'POST', `/api/hubs/${hubId}/knowledge-sharing`, sharing);
  expect(shared.status).toBe(200);
  expect(shared.body.knowledgeSharing).toEqual([{ ...sharing, recordedBy: 'Anna Visser' }]);
  const byStaff = await fetch(`${stack.apiUrl}/api/hubs/${hubId}/knowledge-sharing`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: stack.cookies.staff, origin: stack.apiUrl },
    body: JSON.stringify({ kind: 'webinar', title: 'Webinar voor de regio', heldOn, attendees: 0 }),
  });
  expect(byStaff.status).toBe(200);
  expect(((await byStaff.json()) as { knowledgeSharing: { recordedBy: string }[] }).knowledgeSharing[1]?.recordedBy).toBe('Bram de Boer');

  // The office releases a place: the first in line is offered it.
  const released = await api(stack, 'POST', `/api/hubs/${hubId}/release`, {
    trajectoryId,
    journeyId: first.journeyId,
    reason: 'De school heeft zich schriftelijk afgemeld.',
  });
  expect(released.status).toBe(200);
  expect(released.body.trajectories[0].list.offer.holder.journeyId).toBe(third.journeyId);

  const reason = 'De expertschool gaat door met twee leertrajecten volgend jaar.';
  const decided = await api(stack, 'POST', `/api/hubs/${hubId}/outcome`, { outcome: 'continue', reason, decidedBy: 'Iemand Anders' });
  expect(decided.status).toBe(200);
  expect(decided.body).toMatchObject({ status: 'open', outcome: { outcome: 'continue', reason, decidedBy: 'Anna Visser' } });
  const again = await api(stack, 'POST', `/api/hubs/${hubId}/outcome`, { outcome: 'stop', reason });
  expect(again.status).toBe(409);
  expect(again.body.error).toMatchObject({ code: 'not_allowed_now', message: 'Het besluit over het vervolg van deze hub is al vastgelegd.' });

  // The record agrees, once each answer's step was stored.
  expect(await stack.db.hubYear.findUniqueOrThrow({ where: { id: hubId } })).toMatchObject({ status: 'open', outcome: 'continue', decidedBy: 'Anna Visser' });
  expect(await stack.db.knowledgeSharing.count({ where: { hubId } })).toBe(2);
  const rows = await stack.db.trajectoryEnrolment.findMany({ where: { trajectoryId }, orderBy: { status: 'asc' } });
  expect(rows.map((r) => [r.journeyId, r.status])).toEqual([
    [second.journeyId, 'enrolled'],
    [third.journeyId, 'offered'],
    [first.journeyId, 'released'],
  ]);
});

test('bad input gets a Dutch 400 that names the field; an unknown hub a 404', async () => {
  const { hubId, trajectoryId } = await startHub(6);

  const badDate = await api(stack, 'POST', `/api/hubs/${hubId}/sessions`, { trajectoryId, kind: 'start', heldOn: 'gisteren' });
  expect(badDate.status).toBe(400);
  expect(badDate.body.error).toMatchObject({ code: 'invalid_input', issues: [{ path: ['heldOn'], message: 'Vul de datum in als JJJJ-MM-DD.' }] });

  const negative = await api(stack, 'POST', `/api/hubs/${hubId}/knowledge-sharing`, { kind: 'lezing', title: 'Lezing', heldOn, attendees: -1 });
  expect(negative.status).toBe(400);
  expect(negative.body.error.issues).toEqual([
    { path: ['kind'], message: 'Kies het soort activiteit: lezing, webinar, inspiratiesessie of anders.' },
    { path: ['attendees'], message: 'Het aantal deelnemers kan niet negatief zijn.' },
  ]);

  const shortReason = await api(stack, 'POST', `/api/hubs/${hubId}/outcome`, { outcome: 'stop', reason: 'Te kort' });
  expect(shortReason.status).toBe(400);
  expect(shortReason.body.error.message).toBe('Geef een reden voor het besluit (minstens 10 tekens).');

  // Checked by the hub itself: a date outside its year, a trajectory of another hub, a school not on the list.
  // Input of the right shape that a rule refuses: 422, as documented.
  const lastYear = await api(stack, 'POST', `/api/hubs/${hubId}/sessions`, { trajectoryId, kind: 'start', heldOn: '2020-09-01' });
  expect(lastYear.status).toBe(422);
  expect(lastYear.body.error.issues).toEqual([{ path: ['heldOn'], message: `De datum valt buiten het schooljaar ${schoolYear}.` }]);
  const otherHub = await api(stack, 'POST', `/api/hubs/${hubId}/sessions`, { trajectoryId: trajectoryIdOf('hub-99ZZ-2020-2021', 1), kind: 'start', heldOn });
  expect(otherHub.status).toBe(422);
  expect(otherHub.body.error).toMatchObject({ code: 'rule_violated', message: 'Dit leertraject hoort niet bij deze hub.' });
  const notListed = await api(stack, 'POST', `/api/hubs/${hubId}/release`, {
    trajectoryId,
    journeyId: 'journey-ontwikkelschool-99ZZ',
    reason: 'Deze school staat er niet op.',
  });
  expect(notListed.status).toBe(422);
  expect(notListed.body.error.message).toBe('Deze school staat niet (meer) op de lijst van dit leertraject.');

  expect((await api(stack, 'GET', '/api/hubs?schoolYear=2024')).status).toBe(400);
  expect((await api(stack, 'GET', '/api/hubs/hub-onbekend')).body.error).toMatchObject({ code: 'invalid_input', message: 'Onbekende hub.' });
  const unknown = await api(stack, 'GET', '/api/hubs/hub-99ZZ-2020-2021');
  expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found', message: 'Deze hub bestaat niet.' } } });
  const unknownAction = await api(stack, 'POST', '/api/hubs/hub-99ZZ-2020-2021/outcome', { outcome: 'stop', reason: 'Een reden van voldoende lengte.' });
  expect(unknownAction.status).toBe(404);
});

test('a hub whose workflow is gone is read from the record', async () => {
  const { brin } = await snapshotOf('Expertschool Het Baken');
  const hubId = hubWorkflowId(brin, '2020-2021');
  const trajectoryId = trajectoryIdOf(hubId, 1);
  const step: HubStep = {
    hubId,
    seq: 7,
    at: '2021-07-31T22:00:00.000Z',
    actor: 'system',
    change: 'hub_closed',
    hub: {
      journeyId: `journey-expertschool-${brin}`,
      brin,
      schoolYear: '2020-2021',
      status: 'closed',
      outcome: { outcome: 'stop', reason: 'De school stopt na dit jaar.', decidedBy: 'Anna Visser', decidedAt: '2021-07-01T10:00:00.000Z' },
    },
    trajectories: [{ trajectoryId, position: 1, title: 'Rekenen', places: 4, startSessionOn: '2020-09-15', trainingsGiven: 3 }],
    enrolments: [
      {
        trajectoryId,
        journeyId: 'journey-ontwikkelschool-11AA',
        brin: '11AA',
        status: 'enrolled',
        waitingPosition: null,
        requestedAt: '2020-08-20T10:00:00.000Z',
        enrolledAt: '2020-08-20T10:00:00.000Z',
        offerExpiresAt: null,
        endedAt: null,
      },
    ],
    knowledgeSharing: [{ id: `${hubId}#1`, kind: 'lecture', title: 'Rekenen met inzicht', heldOn: '2021-03-10', attendees: 80, recordedBy: 'Anna Visser' }],
  };
  await recordHubStep(stack.db, step);
  // An older step arriving late changes nothing.
  await recordHubStep(stack.db, { ...step, seq: 3, hub: { ...step.hub, status: 'open', outcome: null }, knowledgeSharing: [] });

  const read = await api(stack, 'GET', `/api/hubs/${hubId}`);
  expect(read.status).toBe(200);
  expect(read.body).toMatchObject({
    hubId,
    status: 'closed',
    school: { brin, name: 'Expertschool Het Baken' },
    trajectories: [
      {
        trajectoryId,
        title: 'Rekenen',
        startSession: { heldOn: '2020-09-15', notes: '' },
        trainingsGiven: 3,
        list: { places: 4, taken: [{ journeyId: 'journey-ontwikkelschool-11AA', brin: '11AA', since: '2020-08-20T10:00:00.000Z' }], waiting: [], offer: null },
      },
    ],
    knowledgeSharing: [{ kind: 'lecture', title: 'Rekenen met inzicht', heldOn: '2021-03-10', attendees: 80, recordedBy: 'Anna Visser' }],
    outcome: { outcome: 'stop', reason: 'De school stopt na dit jaar.', decidedBy: 'Anna Visser' },
  });
});

test('no way in without a session: 401 on every hub route', async () => {
  const { hubId } = await startHub(6);
  for (const [method, path] of [
    ['GET', '/api/hubs'],
    ['GET', `/api/hubs/${hubId}`],
    ['GET', '/api/trajectories'],
    ['POST', `/api/hubs/${hubId}/sessions`],
    ['POST', `/api/hubs/${hubId}/knowledge-sharing`],
    ['POST', `/api/hubs/${hubId}/outcome`],
    ['POST', `/api/hubs/${hubId}/release`],
  ] as const) {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
      body: method === 'POST' ? JSON.stringify({ outcome: 'stop', reason: 'Zonder sessie geprobeerd.' }) : undefined,
    });
    expect([method, path, response.status]).toEqual([method, path, 401]);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('Log in als medewerker van het programmabureau.');
  }
  const { body: document } = await api(stack, 'GET', '/openapi.json');
  expect(document.paths['/api/hubs/{hubId}/outcome'].post.security).toEqual([{ officeSession: [] }]);
  expect(document.paths['/api/hubs/{hubId}/outcome'].post.requestBody.content['application/json'].schema.$ref).toBe(
    '#/components/schemas/RecordHubOutcomeRequest',
  );
  // Who decided comes from the session: a request may send it along, documented as ignored.
  expect(document.components.schemas.RecordHubOutcomeRequest.properties.decidedBy).toEqual({ description: expect.stringMatching(/^Ignored/) });
  expect(document.components.schemas.RecordHubOutcomeRequest.required).not.toContain('decidedBy');
});

test('the office pages: the hubs of a year, one hub, and its forms (with the CSRF token; errors shown at the form)', async () => {
  const { hubId, handle, trajectoryId } = await startHub(1);
  const enrolled = await ask(handle, trajectoryId, 'Ontwikkelschool De Sterrenwacht');
  await ask(handle, trajectoryId, 'Ontwikkelschool Het Kompas');
  const page = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.apiUrl}${path}`, { ...init, redirect: 'manual', headers: { cookie: stack.cookies.staff, ...init.headers } });
  const post = (path: string, fields: Record<string, string>) =>
    page(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

  const list = await page(`/kantoor/hubs?schooljaar=${schoolYear}`);
  expect(list.status).toBe(200);
  expect(await list.text()).toContain(`href="/kantoor/hubs/${hubId}"`);

  const hubPage = await page(`/kantoor/hubs/${hubId}`);
  expect(hubPage.status).toBe(200);
  const html = await hubPage.text();
  expect(html).toContain('Leertraject 1: Begrijpend lezen');
  expect(html).toContain('Ontwikkelschool De Sterrenwacht');
  expect(html).toContain('wachtlijst 1');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

  const forged = await post(`/kantoor/hubs/${hubId}/acties/knowledge-sharing`, {
    _csrf: 'geraden',
    kind: 'webinar',
    title: 'Webinar',
    heldOn,
    attendees: '10',
  });
  expect(forged.status).toBe(403);
  const bad = await post(`/kantoor/hubs/${hubId}/acties/knowledge-sharing`, { _csrf: csrf, kind: 'webinar', title: 'Webinar', heldOn: '', attendees: 'tien' });
  expect(bad.status).toBe(400);
  const badHtml = await bad.text();
  expect(badHtml).toContain('Vul de datum in als JJJJ-MM-DD.');
  expect(badHtml).toContain('Vul het aantal deelnemers in als getal.');

  const shared = await post(`/kantoor/hubs/${hubId}/acties/knowledge-sharing`, {
    _csrf: csrf,
    kind: 'webinar',
    title: 'Webinar voor de regio',
    heldOn,
    attendees: '12',
  });
  expect(shared.status).toBe(303);
  expect(shared.headers.get('location')).toBe(`/kantoor/hubs/${hubId}?gedaan=knowledge-sharing`);
  const released = await post(`/kantoor/hubs/${hubId}/acties/release`, {
    _csrf: csrf,
    place: `${trajectoryId}|${enrolled.journeyId}`,
    reason: 'De school heeft zich afgemeld.',
  });
  expect(released.status).toBe(303);
  const after = await (await page(`/kantoor/hubs/${hubId}?gedaan=release`)).text();
  expect(after).toContain('Webinar voor de regio');
  expect(after).toContain('plaats aangeboden');
  expect(after).not.toContain('Ontwikkelschool De Sterrenwacht');

  expect((await page('/kantoor/hubs/hub-99ZZ-2020-2021')).status).toBe(404);
  expect((await fetch(`${stack.apiUrl}/kantoor/hubs`, { redirect: 'manual' })).status).toBe(401);
});
