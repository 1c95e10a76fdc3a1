/**
 * Cohorts of the school development trajectory over HTTP, on the Temporal dev server with a real
 * worker, PostgreSQL and SMTP: an admin creates a cohort, the office registers VO schools, each
 * school leader completes the registration with the link from the mail, and the office asks for
 * the development groups: 23 schools over 4 themes give groups of 5 to 7 where possible, and the
 * office is told in Dutch who cannot be grouped and why.
 */
import type { DevelopmentTheme } from '../../domain/development-groups';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { cohortRequest, registration } from '../support/cohorts';
import { createSchool } from '../support/fixtures';
import { getPage, linkIn, tokenOf } from '../support/school-links';
import { until } from '../support/until';

let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack({ worker: true });
});
afterAll(async () => {
  await stack?.close();
});

async function asStaff(method: 'GET' | 'POST', route: string, body?: unknown) {
  const response = await fetch(`${stack.apiUrl}${route}`, {
    method,
    headers: { cookie: stack.cookies.staff, origin: stack.apiUrl, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

test('creating a cohort: admins only, Dutch refusals of bad input, one cohort per id', async () => {
  const request = cohortRequest(Date.now());
  expect((await asStaff('POST', '/api/cohorts', request)).status).toBe(403);

  const year = request.startDayOn.slice(0, 4);
  const late = await api(stack, 'POST', '/api/cohorts', { ...request, kickOffOn: `${year}-09-20` });
  // Rules across fields, which no schema can say: 422.
  expect(late.status).toBe(422);
  expect(late.body.error.issues).toContainEqual({ path: ['kickOffOn'], message: 'De kick-off is vóór de startdag.' });
  const october = await api(stack, 'POST', '/api/cohorts', { ...request, startDayOn: `${year}-10-05` });
  expect(october.status).toBe(422);
  expect(october.body.error.issues).toEqual([
    { path: ['startDayOn'], message: `De startdag valt in september ${year}, het begin van schooljaar ${request.schoolYear}.` },
  ]);
  const small = await api(stack, 'POST', '/api/cohorts', { ...request, capacity: 2 });
  expect(small.body.error.issues).toEqual([{ path: ['capacity'], message: 'Een cohort heeft minstens 5 plaatsen: een ontwikkelgroep telt 5 tot 7 scholen.' }]);

  const created = await api(stack, 'POST', '/api/cohorts', request);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ id: request.id, status: 'registration', capacity: 6, kickOffOn: request.kickOffOn, startDayOn: request.startDayOn });
  expect((await api(stack, 'POST', '/api/cohorts', request)).status).toBe(409);
  expect((await asStaff('GET', '/api/cohorts')).body.map((c: { id: string }) => c.id)).toContain(request.id);

  // Only VO schools take part; an unknown cohort is said to be unknown.
  const po = await createSchool(stack.db, { name: 'Basisschool De Regenboog', sector: 'PO' });
  const refused = await asStaff('POST', `/api/cohorts/${request.id}/registrations`, { brin: po.brin });
  expect(refused.status).toBe(422);
  expect(refused.body.error.message).toBe('Het traject Schoolontwikkeltraject (VO) is voor scholen uit VO; Basisschool De Regenboog is een PO-school.');
  expect((await asStaff('POST', '/api/cohorts/bestaat-niet/registrations', { brin: po.brin })).status).toBe(404);

  // A cohort nobody registered for cannot form a group: confirming says so, with the reason.
  expect((await asStaff('POST', `/api/cohorts/${request.id}/groups/confirm`)).status).toBe(409);
  const empty = await asStaff('POST', `/api/cohorts/${request.id}/groups/proposal`);
  expect(empty.body.proposal).toMatchObject({ groups: [], problems: [{ theme: null }] });
  const impossible = await asStaff('POST', `/api/cohorts/${request.id}/groups/confirm`);
  expect(impossible.status).toBe(422);
  expect(impossible.body.error.message).toMatch(/^Er kan nog geen ontwikkelgroep worden gevormd\. Er zijn nog geen scholen aangemeld/);
  expect(impossible.body.error.issues).toEqual([{ path: ['groups'], message: empty.body.proposal.problems[0].message }]);
});

test('23 schools over 4 themes: registration by link, intake, groups of 5 to 7 where possible, the rest explained', async () => {
  const request = { ...cohortRequest(Date.now()), capacity: 25 };
  expect((await api(stack, 'POST', '/api/cohorts', request)).status).toBe(201);

  const themes: DevelopmentTheme[] = [
    ...Array<DevelopmentTheme>(7).fill('wellbeing'),
    ...Array<DevelopmentTheme>(6).fill('motivation'),
    ...Array<DevelopmentTheme>(6).fill('formative'),
    ...Array<DevelopmentTheme>(4).fill('teamwork'),
  ];
  const journeys: { journeyId: string; theme: DevelopmentTheme }[] = [];
  // A few at a time: the machine has two cores for the dev server, the worker, PostgreSQL and the API.
  for (let start = 0; start < themes.length; start += 4) {
    const batch = themes.slice(start, start + 4);
    journeys.push(
      ...(await Promise.all(
        batch.map(async (theme, offset) => {
          const school = await createSchool(stack.db, { name: `VO-school ${start + offset + 1}`, sector: 'VO' });
          const started = await asStaff('POST', `/api/cohorts/${request.id}/registrations`, { brin: school.brin });
          expect(started.status).toBe(201);
          const { journeyId } = started.body as { journeyId: string };
          const mail = await stack.mail.waitFor((m) => m.to === school.contactEmail && m.subject.startsWith(`Meld uw school aan voor ${request.name}`), 30_000);
          const token = tokenOf(linkIn(mail));
          if (start === 0 && offset === 0) {
            // Bad input is refused in Dutch by its field; the link stays usable.
            const bad = await api(stack, 'POST', `/api/journeys/${journeyId}/registration`, { ...registration(theme), secondTheme: theme }, token);
            expect(bad.status).toBe(422);
            expect(bad.body.error.issues).toContainEqual({ path: ['secondTheme'], message: 'Kies als tweede thema een ander thema dan het eerste.' });
          }
          const submitted = await api(stack, 'POST', `/api/journeys/${journeyId}/registration`, registration(theme), token);
          expect(submitted.status).toBe(200);
          expect(submitted.body).toMatchObject({ phase: 'intake', registration: { place: 'placed', theme } });
          const intake = await asStaff('POST', `/api/journeys/${journeyId}/intake-outcome`, { outcome: 'ontwikkelschool', notes: 'Online intake gehouden.' });
          expect(intake.body).toMatchObject({ phase: 'grouping', intake: { recordedBy: 'Bram de Boer' } });
          return { journeyId, theme };
        }),
      )),
    );
  }

  const proposed = await asStaff('POST', `/api/cohorts/${request.id}/groups/proposal`);
  expect(proposed.status).toBe(200);
  const sizes = proposed.body.proposal.groups.map((g: { theme: string; members: unknown[] }) => [g.theme, g.members.length]);
  expect(sizes).toEqual([
    ['motivation', 6],
    ['wellbeing', 7],
    ['formative', 6],
  ]);
  // Registered four at a time, so the cohort's order (first come, first served) may differ from the test's.
  expect(proposed.body.proposal.problems).toEqual([
    {
      theme: 'teamwork',
      journeyIds: expect.arrayContaining(journeys.filter((j) => j.theme === 'teamwork').map((j) => j.journeyId)),
      message:
        'Voor het thema Samenwerken in het team blijven 4 scholen over; een groep telt 5 tot 7 scholen. Voeg deze scholen samen met een ander thema of wacht op meer aanmeldingen.',
    },
  ]);

  // The office reads the same: places, no waiting list, the proposal and its problems.
  const read = await asStaff('GET', `/api/cohorts/${request.id}`);
  expect(read.body).toMatchObject({ cohortId: request.id, capacity: 25, places: { waiting: [] }, readyForGrouping: expect.any(Array) });
  expect(read.body.places.taken).toHaveLength(23);
  expect(read.body.proposal.problems).toHaveLength(1);

  const confirmed = await asStaff('POST', `/api/cohorts/${request.id}/groups/confirm`);
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.groups.map((g: { groupId: string; confirmedBy: string }) => [g.groupId, g.confirmedBy])).toEqual([
    [`${request.id}/motivation-1`, 'Bram de Boer'],
    [`${request.id}/wellbeing-1`, 'Bram de Boer'],
    [`${request.id}/formative-1`, 'Bram de Boer'],
  ]);
  expect(await stack.db.developmentGroup.count({ where: { cohortId: request.id, status: 'confirmed' } })).toBe(3);

  // Grouped schools prepare for the kick-off; the four of the fourth theme stay in grouping, and confirming again says why.
  const grouped = journeys.find((j) => j.theme === 'wellbeing')!;
  const prepared = await until(
    () => asStaff('GET', `/api/journeys/${grouped.journeyId}`),
    (r) => r.body.phase === 'preparation',
    'a grouped school in preparation',
  );
  expect(prepared.body.developmentGroup).toMatchObject({ groupId: `${request.id}/wellbeing-1`, kickOffOn: request.kickOffOn, startDayOn: request.startDayOn });
  const left = journeys.find((j) => j.theme === 'teamwork')!;
  expect((await asStaff('GET', `/api/journeys/${left.journeyId}`)).body).toMatchObject({ phase: 'grouping', developmentGroup: null });
  const again = await asStaff('POST', `/api/cohorts/${request.id}/groups/confirm`);
  expect(again.status).toBe(422);
  expect(again.body.error.issues).toEqual([{ path: ['groups'], message: expect.stringContaining('Samenwerken in het team') }]);
});

test('when a place frees up, the school still waiting reads its new place in line on its page and in its JSON view', async () => {
  const request = { ...cohortRequest(Date.now()), capacity: 5 };
  expect((await api(stack, 'POST', '/api/cohorts', request)).status).toBe(201);
  const schools: { journeyId: string; link: string }[] = [];
  // One after the other: first come, first served, so the last two wait in this order.
  for (let i = 1; i <= 7; i++) {
    const school = await createSchool(stack.db, { name: `VO-school Wachtrij ${i}`, sector: 'VO' });
    const { journeyId } = (await asStaff('POST', `/api/cohorts/${request.id}/registrations`, { brin: school.brin })).body as { journeyId: string };
    const link = linkIn(
      await stack.mail.waitFor((m) => m.to === school.contactEmail && m.subject.startsWith(`Meld uw school aan voor ${request.name}`), 30_000),
    );
    const submitted = await api(stack, 'POST', `/api/journeys/${journeyId}/registration`, registration('wellbeing'), tokenOf(link));
    expect(submitted.status).toBe(200);
    schools.push({ journeyId, link });
  }
  const last = schools[6]!;
  expect((await getPage(last.link)).html).toContain('op plaats 2');

  // A placed school is referred at intake: the first in line gets its place, the last moves up to first.
  const referred = await asStaff('POST', `/api/journeys/${schools[0]!.journeyId}/intake-outcome`, {
    outcome: 'other_pillar',
    notes: 'Past beter bij Groeikracht.',
  });
  expect(referred.status).toBe(200);
  const page = await until(
    () => getPage(last.link),
    (p) => p.html.includes('op plaats 1'),
    'the new place in line on the page',
  );
  expect(page.status).toBe(200);
  expect(page.html).toContain('Plaats op de wachtlijst');
  const view = await api(stack, 'GET', `/api/journeys/${last.journeyId}/school-view`, undefined, tokenOf(last.link));
  expect(view.status).toBe(200);
  expect(view.body).toMatchObject({ journeyId: last.journeyId, registration: { place: 'waiting', position: 1 } });
  expect(view.body).not.toHaveProperty('intake.notes');
});
