/** Schools, applications and rounds as tests need them, each made unique per test. */
import type { ApplicationForm } from '../../domain/application';
import type { OpenRound } from '../../domain/journey';
import type { CaseState, JourneyEvent, JourneyStep } from '../../domain/journey-step';
import type { School } from '../../domain/school';
import { subsidyRatesFor } from '../../domain/subsidy-rates';
import { nextSchoolYear, schoolYearOf } from '../../domain/school-year';
import type { Db } from '../../platform/db';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function randomBrin(): string {
  const digits = String(Math.floor(Math.random() * 100)).padStart(2, '0');
  const letter = () => LETTERS[Math.floor(Math.random() * LETTERS.length)];
  return `${digits}${letter()}${letter()}`;
}

/**
 * Step `seq` of an expertschool journey as its workflow queues it, for tests that store steps
 * directly: keyed and numbered like the workflow's, `at` a step of `spacingMs` after `from`, and the
 * case as `caseState` says over a journey waiting for the office with no round.
 */
export function journeyStepOf(
  journeyId: string,
  brin: string,
  seq: number,
  event: JourneyEvent,
  { caseState = {}, actor = 'system', from, spacingMs }: { caseState?: Partial<CaseState>; actor?: string; from: string; spacingMs: number },
): JourneyStep {
  return {
    key: `${journeyId}#${seq}`,
    seq,
    at: new Date(Date.parse(from) + seq * spacingMs).toISOString(),
    actor,
    caseState: {
      journeyId,
      brin,
      track: 'expertschool',
      cycle: 0,
      phase: 'conversation',
      waitingFor: 'office',
      nextDeadline: null,
      schoolYear: null,
      roundId: null,
      outcome: null,
      ...caseState,
    },
    event,
  };
}

/** Creates a school with a BRIN no other test uses. */
export async function createSchool(db: Db, overrides: Partial<School> = {}): Promise<School> {
  for (;;) {
    const brin = randomBrin();
    const school: School = {
      brin,
      name: 'Basisschool De Regenboog',
      sector: 'PO',
      region: 'Utrecht',
      contactEmail: `directie-${brin.toLowerCase()}@school.example`,
      inspectionRating: 'goed',
      equalAccessMarkers: [],
      ...overrides,
    };
    const created = await db.school.createMany({ data: [school], skipDuplicates: true });
    if (created.count === 1) return school;
  }
}

const DAY = 24 * 60 * 60 * 1000;

/** A round that opens at `now` (the test server's clock), for the next school year, open for `days`. */
export function openRoundAt(now: number, days = 30, overrides: Partial<OpenRound> = {}): OpenRound {
  const schoolYear = overrides.schoolYear ?? nextSchoolYear(schoolYearOf(new Date(now)));
  // Tests run at today's date: a school year without published rates borrows the latest ones.
  const rates = subsidyRatesFor(schoolYear) ?? subsidyRatesFor('2026-2027')!;
  return {
    roundId: `round-${schoolYear}-${now}`,
    schoolYear,
    opensAt: new Date(now).toISOString(),
    closesAt: new Date(now + days * DAY).toISOString(),
    rates,
    ...overrides,
  };
}

export const schoolLeader = { name: 'Fatima el Amrani', email: 'f.elamrani@regenboog.example', role: 'school_leader' } as const;

export function completeApplication(hasAspirantYearBehind = false, overrides: Partial<ApplicationForm> = {}): ApplicationForm {
  const text = 'Uitgebreide beschrijving die aan de eisen van de regeling voldoet.';
  const common = {
    support_and_commitment: text,
    organisation_and_roles: text,
    trajectory_and_requirements: text,
    places_per_trajectory: 'Traject Lezen: 6 plaatsen; traject Rekenen: 4 plaatsen.',
  };
  return {
    participants: [
      schoolLeader,
      { name: 'Jan de Vries', email: 'j.devries@regenboog.example', role: 'teacher' },
      { name: 'Sanne Bakker', email: 's.bakker@regenboog.example', role: 'teacher' },
      { name: 'Kees Jansen', email: 'k.jansen@regenboog.example', role: 'internal_supervisor' },
    ],
    sections: hasAspirantYearBehind
      ? { evaluation_conversation_report: text, ...common }
      : { ...common, evidence_of_expertise: text, evidence_of_research_culture: text, evidence_informed_approach: text },
    trajectories: [
      { title: 'Begrijpend lezen', places: 6 },
      { title: 'Rekenen met inzicht', places: 4 },
    ],
    otherSubsidies: [],
    ...overrides,
  };
}

/** A round as the office records it, opening `opensInDays` after `now` (the test server's clock). */
export async function createRoundRecord(
  db: Db,
  now: number,
  round: {
    id: string;
    schoolYear?: string;
    opensInDays: number;
    openForDays: number;
    tracks?: string[];
    capacity?: number | null;
    reminderDaysBefore?: number[];
  },
): Promise<{ id: string; opensAt: Date; closesAt: Date; schoolYear: string }> {
  const opensAt = new Date(now + round.opensInDays * DAY);
  const closesAt = new Date(opensAt.getTime() + round.openForDays * DAY);
  const schoolYear = round.schoolYear ?? nextSchoolYear(schoolYearOf(opensAt));
  await db.subsidyRound.create({
    data: {
      id: round.id,
      name: `Subsidieronde ${schoolYear} (${round.id})`,
      schoolYear,
      opensAt,
      closesAt,
      tracks: round.tracks ?? ['expertschool'],
      rates: subsidyRatesFor(schoolYear) ?? subsidyRatesFor('2026-2027')!,
      capacity: round.capacity ?? null,
      reminderDaysBefore: round.reminderDaysBefore ?? [14, 3],
      status: 'scheduled',
    },
  });
  return { id: round.id, opensAt, closesAt, schoolYear };
}
