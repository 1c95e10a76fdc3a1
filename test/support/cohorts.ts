/** Cohorts of the school development trajectory as tests need them, dated from the test's clock. */
import { randomUUID } from 'node:crypto';
import type { SubmitRegistration } from '../../domain/cohort';
import type { DevelopmentTheme } from '../../domain/development-groups';

const DAY = 86_400_000;

/**
 * A cohort whose registration closes in two weeks, with its kick-off in late June and its start
 * day in September of the first year in which both still come after that.
 */
export function cohortRequest(now: number, overrides: { capacity?: number; name?: string } = {}) {
  const today = new Date(now);
  const year = today.getUTCMonth() < 4 ? today.getUTCFullYear() : today.getUTCFullYear() + 1;
  return {
    id: `vo-${year}-${randomUUID().slice(0, 8)}`,
    name: overrides.name ?? `Schoolontwikkeltraject VO ${year}-${year + 1}`,
    schoolYear: `${year}-${year + 1}`,
    capacity: overrides.capacity ?? 6,
    registrationClosesAt: new Date(now + 14 * DAY).toISOString(),
    kickOffOn: `${year}-06-24`,
    startDayOn: `${year}-09-09`,
  };
}

export function registration(theme: DevelopmentTheme, secondTheme: DevelopmentTheme | null = null): SubmitRegistration {
  return {
    theme,
    secondTheme,
    selfEvaluation: { scores: { vision: 4, goals: 3, support: 4, time: 3 }, remarks: 'Het team wil aan de slag.' },
    schoolLeader: { name: 'Noor Visser', email: 'n.visser@baken.example' },
  };
}
