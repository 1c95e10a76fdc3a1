/**
 * The decade of `npm run simulate` at a tiny size on the test harness: two school years, twelve
 * schools, one place per trajectory so that waiting lists form. What the simulation reports (the
 * office's KPIs, places per school year) agrees with the record in PostgreSQL, and no trajectory
 * holds more schools than it has places.
 */
import { DEFAULT_OPTIONS, simulateDecade, type SimulationResult } from '../../bench/simulation/decade';
import { checkAgainstRecord } from '../../bench/simulation/record-check';
import { startTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

let h: TimeSkippingHarness;
let result: SimulationResult;

beforeAll(async () => {
  h = await startTimeSkippingHarness();
  result = await simulateDecade(
    { env: h.env, client: h.env.client, db: h.db, taskQueue: h.taskQueue },
    { ...DEFAULT_OPTIONS, schools: 12, years: 2, places: 1, seed: 3, expertschoolShare: 0.4, aspirantBehindShare: 1, concurrency: 8 },
  );
}, 180_000);
afterAll(async () => {
  await h?.close();
});

const sum = (values: (number | null)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);

test('every action was accepted and every journey is on record', async () => {
  expect(result.refusals).toEqual([]);
  expect(result.outcomesLost).toEqual([]);
  expect(await h.db.journey.count()).toBe(result.journeys.total);
  expect(result.journeys.total).toBeGreaterThanOrEqual(12);
});

test('the KPI report counts what the record holds: schools trained are the completed ontwikkelschool journeys', async () => {
  const kpi = (key: string, sector: string) => result.reports.kpis.find((k) => k.key === key && k.sector === sector)!.actual!;
  const completed = await h.db.journey.findMany({
    where: { track: 'ontwikkelschool', outcome: 'completed' },
    select: { school: { select: { sector: true } } },
  });
  expect(completed.length).toBeGreaterThan(0);
  expect(kpi('schools_trained', 'PO') + kpi('schools_trained', 'VO')).toBe(completed.filter((j) => j.school.sector !== 'SO').length);
  expect(sum(result.places.map((p) => p.completed))).toBe(completed.length);
  const trained = await h.db.aspirantYear.count({ where: { outcome: 'expertschool' } });
  expect(kpi('expertschools_trained', 'PO') + kpi('expertschools_trained', 'VO') + kpi('expertschools_trained', 'SO')).toBe(trained);
});

test('places per school year add up, and no trajectory is overbooked', async () => {
  expect(result.places.map((p) => p.schoolYear)).toEqual([result.firstSchoolYear, result.lastSchoolYear]);
  for (const p of result.places) {
    expect(p.enrolled + p.unplaced).toBe(p.schoolsWanting);
    // The schools choose where a place is free: nobody waits while a place is left.
    expect(p.enrolled).toBe(Math.min(p.schoolsWanting, p.placesOffered));
    expect(p.placesNeeded).toBe(Math.max(0, p.schoolsWanting - p.placesOffered));
    // After the year: each school that wanted a place completed, stopped, or never got one.
    expect(sum([p.completed, p.stopped, p.withoutPlace])).toBe(p.schoolsWanting);
  }
  expect(sum(result.places.map((p) => p.placesNeeded))).toBeGreaterThan(0); // one place per trajectory: waiting lists formed

  const trajectories = await h.db.hubTrajectory.findMany({ include: { enrolments: true } });
  expect(trajectories.length).toBeGreaterThan(0);
  for (const t of trajectories) expect(t.enrolments.filter((e) => e.status === 'enrolled').length).toBeLessThanOrEqual(t.places);
});

test('the check npm run simulate prints with its report finds the report exact against the record', async () => {
  const check = await checkAgainstRecord(h.db, result);
  expect(check.mismatches).toEqual([]);
  expect(check.kpisCompared).toBeGreaterThanOrEqual(7);
  // …and it would say so if a figure were off.
  const [first, ...rest] = result.reports.kpis;
  const off = await checkAgainstRecord(h.db, { ...result, reports: { ...result.reports, kpis: [{ ...first!, actual: (first!.actual ?? 0) + 1 }, ...rest] } });
  expect(off.exact).toBe(false);
  expect(off.mismatches).toHaveLength(1);
});
