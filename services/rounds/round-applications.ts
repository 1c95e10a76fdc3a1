/**
 * The schools in the subsidy rounds, as the office's round pages list them: per round, who is
 * drafting and who has submitted, each linked to its case. Read from the applications' records.
 */
import type { RoundView } from '../../domain/round';
import type { Db } from '../../platform/db';
import { listRounds } from './manage-rounds';

/** A school's application in a round, as the round pages list it. */
export interface RoundApplication {
  journeyId: string;
  schoolName: string;
  brin: string;
  status: 'draft' | 'submitted' | 'approved' | 'rejected';
  submittedAt: Date | null;
}

/** A round in the office's list, with the schools drafting or submitted in it. */
export interface RoundListItem extends RoundView {
  drafting: number;
  submitted: number;
  /** The schools drafting or submitted in the round, each linked to its case. */
  schools: RoundApplication[];
}

const withSchool = { journey: { include: { school: true } } } as const;
const submittedFirst = [{ status: 'asc' as const }, { submittedAt: 'asc' as const }];

function toRoundApplication(a: {
  journeyId: string;
  status: string;
  submittedAt: Date | null;
  journey: { brin: string; school: { name: string } };
}): RoundApplication {
  return {
    journeyId: a.journeyId,
    schoolName: a.journey.school.name,
    brin: a.journey.brin,
    status: a.status as RoundApplication['status'],
    submittedAt: a.submittedAt,
  };
}

/** Every round, newest first, with the applications still in play (drafting or submitted). */
export async function roundsWithApplications(db: Db): Promise<RoundListItem[]> {
  const [rounds, rows] = await Promise.all([
    listRounds(db),
    db.application.findMany({ where: { status: { in: ['draft', 'submitted'] } }, include: withSchool, orderBy: submittedFirst }),
  ]);
  return rounds.map((round) => {
    const schools = rows.filter((a) => a.roundId === round.id).map(toRoundApplication);
    return {
      ...round,
      schools,
      drafting: schools.filter((a) => a.status === 'draft').length,
      submitted: schools.filter((a) => a.status === 'submitted').length,
    };
  });
}

/** Every application in one round, whatever its status. */
export async function roundApplications(db: Db, roundId: string): Promise<RoundApplication[]> {
  const rows = await db.application.findMany({ where: { roundId }, include: withSchool, orderBy: submittedFirst });
  return rows.map(toRoundApplication);
}
