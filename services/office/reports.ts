/**
 * The office's accountability figures, counted from the case record: the Expertscholen KPIs
 * against their targets, schools per phase and round, subsidy committed per round, and the
 * equal-access monitor of the inflow. A figure Koers does not hold is null, not zero.
 */
import { JourneyPhase, phaseLabel } from '../../domain/journey';
import { equalAccessLabel, labelOf, sectorLabel } from '../../domain/labels';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';

export const ReportPeriod = z
  .object({
    from: z.iso.date({ message: 'Vul een datum in als JJJJ-MM-DD.' }).optional(),
    to: z.iso.date({ message: 'Vul een datum in als JJJJ-MM-DD.' }).optional(),
  })
  .openapi('ReportPeriod');
export type ReportPeriod = z.infer<typeof ReportPeriod>;

const Kpi = z.object({
  key: z.string(),
  label: z.string(),
  sector: z.enum(['PO', 'VO', 'SO', 'all']),
  target: z.number().int().nullable(),
  actual: z.number().int().nullable().describe('null: not held in Koers yet'),
});

export const EqualAccessMarker = z.enum(['weak_performance', 'special_target_group', 'specialised', 'small_regional']);
export type EqualAccessMarker = z.infer<typeof EqualAccessMarker>;

export { equalAccessLabel };

export const Reports = z
  .object({
    period: ReportPeriod,
    kpis: z.array(Kpi),
    phasesByRound: z.array(z.object({ roundId: z.string().nullable(), counts: z.partialRecord(JourneyPhase, z.number().int()) })),
    subsidyByRound: z.array(z.object({ roundId: z.string(), schoolYear: z.string(), approved: z.number().int(), amountEuros: z.number().int() })),
    equalAccess: z.object({
      inflow: z.number().int().describe('Schools whose journey started in the period'),
      markers: z.array(
        z.object({ marker: EqualAccessMarker, count: z.number().int(), share: z.number().describe('count / inflow, 0 when there is no inflow') }),
      ),
    }),
  })
  .openapi('Reports');
export type Reports = z.infer<typeof Reports>;

/** The Expertscholen pillar's output targets (programme plan). */
const targets = {
  expertschoolsTrained: { PO: 15, VO: 15 },
  schoolsTrained: { PO: 30, VO: 30 },
  coursesGiven: { PO: 30, VO: 30 },
  regionalNetworks: 5,
  lastingQuality: { PO: 7, VO: 8 },
} as const;

function inflowRange(period: ReportPeriod): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (period.from) range.gte = new Date(`${period.from}T00:00:00Z`);
  if (period.to) range.lt = new Date(new Date(`${period.to}T00:00:00Z`).getTime() + 86_400_000);
  return range;
}

/**
 * How the KPIs are counted from the record (the programme plan names them, not how to count them):
 * - a school is trained by an expertschool when its ontwikkelschool learning year was completed;
 * - a course (leertraject) is given when its hub year closed with at least one school enrolled;
 * - a region has a network once two or more expertschools there have held a hub year;
 * - an expertschool offers lasting high quality after three closed hub years.
 */
const LASTING_QUALITY_HUB_YEARS = 3;
const NETWORK_MINIMUM_EXPERTSCHOOLS = 2;

