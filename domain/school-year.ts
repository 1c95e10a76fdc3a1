import { z } from './zod';

/**
 * A Dutch school year runs from 1 August to 31 July, written "2024-2025".
 * Boundaries are midnight in Europe/Amsterdam. 1 August always falls in summer time (CEST, UTC+2:
 * daylight saving runs from the last Sunday of March to the last Sunday of October), so the
 * boundary is 22:00 UTC on 31 July, every year. Keeping it arithmetic keeps workflow code free of
 * time-zone databases.
 */
export const SchoolYear = z
  .string()
  // abort: a malformed value gets one message, not also the one about consecutive years.
  .regex(/^\d{4}-\d{4}$/, { message: 'Een schooljaar schrijf je als 2024-2025.', abort: true })
  .refine((value) => Number(value.slice(5)) === Number(value.slice(0, 4)) + 1, {
    message: 'Een schooljaar loopt over twee opeenvolgende kalenderjaren, bijvoorbeeld 2024-2025.',
  })
  .openapi({ example: '2024-2025' });
export type SchoolYear = z.infer<typeof SchoolYear>;

const AMSTERDAM_SUMMER_OFFSET_HOURS = 2;

/** The moment a school year starts: 1 August 00:00 in Amsterdam. */
export function schoolYearStart(startYear: number): Date {
  return new Date(Date.UTC(startYear, 7, 1, -AMSTERDAM_SUMMER_OFFSET_HOURS));
}

function startYearOf(schoolYear: SchoolYear): number {
  return Number(schoolYear.slice(0, 4));
}

export function schoolYearBounds(schoolYear: SchoolYear): { start: Date; end: Date } {
  const startYear = startYearOf(schoolYear);
  return { start: schoolYearStart(startYear), end: schoolYearStart(startYear + 1) };
}

/** The school year a moment belongs to. */
export function schoolYearOf(moment: Date): SchoolYear {
  const year = moment.getUTCFullYear();
  const startYear = moment.getTime() >= schoolYearStart(year).getTime() ? year : year - 1;
  return `${startYear}-${startYear + 1}`;
}

export function nextSchoolYear(schoolYear: SchoolYear): SchoolYear {
  const startYear = startYearOf(schoolYear) + 1;
  return `${startYear}-${startYear + 1}`;
}

export function previousSchoolYear(schoolYear: SchoolYear): SchoolYear {
  const startYear = startYearOf(schoolYear) - 1;
  return `${startYear}-${startYear + 1}`;
}
