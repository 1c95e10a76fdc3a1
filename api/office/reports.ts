/**
 * The office's accountability figures, counted from the case record: the Expertscholen KPIs
 * against their targets, schools per phase and round, subsidy committed per round, and the
 * equal-access monitor of the inflow. Figures Koers does not hold yet are null, not zero.
 */
import { JourneyPhase } from '../../domain/journey';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';

export const ReportPeriod = z
  .object({
    from: z.preprocess((v) => (v === '' ? undefined : v), z.iso.date({ message: 'Vul een datum in als JJJJ-MM-DD.' }).optional()),
    to: z.preprocess((v) => (v === '' ? undefined : v), z.iso.date({ message: 'Vul een datum in als JJJJ-MM-DD.' }).optional()),
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

export const equalAccessLabel: Record<EqualAccessMarker, string> = {
  weak_performance: 'zwak presterende scholen',
  special_target_group: 'scholen met bijzondere doelgroepen',
  specialised: 'gespecialiseerd onderwijs (SO/VSO)',
  small_regional: 'kleine regionale scholen',
};

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

export async function buildReports(db: Db, period: ReportPeriod): Promise<Reports> {
  const [trained, phaseRows, approved, inflowSchools] = await Promise.all([
    // An expertschool is trained when its aspirant year ended with that outcome.
    db.aspirantYear.findMany({ where: { outcome: 'expertschool' }, select: { journey: { select: { id: true, school: { select: { sector: true } } } } } }),
    db.journey.groupBy({ by: ['roundId', 'phase'], _count: { _all: true } }),
    db.application.findMany({ where: { status: 'approved' }, select: { roundId: true, schoolYear: true, amountEuros: true } }),
    db.school.findMany({ where: { journeys: { some: { startedAt: inflowRange(period) } } }, select: { sector: true, equalAccessMarkers: true } }),
  ]);

  const trainedBySector = (sector: 'PO' | 'VO' | 'SO') => new Set(trained.filter((t) => t.journey.school.sector === sector).map((t) => t.journey.id)).size;
  const kpis: Reports['kpis'] = [
    { key: 'expertschools_trained', label: 'Opgeleide expertscholen', sector: 'PO', target: targets.expertschoolsTrained.PO, actual: trainedBySector('PO') },
    { key: 'expertschools_trained', label: 'Opgeleide expertscholen', sector: 'VO', target: targets.expertschoolsTrained.VO, actual: trainedBySector('VO') },
    { key: 'expertschools_trained', label: 'Opgeleide expertscholen', sector: 'SO', target: null, actual: trainedBySector('SO') },
    { key: 'schools_trained', label: 'Scholen opgeleid door een expertschool', sector: 'PO', target: targets.schoolsTrained.PO, actual: null },
    { key: 'schools_trained', label: 'Scholen opgeleid door een expertschool', sector: 'VO', target: targets.schoolsTrained.VO, actual: null },
    { key: 'courses_given', label: 'Gegeven leertrajecten', sector: 'PO', target: targets.coursesGiven.PO, actual: null },
    { key: 'courses_given', label: 'Gegeven leertrajecten', sector: 'VO', target: targets.coursesGiven.VO, actual: null },
    { key: 'regional_networks', label: 'Regionale netwerken', sector: 'all', target: targets.regionalNetworks, actual: null },
    { key: 'lasting_quality', label: 'Expertscholen met duurzaam hoge kwaliteit', sector: 'PO', target: targets.lastingQuality.PO, actual: null },
    { key: 'lasting_quality', label: 'Expertscholen met duurzaam hoge kwaliteit', sector: 'VO', target: targets.lastingQuality.VO, actual: null },
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
      k.sector === 'all' ? 'alle' : k.sector,
      k.target === null ? '' : String(k.target),
      k.actual === null ? 'nog niet in Koers' : String(k.actual),
    ]),
    ...reports.phasesByRound.flatMap((r) =>
      Object.entries(r.counts).map(([phase, count]) => ['scholen per fase', phase, r.roundId ?? 'geen ronde', '', String(count)]),
    ),
    ...reports.subsidyByRound.flatMap((s) => [
      ['toegekende aanvragen', s.schoolYear, s.roundId, '', String(s.approved)],
      ['toegekende subsidie (euro)', s.schoolYear, s.roundId, '', String(s.amountEuros)],
    ]),
    ['gelijke kansen: instroom', 'scholen', 'alle', '', String(reports.equalAccess.inflow)],
    ...reports.equalAccess.markers.map((m) => ['gelijke kansen', equalAccessLabel[m.marker], 'alle', '', `${m.count} (${(m.share * 100).toFixed(1)}%)`]),
  ];
}
