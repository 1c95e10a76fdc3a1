/**
 * The simulated country: which schools enter the programme in which school year, on which track,
 * and what they write in their forms. Sector shares follow the Dutch school register roughly (most
 * schools are primary); regions are the twelve provinces.
 */
import type { ApplicationForm } from '../../domain/application';
import { formDefinitions, type FormKind } from '../../domain/forms';
import type { Sector } from '../../domain/school';
import type { Db } from '../../platform/db';
import { completeApplication, schoolLeader } from '../../test/support/fixtures';
import { brinFor } from '../pure';
import { pick, weighted, type Draw } from './random';

export const REGIONS = [
  'Groningen',
  'Friesland',
  'Drenthe',
  'Overijssel',
  'Flevoland',
  'Gelderland',
  'Utrecht',
  'Noord-Holland',
  'Zuid-Holland',
  'Zeeland',
  'Noord-Brabant',
  'Limburg',
] as const;
const SECTOR_SHARES: Record<Sector, number> = { PO: 0.8, VO: 0.13, SO: 0.07 };
const THEMES = ['Begrijpend lezen', 'Rekenen met inzicht', 'Burgerschap', 'Formatief handelen', 'Taalontwikkeling', 'Passend onderwijs', 'Wereldoriëntatie'];

export interface SimulatedSchool {
  brin: string;
  sector: Sector;
  region: string;
  /** The school year (0 = the first) in which it enters. */
  cohort: number;
  track: 'expertschool' | 'ontwikkelschool';
  /** An expertschool that did its aspirant year before: it goes from approval straight to its hub year. */
  hasAspirantYearBehind: boolean;
}

/** `count` schools spread evenly over `years` school years; `expertschoolShare` of them enter as expertschool. */
export function planSchools(draw: Draw, count: number, years: number, expertschoolShare: number, aspirantBehindShare: number): SimulatedSchool[] {
  return Array.from({ length: count }, (_, i) => {
    const brin = brinFor(i);
    const track = draw(brin, 'track') < expertschoolShare ? 'expertschool' : 'ontwikkelschool';
    return {
      brin,
      sector: weighted(SECTOR_SHARES, draw(brin, 'sector')),
      region: pick(REGIONS, draw(brin, 'region')),
      cohort: Math.floor((i * years) / count),
      track,
      hasAspirantYearBehind: track === 'expertschool' && draw(brin, 'aspirant-behind') < aspirantBehindShare,
    };
  });
}

/** The schools' records in the register, as the office enters them (one statement per 1,000). */
export async function registerSchools(db: Db, draw: Draw, schools: SimulatedSchool[]): Promise<void> {
  for (let i = 0; i < schools.length; i += 1_000) {
    await db.school.createMany({
      data: schools.slice(i, i + 1_000).map((s) => ({
        brin: s.brin,
        name: `${s.sector === 'PO' ? 'Basisschool' : s.sector === 'VO' ? 'Scholengemeenschap' : 'School voor speciaal onderwijs'} ${s.brin}`,
        sector: s.sector,
        region: s.region,
        contactEmail: `directie-${s.brin.toLowerCase()}@school.example`,
        inspectionRating: draw(s.brin, 'rating') < 0.3 ? 'voldoende' : 'goed',
        equalAccessMarkers: [
          ...(draw(s.brin, 'weak') < 0.1 ? ['weak_performance'] : []),
          ...(draw(s.brin, 'target-group') < 0.08 ? ['special_target_group'] : []),
          ...(draw(s.brin, 'small') < 0.1 ? ['small_regional'] : []),
        ],
      })),
    });
  }
}

/** An expertschool's activity plan: one or two trajectories of `places` places each. */
export function expertschoolApplication(draw: Draw, journeyId: string, roundId: string, hasAspirantYearBehind: boolean, places: number): ApplicationForm {
  const count = draw(journeyId, roundId, 'trajectories') < 0.5 ? 1 : 2;
  const first = Math.floor(draw(journeyId, roundId, 'theme') * THEMES.length);
  const trajectories = Array.from({ length: count }, (_, k) => ({ title: THEMES[(first + k) % THEMES.length]!, places }));
  return completeApplication(hasAspirantYearBehind, { trajectories });
}

const improvement = 'Wij willen met hulp van een expertschool onze aanpak onderzoeksmatig verbeteren.';

/** An ontwikkelschool's application: its improvement question and two participants (no trajectories of its own). */
export function ontwikkelschoolApplication(): ApplicationForm {
  return {
    participants: [schoolLeader, { name: 'Jan de Vries', email: 'j.devries@regenboog.example', role: 'teacher' }],
    sections: { improvement_question: improvement, support_and_commitment: improvement },
    trajectories: [],
    otherSubsidies: [],
  };
}

/** Scores from 1 to 5 on each statement of the form; a final measurement tends to score higher. */
export function formScores(draw: Draw, formId: string, kind: FormKind): Record<string, number> {
  const lift = kind === 'eindmeting' ? 1 : 0;
  return Object.fromEntries(Object.keys(formDefinitions[kind].statements).map((key) => [key, Math.min(5, 1 + lift + Math.floor(draw(formId, key) * 4))]));
}
