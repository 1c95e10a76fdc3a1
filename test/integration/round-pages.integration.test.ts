/**
 * The yearly round plan and the office's round pages on the Temporal dev server: a saved plan is a
 * recurring Schedule (read back with describe), firing it twice makes and opens exactly one round
 * for the plan's dates; the pages create, reschedule, open and cancel rounds only after their
 * "Weet u het zeker?" step, and refuse bad input in Dutch at the field, writing nothing.
 */
import { workflowType } from '../../workflows/contracts/workflow-types';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { RatesWarning } from '../../api/office/rates-warning';
import { ensureRoundPlanSchedules, openingsWithoutRates } from '../../services/rounds/round-plan';
import { formatInTimeZone } from 'date-fns-tz';
import { PROGRAMME_TIME_ZONE } from '../../domain/amsterdam-time';
import { currentPlannedRound, nextPlannedOpening, planRoundId, RoundPlan } from '../../domain/round-plan';
import { schoolYearOf } from '../../domain/school-year';
import { roundFromPlan } from '../../workflows/round-from-plan';
import { roundPlanScheduleId, type RoundFromPlanResult } from '../../workflows/contracts/round-from-plan';
import { roundScheduleId } from '../../workflows/contracts/subsidy-round';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { createSchool } from '../support/fixtures';
import { until } from '../support/until';

const DAY = 86_400_000;
let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack({ worker: true });
});
afterAll(async () => {
  await stack?.close();
});

/** Month and day in Amsterdam of a moment `days` from now. */
function amsterdamDay(days: number): { month: number; day: number } {
  const [month, day] = formatInTimeZone(new Date(Date.now() + days * DAY), PROGRAMME_TIME_ZONE, 'M-d')
    .split('-')
    .map(Number) as [number, number];
  return { month, day };
}

