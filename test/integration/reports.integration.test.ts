/**
 * The office's reports against PostgreSQL: on a seeded record of schools, journeys, aspirant years
 * and applications, every KPI and equal-access figure equals the count made directly from the
 * seed, for all time and for a period.
 */
import { buildReports, EqualAccessMarker, reportRows } from '../../services/office/reports';
import { JourneyPhase } from '../../domain/journey';
import { createDb, type Db } from '../../platform/db';
import { createTestDatabase } from '../support/database';

let db: Db;
beforeAll(async () => {
  db = createDb(await createTestDatabase());
});
afterAll(async () => {
  await db?.$disconnect();
});

/** A small deterministic generator, so the seed is the same on every run. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

interface Seeded {
  brin: string;
  sector: 'PO' | 'VO' | 'SO';
  markers: EqualAccessMarker[];
  startedAt: Date;
  phase: JourneyPhase;
  roundId: string | null;
  aspirantOutcome: 'expertschool' | 'dropped_out' | null;
  approvedAmount: number | null;
}

const seeded: Seeded[] = [];

beforeAll(async () => {
  const r = random(2026);
  for (let i = 0; i < 120; i++) {
    const brin = `${String(i % 100).padStart(2, '0')}${'ABCDEFGHIJ'[Math.floor(i / 100)]}${'KLMNOPQRST'[i % 10]}`;
    const sector = r.pick(['PO', 'VO', 'SO'] as const);
    const markers = EqualAccessMarker.options.filter(() => r.next() < 0.25);
    const startedAt = new Date(Date.UTC(2025, Math.floor(r.next() * 24), 1 + Math.floor(r.next() * 27)));
    const phase = r.pick(JourneyPhase.options);
    const roundId = phase === 'conversation' || phase === 'intake' ? null : r.pick(['2025-voorjaar', '2026-voorjaar']);
    const aspirantOutcome =
      phase === 'hub_year' ? 'expertschool' : phase === 'aspirant_year' || phase === 'closed' ? r.pick(['expertschool', 'dropped_out', null] as const) : null;
    const approvedAmount = roundId && ['approved', 'aspirant_year', 'hub_year'].includes(phase) ? 35_616 + 8_480 * Math.floor(r.next() * 7) : null;
    seeded.push({ brin, sector, markers, startedAt, phase, roundId, aspirantOutcome, approvedAmount });
  }
  for (const s of seeded) {
    const journeyId = `journey-expertschool-${s.brin}`;
    await db.school.create({
      data: {
        brin: s.brin,
        name: `School ${s.brin}`,
        sector: s.sector,
        region: 'Utrecht',
        contactEmail: `${s.brin}@school.example`,
        inspectionRating: 'goed',
        equalAccessMarkers: s.markers,
      },
    });
    await db.journey.create({
      data: { id: journeyId, brin: s.brin, track: 'expertschool', cycle: 0, phase: s.phase, roundId: s.roundId, lastStep: 1, startedAt: s.startedAt },
    });
    if (s.aspirantOutcome)
      await db.aspirantYear.create({ data: { id: `${journeyId}/2025-2026`, journeyId, schoolYear: '2025-2026', outcome: s.aspirantOutcome } });
    if (s.approvedAmount !== null) {
      await db.application.create({
        data: {
          id: `${journeyId}/${s.roundId}`,
          journeyId,
          roundId: s.roundId!,
          schoolYear: s.roundId!.startsWith('2025') ? '2025-2026' : '2026-2027',
          status: 'approved',
          amountEuros: s.approvedAmount,
        },
      });
    }
  }
});

const count = <T>(items: T[], keep: (item: T) => boolean) => items.filter(keep).length;

test('KPIs, phases per round and subsidy per round equal the counts made from the seed', async () => {
  const reports = await buildReports(db, {});
  for (const sector of ['PO', 'VO', 'SO'] as const) {
    const kpi = reports.kpis.find((k) => k.key === 'expertschools_trained' && k.sector === sector)!;
    expect([sector, kpi.actual]).toEqual([sector, count(seeded, (s) => s.sector === sector && s.aspirantOutcome === 'expertschool')]);
  }
  expect(reports.kpis.find((k) => k.key === 'expertschools_trained' && k.sector === 'PO')!.target).toBe(15);
  // No hubs or ontwikkelscholen in this seed: the hub KPIs count nothing (they have their own test).
  expect(reports.kpis.filter((k) => k.key === 'schools_trained').map((k) => [k.sector, k.target, k.actual])).toEqual([
    ['PO', 30, 0],
    ['VO', 30, 0],
  ]);

  for (const { roundId, counts } of reports.phasesByRound) {
    for (const phase of JourneyPhase.options) {
      expect([roundId, phase, counts[phase] ?? 0]).toEqual([roundId, phase, count(seeded, (s) => s.roundId === roundId && s.phase === phase)]);
    }
  }
  expect(reports.phasesByRound.reduce((n, r) => n + Object.values(r.counts).reduce((a, b) => a + (b ?? 0), 0), 0)).toBe(seeded.length);

  for (const roundId of ['2025-voorjaar', '2026-voorjaar']) {
    const inRound = seeded.filter((s) => s.roundId === roundId && s.approvedAmount !== null);
    expect(reports.subsidyByRound.find((s) => s.roundId === roundId)).toMatchObject({
      approved: inRound.length,
      amountEuros: inRound.reduce((a, s) => a + s.approvedAmount!, 0),
    });
  }
});

test('the equal-access monitor counts the inflow of the period, SO schools as specialised', async () => {
  for (const period of [{}, { from: '2025-09-01', to: '2026-08-31' }]) {
    const reports = await buildReports(db, period);
    const inPeriod = seeded.filter(
      (s) =>
        (!('from' in period) || s.startedAt >= new Date(`${period.from}T00:00:00Z`)) && (!('to' in period) || s.startedAt < new Date(`2026-09-01T00:00:00Z`)),
    );
    expect(reports.equalAccess.inflow).toBe(inPeriod.length);
    for (const { marker, count: n, share } of reports.equalAccess.markers) {
      const expected = count(inPeriod, (s) => s.markers.includes(marker) || (marker === 'specialised' && s.sector === 'SO'));
      expect([marker, n]).toEqual([marker, expected]);
      expect(share).toBeCloseTo(expected / inPeriod.length, 10);
    }
  }
  expect(seeded.length).toBeGreaterThan((await buildReports(db, { from: '2025-09-01', to: '2026-08-31' })).equalAccess.inflow);
});

test('the CSV rows carry the same figures, a row each', async () => {
  const reports = await buildReports(db, {});
  const rows = reportRows(reports);
  expect(rows[0]).toEqual(['onderdeel', 'omschrijving', 'sector of ronde', 'doel', 'waarde']);
  const trainedPo = rows.find((r) => r[0] === 'kpi' && r[1] === 'Opgeleide expertscholen' && r[2] === 'PO')!;
  expect(trainedPo.slice(3)).toEqual(['15', String(reports.kpis[0]!.actual)]);
  expect(rows.filter((r) => r[0] === 'gelijke kansen')).toHaveLength(4);
});

test('schools trained, courses given, regional networks and lasting quality are counted from hub years and ontwikkelscholen', async () => {
  const hubDb = createDb(await createTestDatabase());
  try {
    const school = (brin: string, sector: 'PO' | 'VO', region: string) =>
      hubDb.school.create({
        data: { brin, name: `School ${brin}`, sector, region, contactEmail: `${brin}@school.example`, inspectionRating: 'goed', equalAccessMarkers: [] },
      });
    /** A hub year with trajectories, each with this many schools enrolled. */
    async function hubYear(brin: string, schoolYear: string, status: 'open' | 'closed', enrolledPerTrajectory: number[]) {
      const hubId = `hub-${brin}-${schoolYear}`;
      await hubDb.hubYear.create({ data: { id: hubId, journeyId: `journey-expertschool-${brin}`, brin, schoolYear, status, lastStep: 1 } });
      for (const [index, enrolled] of enrolledPerTrajectory.entries()) {
        const trajectoryId = `${hubId}/t${index + 1}`;
        await hubDb.hubTrajectory.create({ data: { id: trajectoryId, hubId, position: index + 1, title: 'Begrijpend lezen', places: 6 } });
        for (let n = 0; n < enrolled; n++) {
          await hubDb.trajectoryEnrolment.create({
            data: { trajectoryId, journeyId: `${trajectoryId}-school-${n}`, brin: 'ZZ99', status: 'enrolled', requestedAt: new Date() },
          });
        }
        // A school still in line does not make a course given.
        await hubDb.trajectoryEnrolment.create({
          data: { trajectoryId, journeyId: `${trajectoryId}-waiting`, brin: 'ZZ98', status: 'waiting', requestedAt: new Date() },
        });
      }
    }
    await school('10AA', 'PO', 'Utrecht');
    await school('11AA', 'PO', 'Utrecht');
    await school('12AA', 'VO', 'Groningen');
    await school('13AA', 'VO', 'Zwolle');
    for (const year of ['2023-2024', '2024-2025', '2025-2026']) await hubYear('10AA', year, 'closed', [2]);
    await hubYear('11AA', '2025-2026', 'closed', [3, 0]);
    await hubYear('12AA', '2026-2027', 'open', [4]);
    for (const year of ['2023-2024', '2024-2025', '2025-2026']) await hubYear('13AA', year, 'closed', [1, 1]);

    // Ontwikkelscholen: completed learning years count, one that dropped out does not.
    const ontwikkelscholen = [
      ['20AA', 'PO', 'completed'],
      ['21AA', 'PO', 'completed'],
      ['22AA', 'PO', 'dropped_out'],
      ['23AA', 'VO', 'completed'],
    ] as const;
    for (const [brin, sector, outcome] of ontwikkelscholen) {
      await school(brin, sector, 'Utrecht');
      await hubDb.journey.create({
        data: { id: `journey-ontwikkelschool-${brin}`, brin, track: 'ontwikkelschool', cycle: 0, phase: 'closed', outcome, lastStep: 1 },
      });
    }

    const reports = await buildReports(hubDb, {});
    const figure = (key: string) => reports.kpis.filter((k) => k.key === key).map((k) => [k.sector, k.actual]);
    expect(figure('schools_trained')).toEqual([
      ['PO', 2],
      ['VO', 1],
    ]);
    // PO: three closed years of 10AA and the one trajectory of 11AA with schools; VO: 13AA's two a year (12AA is still open).
    expect(figure('courses_given')).toEqual([
      ['PO', 4],
      ['VO', 6],
    ]);
    expect(figure('regional_networks')).toEqual([['all', 1]]); // Utrecht has two expertschools
    expect(figure('lasting_quality')).toEqual([
      ['PO', 1],
      ['VO', 1],
    ]);
  } finally {
    await hubDb.$disconnect();
  }
});
