/**
 * The office's work on school records, once for the pages and the JSON API: find schools (by part
 * of the name or the BRIN, a page at a time), add one, change its record, and list its journeys.
 */
import { Brin, School } from '../../domain/school';
import type { Track } from '../../domain/journey';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import { AppError } from '../errors';

export const SCHOOLS_PER_PAGE = 25;

export const SchoolSearch = z
  .object({
    q: z.string().trim().max(200).optional().describe('Part of the name or the BRIN'),
    page: z.coerce.number({ message: 'Kies een geldig paginanummer.' }).int().min(1).max(10_000).default(1),
  })
  .openapi('SchoolSearch');
export type SchoolSearch = z.infer<typeof SchoolSearch>;

export const SchoolList = z
  .object({
    schools: z.array(School),
    total: z.number().int(),
    page: z.number().int(),
    pages: z.number().int(),
  })
  .openapi('SchoolList');
export type SchoolList = z.infer<typeof SchoolList>;

/** A school's record without its BRIN: the BRIN names the school and does not change. */
export const SchoolUpdate = School.omit({ brin: true }).openapi('SchoolUpdate');
export type SchoolUpdate = z.infer<typeof SchoolUpdate>;

export const SchoolJourney = z
  .object({
    id: z.string(),
    track: z.string(),
    phase: z.string(),
    outcome: z.string().nullable(),
    startedAt: z.string(),
  })
  .openapi('SchoolJourney');
export type SchoolJourney = z.infer<typeof SchoolJourney>;

const schoolOf = (row: unknown): School => School.parse(row);

export async function searchSchools(db: Db, { q, page }: SchoolSearch): Promise<SchoolList> {
  const term = q?.trim();
  const where = term ? { OR: [{ name: { contains: term, mode: 'insensitive' as const } }, { brin: { contains: term.toUpperCase() } }] } : {};
  const [total, rows] = await Promise.all([
    db.school.count({ where }),
    db.school.findMany({ where, orderBy: [{ name: 'asc' }, { brin: 'asc' }], skip: (page - 1) * SCHOOLS_PER_PAGE, take: SCHOOLS_PER_PAGE }),
  ]);
  return { schools: rows.map(schoolOf), total, page, pages: Math.max(1, Math.ceil(total / SCHOOLS_PER_PAGE)) };
}

export async function findSchool(db: Db, brin: string): Promise<School> {
  const parsed = Brin.safeParse(brin);
  const row = parsed.success ? await db.school.findUnique({ where: { brin: parsed.data } }) : null;
  if (!row) throw new AppError('school_not_found', `Er is geen school met BRIN-code ${brin} bekend.`);
  return schoolOf(row);
}

/** Adds a school; a BRIN that is taken is refused at its field, and nothing is written. */
export async function addSchool(db: Db, school: School): Promise<School> {
  // Two colleagues adding the same BRIN at once: the primary key decides, the other is told.
  const { count } = await db.school.createMany({ data: [school], skipDuplicates: true });
  if (count === 0) {
    throw new AppError('school_exists', `Er is al een school met BRIN-code ${school.brin}.`, [
      { path: ['brin'], message: `Er is al een school met BRIN-code ${school.brin}.` },
    ]);
  }
  return school;
}

/**
 * Changes a school's record. Running journeys keep the snapshot they started with (what the school
 * was when it applied); the record is what new journeys and the reports read.
 */
export async function updateSchool(db: Db, brin: string, update: SchoolUpdate): Promise<School> {
  const existing = await findSchool(db, brin);
  const { count } = await db.school.updateMany({ where: { brin: existing.brin }, data: update });
  if (count === 0) throw new AppError('school_not_found', `Er is geen school met BRIN-code ${brin} bekend.`);
  return { ...update, brin: existing.brin };
}

/** The school's journeys, the newest first: past ones (closed) and the one that runs. */
export async function schoolJourneys(db: Db, brin: string): Promise<(SchoolJourney & { track: Track })[]> {
  const rows = await db.journey.findMany({ where: { brin }, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }] });
  return rows.map((row) => ({
    id: row.id,
    track: row.track as Track,
    phase: row.phase,
    outcome: row.outcome,
    startedAt: row.startedAt.toISOString(),
  }));
}