/** A form post as the browser sends it: urlencoded, with the session cookie; redirects are not followed. */
async function post(route: string, fields: Record<string, string | string[]>, cookie = stack.cookies.admin) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  const response = await fetch(`${stack.apiUrl}${route}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

async function page(route: string, cookie = stack.cookies.admin) {
  const response = await fetch(`${stack.apiUrl}${route}`, { headers: { cookie } });
  return { status: response.status, html: await response.text() };
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
/** The error shown at a field: its element `${id}-fout`. */
const errorAt = (html: string, id: string) => new RegExp(`id="${id}-fout">([^<]*)<`).exec(html)?.[1];

test('the yearly plan is a Schedule; firing it twice makes and opens one round for the plan’s dates', async () => {
  expect(roundFromPlan.name).toBe(workflowType.roundFromPlan);
  // Opened yesterday (from January to July: on 1 August, the school year's start), closes in three
  // weeks: the firing makes this school year's round and opens it at once. A round opening in a
  // January to July would be for the next school year, whose rates may not be published yet.
  const yesterday = amsterdamDay(-1);
  const opens = yesterday.month >= 8 ? yesterday : { month: 8, day: 1 };
  const closes = amsterdamDay(21);
  const plan = RoundPlan.parse({
    track: 'expertschool',
    opensMonth: opens.month,
    opensDay: opens.day,
    opensTime: '09:00',
    closesMonth: closes.month,
    closesDay: closes.day,
    closesTime: '17:00',
    capacity: 40,
    reminderDaysBefore: [7],
  });

  const refused = await api(stack, 'POST', '/api/round-plans', { ...plan, opensMonth: 2, opensDay: 29 });
  expect(refused.status).toBe(422);
  expect(refused.body.error.issues).toEqual([{ path: ['opensDay'], message: 'Deze dag bestaat niet in elk jaar in die maand.' }]);
  expect(await stack.db.roundPlan.count()).toBe(0);

  const saved = await api(stack, 'POST', '/api/round-plans', plan);
  expect(saved.status).toBe(200);
  expect((await api(stack, 'POST', '/api/round-plans', plan)).status).toBe(200); // saved again: the same Schedule, updated

  const handle = stack.client.schedule.getHandle(roundPlanScheduleId('expertschool'));
  const described = await handle.describe();
  expect(described.action).toMatchObject({
    type: 'startWorkflow',
    workflowType: workflowType.roundFromPlan,
    args: [{ track: 'expertschool' }],
    taskQueue: stack.taskQueue,
  });
  expect(described.spec.timezone).toBe(PROGRAMME_TIME_ZONE);
  // Next firing: next year's opening, 09:00 Amsterdam time.
  expect(described.info.nextActionTimes[0]?.toISOString()).toBe(nextPlannedOpening(plan, new Date()).opensAt.toISOString());

  const results: RoundFromPlanResult[] = [];
  for (let firing = 1; firing <= 2; firing++) {
    const second = Math.floor(Date.now() / 1000);
    // A new second: the Schedule names each run by the second it fired.
    await until(
      async () => Math.floor(Date.now() / 1000),
      (now) => now > second,
      'the next second',
    );
    await handle.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
    const fired = await until(
      () => handle.describe(),
      (d) => d.info.recentActions.length === firing,
      `firing ${firing}`,
    );
    const run = fired.info.recentActions[firing - 1]!.action.workflow;
    results.push(await stack.client.workflow.getHandle(run.workflowId, run.firstExecutionRunId).result());
  }

  const expected = currentPlannedRound(plan, new Date());
  expect(expected.schoolYear).toBe(schoolYearOf(new Date()));
  expect(results).toEqual([
    { roundId: planRoundId('expertschool', expected.schoolYear), schoolYear: expected.schoolYear, created: true },
    { roundId: planRoundId('expertschool', expected.schoolYear), schoolYear: expected.schoolYear, created: false },
  ]);
  const rounds = await stack.db.subsidyRound.findMany({ where: { tracks: { has: 'expertschool' }, schoolYear: expected.schoolYear } });
  expect(rounds).toHaveLength(1);
  const round = await until(
    () => api(stack, 'GET', `/api/rounds/${expected.id}`),
    (r) => r.body.status === 'open',
    'the planned round to open',
  );
  expect(round.body).toMatchObject({
    name: `Subsidieronde expertscholen ${expected.schoolYear}`,
    opensAt: expected.opensAt.toISOString(),
    closesAt: expected.closesAt.toISOString(),
    tracks: ['expertschool'],
    capacity: 40,
    reminderDaysBefore: [7],
  });
  expect(formatInTimeZone(new Date(round.body.opensAt), PROGRAMME_TIME_ZONE, 'M-d HH:mm')).toBe(`${opens.month}-${opens.day} 09:00`);
  expect(formatInTimeZone(new Date(round.body.closesAt), PROGRAMME_TIME_ZONE, 'M-d HH:mm')).toBe(`${closes.month}-${closes.day} 17:00`);

  // At worker start, a plan whose Schedule is gone (the Temporal server lost its state) gets it back.
  await handle.delete();
  expect(await ensureRoundPlanSchedules(stack.db, stack.client, stack.taskQueue)).toBe(1);
  expect((await handle.describe()).info.nextActionTimes[0]?.toISOString()).toBe(nextPlannedOpening(plan, new Date()).opensAt.toISOString());

  // The rounds page shows the plan, its next opening, and the round it made.
  const shown = await page('/kantoor/rondes', stack.cookies.staff);
  expect(shown.status).toBe(200);
  expect(shown.html).toContain('Jaarplanning');
  expect(shown.html).toContain(`Subsidieronde expertscholen ${expected.schoolYear}`);
  expect(shown.html).toContain(`schooljaar ${nextPlannedOpening(plan, new Date()).schoolYear}`);
});

test('the pages create, reschedule, open and cancel a round after confirming, and refuse bad input at the field', async () => {
  const list = await page('/kantoor/rondes');
  const csrf = csrfOf(list.html);
  expect(list.html).toContain('Ronde aanmaken');
  expect((await page('/kantoor/rondes', stack.cookies.staff)).html).not.toContain('Ronde aanmaken');
  const staffCsrf = csrfOf((await page('/kantoor/rondes', stack.cookies.staff)).html);
  expect((await post('/kantoor/rondes/acties/create', { _csrf: staffCsrf }, stack.cookies.staff)).status).toBe(403);
  expect((await post('/kantoor/rondes/acties/create', { _csrf: 'geraden' })).status).toBe(403);

  const id = `pagina-${Date.now()}`;
  const day = (days: number) => formatInTimeZone(new Date(Date.now() + days * DAY), PROGRAMME_TIME_ZONE, "yyyy-MM-dd'T'HH:mm");
  const form = {
    _csrf: csrf,
    id,
    name: 'Extra ronde ontwikkelscholen',
    schoolYear: schoolYearOf(new Date()),
    opensAt: day(10),
    closesAt: day(40),
    tracks: ['ontwikkelschool'],
    capacity: '',
    reminderDaysBefore: '14, 3',
  };
  const before = await stack.db.subsidyRound.count();

  // Impossible dates and closing before opening: said at the fields, nothing written.
  const impossible = await post('/kantoor/rondes/acties/create', { ...form, opensAt: '2027-02-30T09:00' });
  expect(impossible.status).toBe(400);
  expect(errorAt(impossible.html, 'create-opensAt')).toBe('Vul een moment in als 2027-04-25T09:00 (Nederlandse tijd).');
  const backwards = await post('/kantoor/rondes/acties/create', { ...form, closesAt: day(5) });
  expect(errorAt(backwards.html, 'create-closesAt')).toBe('Een ronde sluit na het moment waarop zij opent.');
  const noTrack = await post('/kantoor/rondes/acties/create', { ...form, tracks: [] });
  expect(errorAt(noTrack.html, 'create-tracks')).toBe('Kies voor welke trajecten de ronde is.');
  expect(noTrack.html).toContain(`value="${form.name}"`);

  // Step one asks; only step two writes.
  const confirm = await post('/kantoor/rondes/acties/create', form);
  expect(confirm.status).toBe(200);
  expect(confirm.html).toContain('Weet u het zeker?');
  expect(confirm.html).toContain('name="bevestigd" value="ja"');
  expect(await stack.db.subsidyRound.count()).toBe(before);
  const created = await post('/kantoor/rondes/acties/create', { ...form, bevestigd: 'ja' });
  expect([created.status, created.location]).toEqual([303, `/kantoor/rondes/${id}?gedaan=create`]);
  expect(await stack.db.subsidyRound.findUnique({ where: { id } })).toMatchObject({ status: 'scheduled', tracks: ['ontwikkelschool'], capacity: null });
  expect((await stack.client.schedule.getHandle(roundScheduleId(id)).describe()).state.remainingActions).toBe(1);
  // The same again: the id exists, said at the id.
  const again = await post('/kantoor/rondes/acties/create', { ...form, bevestigd: 'ja' });
  expect(again.status).toBe(409);
  expect(errorAt(again.html, 'create-id')).toContain(id);

  const base = `/kantoor/rondes/${id}`;
  expect((await page(base)).html).toContain('Nog geen school heeft in deze ronde een aanvraag.');

  // Schools drafting and submitted in the round, as their journeys record them: listed, linked to their cases.
  const drafting = await createSchool(stack.db, { name: 'Basisschool De Linde' });
  const submitting = await createSchool(stack.db, { name: 'Kindcentrum Het Anker' });
  for (const [school, status] of [
    [drafting, 'draft'],
    [submitting, 'submitted'],
  ] as const) {
    const journeyId = `journey-ontwikkelschool-${school.brin}`;
    await stack.db.journey.create({
      data: { id: journeyId, brin: school.brin, track: 'ontwikkelschool', cycle: 0, phase: 'application', lastStep: 1, roundId: id },
    });
    await stack.db.application.create({
      data: {
        id: `${journeyId}/${id}`,
        journeyId,
        roundId: id,
        schoolYear: form.schoolYear,
        status,
        otherSubsidies: [],
        submittedAt: status === 'submitted' ? new Date() : null,
      },
    });
  }
  const listed = (await page('/kantoor/rondes', stack.cookies.staff)).html;
  expect(listed).toContain(`Scholen in ${form.name}: 1 in concept, 1 ingediend`);
  expect(listed).toContain(
    `<a class="utrecht-link utrecht-link--html-a" href="/kantoor/dossiers/journey-ontwikkelschool-${drafting.brin}">Basisschool De Linde</a> (in concept)`,
  );
  expect(listed).toContain(
    `<a class="utrecht-link utrecht-link--html-a" href="/kantoor/dossiers/journey-ontwikkelschool-${submitting.brin}">Kindcentrum Het Anker</a> (ingediend)`,
  );
  const roundPage = await page(base);
  expect(roundPage.status).toBe(200);
  expect(roundPage.html).toContain(`href="/kantoor/dossiers/journey-ontwikkelschool-${submitting.brin}">Kindcentrum Het Anker</a>`);

  // Reschedule: closing before the opening refused before confirming; then moved.
  const early = await post(`${base}/acties/reschedule`, { _csrf: csrf, opensAt: '', closesAt: day(8) });
  expect(early.status).toBe(422);
  expect(errorAt(early.html, 'reschedule-closesAt')).toBe('Een ronde sluit na het moment waarop zij opent.');
  const moveConfirm = await post(`${base}/acties/reschedule`, { _csrf: csrf, opensAt: '', closesAt: day(50) });
  expect(moveConfirm.html).toContain('Weet u het zeker?');
  const moved = await post(`${base}/acties/reschedule`, { _csrf: csrf, opensAt: '', closesAt: day(50), bevestigd: 'ja' });
  expect(moved.location).toBe(`${base}?gedaan=reschedule`);
  const movedRow = await stack.db.subsidyRound.findUnique({ where: { id } });
  expect(formatInTimeZone(movedRow!.closesAt, PROGRAMME_TIME_ZONE, "yyyy-MM-dd'T'HH:mm")).toBe(day(50));

  // Open now.
  expect((await post(`${base}/acties/open-now`, { _csrf: csrf })).html).toContain('Ja, open de ronde nu');
  expect((await stack.db.subsidyRound.findUnique({ where: { id } }))!.status).toBe('scheduled');
  expect((await post(`${base}/acties/open-now`, { _csrf: csrf, bevestigd: 'ja' })).location).toBe(`${base}?gedaan=open-now`);
  await until(
    () => stack.db.subsidyRound.findUnique({ where: { id } }),
    (row) => row?.status === 'open',
    'the round to open',
  );

  // Cancel: a reason is needed; after it, the round takes no more changes.
  const short = await post(`${base}/acties/cancel`, { _csrf: csrf, reason: 'kort' });
  expect(short.status).toBe(400);
  expect(errorAt(short.html, 'cancel-reason')).toBe('Geef een reden voor het annuleren (minstens 10 tekens).');
  const reason = 'Te weinig belangstelling voor deze extra ronde.';
  expect((await post(`${base}/acties/cancel`, { _csrf: csrf, reason })).html).toContain('Ja, annuleer de ronde');
  expect((await post(`${base}/acties/cancel`, { _csrf: csrf, reason, bevestigd: 'ja' })).location).toBe(`${base}?gedaan=cancel`);
  await until(
    () => stack.db.subsidyRound.findUnique({ where: { id } }),
    (row) => row?.status === 'cancelled',
    'the round to be cancelled',
  );
  const late = await post(`${base}/acties/reschedule`, { _csrf: csrf, opensAt: '', closesAt: day(60), bevestigd: 'ja' });
  expect(late.status).toBe(409);
  expect(late.html).toContain('Deze ronde is al geannuleerd; wijzigen kan niet meer.');
  expect((await stack.db.subsidyRound.findUnique({ where: { id } }))!.closesAt).toEqual(movedRow!.closesAt);

  // The plan's form: a day not every year has is refused at its field, nothing saved.
  const plansBefore = await stack.db.roundPlan.count();
  const badPlan = await post('/kantoor/rondes/acties/plan-ontwikkelschool', {
    _csrf: csrf,
    opensDay: '30',
    opensMonth: '2',
    opensTime: '09:00',
    closesDay: '1',
    closesMonth: '10',
    closesTime: '17:00',
    capacity: '',
    reminderDaysBefore: '14, 3',
  });
  expect([...badPlan.html.matchAll(/-fout">([^<]*)</g)].map((m) => m[1])).toEqual(['Deze dag bestaat niet in elk jaar in die maand.']);
  expect(badPlan.status).toBe(400);
  expect(await stack.db.roundPlan.count()).toBe(plansBefore);
  expect((await page('/kantoor/rondes/bestaat-niet')).status).toBe(404);
});

test('the dashboard warns eight weeks ahead when a planned round’s school year has no amounts yet', async () => {
  await stack.db.roundPlan.upsert({
    where: { track: 'ontwikkelschool' },
    create: {
      track: 'ontwikkelschool',
      opensMonth: 5,
      opensDay: 1,
      opensTime: '09:00',
      closesMonth: 7,
      closesDay: 1,
      closesTime: '17:00',
      reminderDaysBefore: [14],
      updatedBy: 'test',
    },
    update: { opensMonth: 5, opensDay: 1, opensTime: '09:00', closesMonth: 7, closesDay: 1, closesTime: '17:00' },
  });
  const tracksOf = async (now: string) => (await openingsWithoutRates(stack.db, new Date(now))).filter((o) => o.track === 'ontwikkelschool');
  // 2031-2032 has no amounts: 89 days before the opening nothing yet, 42 days before a warning.
  expect(await tracksOf('2031-02-01T12:00:00Z')).toEqual([]);
  const missing = await tracksOf('2031-03-20T12:00:00Z');
  expect(missing.map((o) => [o.schoolYear, o.opensAt.toISOString()])).toEqual([['2031-2032', '2031-05-01T07:00:00.000Z']]);
  // 2026-2027 has its amounts: no warning.
  expect(await tracksOf('2026-04-01T12:00:00Z')).toEqual([]);

  const html = renderToString(h(RatesWarning, { openings: missing }));
  expect(html).toContain('Subsidiebedragen voor 2031-2032 ontbreken');
  expect(html).toContain('De ronde voor ontwikkelscholen opent volgens de jaarplanning op donderdag 1 mei 2031 om 09:00');
  expect((await page('/kantoor')).status).toBe(200);
});