export async function buildReports(db: Db, period: ReportPeriod): Promise<Reports> {
  const [trained, phaseRows, approved, inflowSchools, ontwikkelscholen, hubYears] = await Promise.all([
    // An expertschool is trained when its aspirant year ended with that outcome.
    db.aspirantYear.findMany({ where: { outcome: 'expertschool' }, select: { journey: { select: { id: true, school: { select: { sector: true } } } } } }),
    db.journey.groupBy({ by: ['roundId', 'phase'], _count: { _all: true } }),
    db.application.findMany({ where: { status: 'approved' }, select: { roundId: true, schoolYear: true, amountEuros: true } }),
    db.school.findMany({ where: { journeys: { some: { startedAt: inflowRange(period) } } }, select: { sector: true, equalAccessMarkers: true } }),
    db.journey.findMany({ where: { track: 'ontwikkelschool', outcome: 'completed' }, select: { brin: true, school: { select: { sector: true } } } }),
    db.hubYear.findMany({
      select: { brin: true, status: true, trajectories: { select: { enrolments: { where: { status: 'enrolled' }, select: { journeyId: true }, take: 1 } } } },
    }),
  ]);
  const expertschools = new Map(
    (await db.school.findMany({ where: { brin: { in: [...new Set(hubYears.map((h) => h.brin))] } }, select: { brin: true, sector: true, region: true } })).map(
      (s) => [s.brin, s],
    ),
  );

  const trainedBySector = (sector: 'PO' | 'VO' | 'SO') => new Set(trained.filter((t) => t.journey.school.sector === sector).map((t) => t.journey.id)).size;
  const schoolsTrained = (sector: 'PO' | 'VO') => new Set(ontwikkelscholen.filter((j) => j.school.sector === sector).map((j) => j.brin)).size;
  const closedHubs = hubYears.filter((h) => h.status === 'closed');
  const coursesGiven = (sector: 'PO' | 'VO') =>
    closedHubs
      .filter((h) => expertschools.get(h.brin)?.sector === sector)
      .reduce((sum, h) => sum + h.trajectories.filter((t) => t.enrolments.length > 0).length, 0);
  const expertschoolsByRegion = new Map<string, Set<string>>();
  for (const { brin } of hubYears) {
    const region = expertschools.get(brin)?.region;
    if (region) expertschoolsByRegion.set(region, (expertschoolsByRegion.get(region) ?? new Set()).add(brin));
  }
  const networks = [...expertschoolsByRegion.values()].filter((schools) => schools.size >= NETWORK_MINIMUM_EXPERTSCHOOLS).length;
  const closedYearsPerSchool = new Map<string, number>();
  for (const { brin } of closedHubs) closedYearsPerSchool.set(brin, (closedYearsPerSchool.get(brin) ?? 0) + 1);
  const lastingQuality = (sector: 'PO' | 'VO') =>
    [...closedYearsPerSchool.entries()].filter(([brin, years]) => years >= LASTING_QUALITY_HUB_YEARS && expertschools.get(brin)?.sector === sector).length;

  const kpis: Reports['kpis'] = [
    { key: 'expertschools_trained', label: 'Opgeleide expertscholen', sector: 'PO', target: targets.expertschoolsTrained.PO, actual: trainedBySector('PO') },
    { key: 'expertschools_trained', label: 'Opgeleide expertscholen', sector: 'VO', target: targets.expertschoolsTrained.VO, actual: trainedBySector('VO') },
    { key: 'expertschools_trained', label: 'Opgeleide expertscholen', sector: 'SO', target: null, actual: trainedBySector('SO') },
    { key: 'schools_trained', label: 'Scholen opgeleid door een expertschool', sector: 'PO', target: targets.schoolsTrained.PO, actual: schoolsTrained('PO') },
    { key: 'schools_trained', label: 'Scholen opgeleid door een expertschool', sector: 'VO', target: targets.schoolsTrained.VO, actual: schoolsTrained('VO') },
    { key: 'courses_given', label: 'Gegeven leertrajecten', sector: 'PO', target: targets.coursesGiven.PO, actual: coursesGiven('PO') },
    { key: 'courses_given', label: 'Gegeven leertrajecten', sector: 'VO', target: targets.coursesGiven.VO, actual: coursesGiven('VO') },
    { key: 'regional_networks', label: 'Regionale netwerken', sector: 'all', target: targets.regionalNetworks, actual: networks },
    {
      key: 'lasting_quality',
      label: 'Expertscholen met duurzaam hoge kwaliteit',
      sector: 'PO',
      target: targets.lastingQuality.PO,
      actual: lastingQuality('PO'),
    },
    {
      key: 'lasting_quality',
      label: 'Expertscholen met duurzaam hoge kwaliteit',
      sector: 'VO',
      target: targets.lastingQuality.VO,
      actual: lastingQuality('VO'),
    },
  ];

  const byRound = new Map<string | null, Partial<Record<JourneyPhase, number>>>();
  for (const row of phaseRows) {
    const counts = byRound.get(row.roundId) ?? {};
    counts[JourneyPhase.parse(row.phase)] = row._count._all;
    byRound.set(row.roundId, counts);
  }
  const phasesByRound = [...byRound.entries()]
    .map(([roundId, counts]) => ({ roundId, counts }))
    .sort((a, b) => (a.roundId ?? '').localeCompare(b.roundId ?? ''));

  const subsidy = new Map<string, { roundId: string; schoolYear: string; approved: number; amountEuros: number }>();
  for (const a of approved) {
    const entry = subsidy.get(a.roundId) ?? { roundId: a.roundId, schoolYear: a.schoolYear, approved: 0, amountEuros: 0 };
    entry.approved += 1;
    entry.amountEuros += a.amountEuros ?? 0;
    subsidy.set(a.roundId, entry);
  }

  const inflow = inflowSchools.length;
  const has = (marker: EqualAccessMarker, school: { sector: string; equalAccessMarkers: string[] }) =>
    school.equalAccessMarkers.includes(marker) || (marker === 'specialised' && school.sector === 'SO');
  const markers = EqualAccessMarker.options.map((marker) => {
    const count = inflowSchools.filter((school) => has(marker, school)).length;
    return { marker, count, share: inflow === 0 ? 0 : count / inflow };
  });

  return {
    period,
    kpis,
    phasesByRound,
    subsidyByRound: [...subsidy.values()].sort((a, b) => a.roundId.localeCompare(b.roundId)),
    equalAccess: { inflow, markers },
  };
}

/** The same figures as rows for a spreadsheet: section, what, sector or round, target, value. */
export function reportRows(reports: Reports): string[][] {
  return [
    ['onderdeel', 'omschrijving', 'sector of ronde', 'doel', 'waarde'],
    ...reports.kpis.map((k) => [
      'kpi',
      k.label,
      sectorLabel[k.sector],
      k.target === null ? '' : String(k.target),
      k.actual === null ? 'nog niet in Koers' : String(k.actual),
    ]),
    ...reports.phasesByRound.flatMap((r) =>
      Object.entries(r.counts).map(([phase, count]) => ['scholen per fase', labelOf(phaseLabel, phase), r.roundId ?? 'geen ronde', '', String(count)]),
    ),
    ...reports.subsidyByRound.flatMap((s) => [
      ['toegekende aanvragen', s.schoolYear, s.roundId, '', String(s.approved)],
      ['toegekende subsidie (euro)', s.schoolYear, s.roundId, '', String(s.amountEuros)],
    ]),
    ['gelijke kansen: instroom', 'scholen', 'alle', '', String(reports.equalAccess.inflow)],
    ...reports.equalAccess.markers.map((m) => ['gelijke kansen', equalAccessLabel[m.marker], 'alle', '', `${m.count} (${(m.share * 100).toFixed(1)}%)`]),
  ];
}
