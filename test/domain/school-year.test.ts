import { nextSchoolYear, previousSchoolYear, SchoolYear, schoolYearBounds, schoolYearOf, schoolYearStart } from '../../domain/school-year';

function messagesOf(value: unknown): string[] {
  const result = SchoolYear.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('schoolYearOf', () => {
  // 1 August 00:00 in Amsterdam is 31 July 22:00 UTC: daylight saving time (UTC+2) is in force.
  it('puts the last second of 31 July (Amsterdam) in the old school year', () => {
    expect(schoolYearOf(new Date('2024-07-31T21:59:59Z'))).toBe('2023-2024');
    expect(schoolYearOf(new Date('2024-07-31T21:59:59.999Z'))).toBe('2023-2024');
  });

  it('puts 1 August 00:00 Amsterdam summer time (31 July 22:00 UTC) in the new school year', () => {
    expect(schoolYearOf(new Date('2024-07-31T22:00:00Z'))).toBe('2024-2025');
    expect(schoolYearOf(new Date('2024-08-01T00:00:00+02:00'))).toBe('2024-2025');
  });

  it('is not fooled by a boundary at UTC midnight', () => {
    // 1 August 01:30 in Amsterdam, still 31 July in UTC.
    expect(schoolYearOf(new Date('2025-07-31T23:30:00Z'))).toBe('2025-2026');
  });

  it('keeps the whole calendar-year change inside one school year', () => {
    // New Year in Amsterdam (winter time, UTC+1) is 31 December 23:00 UTC of the year before.
    expect(schoolYearOf(new Date('2024-12-31T23:30:00Z'))).toBe('2024-2025');
    expect(schoolYearOf(new Date('2025-01-01T00:00:00+01:00'))).toBe('2024-2025');
    expect(schoolYearOf(new Date('2025-03-15T12:00:00Z'))).toBe('2024-2025');
  });

  it('gives the same boundary every year', () => {
    for (const year of [2023, 2024, 2025, 2026, 2030]) {
      expect(schoolYearOf(new Date(Date.UTC(year, 6, 31, 21, 59, 59)))).toBe(`${year - 1}-${year}`);
      expect(schoolYearOf(new Date(Date.UTC(year, 6, 31, 22, 0, 0)))).toBe(`${year}-${year + 1}`);
    }
  });
});

describe('schoolYearStart and schoolYearBounds', () => {
  it('starts a school year at 1 August 00:00 Amsterdam time', () => {
    expect(schoolYearStart(2024).toISOString()).toBe('2024-07-31T22:00:00.000Z');
  });

  it('runs from 1 August to the next 1 August, both at midnight in Amsterdam', () => {
    const { start, end } = schoolYearBounds('2024-2025');
    expect(start.toISOString()).toBe('2024-07-31T22:00:00.000Z');
    expect(end.toISOString()).toBe('2025-07-31T22:00:00.000Z');
  });

  it('has bounds that agree with schoolYearOf (start inclusive, end exclusive)', () => {
    const { start, end } = schoolYearBounds('2025-2026');
    expect(schoolYearOf(start)).toBe('2025-2026');
    expect(schoolYearOf(new Date(end.getTime() - 1))).toBe('2025-2026');
    expect(schoolYearOf(end)).toBe('2026-2027');
  });

  it('makes consecutive school years meet without a gap', () => {
    expect(schoolYearBounds('2023-2024').end.getTime()).toBe(schoolYearBounds('2024-2025').start.getTime());
  });
});

describe('nextSchoolYear and previousSchoolYear', () => {
  it('steps one year forward and back', () => {
    expect(nextSchoolYear('2024-2025')).toBe('2025-2026');
    expect(previousSchoolYear('2024-2025')).toBe('2023-2024');
  });

  it('crosses a decade', () => {
    expect(nextSchoolYear('2029-2030')).toBe('2030-2031');
    expect(previousSchoolYear('2030-2031')).toBe('2029-2030');
  });

  it('are each other’s inverse', () => {
    expect(previousSchoolYear(nextSchoolYear('2026-2027'))).toBe('2026-2027');
    expect(nextSchoolYear(previousSchoolYear('2026-2027'))).toBe('2026-2027');
  });

  it('produce valid school years', () => {
    expect(SchoolYear.safeParse(nextSchoolYear('2024-2025')).success).toBe(true);
    expect(SchoolYear.safeParse(previousSchoolYear('2024-2025')).success).toBe(true);
  });
});

describe('the SchoolYear schema', () => {
  it('accepts two consecutive years', () => {
    expect(SchoolYear.parse('2024-2025')).toBe('2024-2025');
    expect(SchoolYear.safeParse('2023-2024').success).toBe(true);
  });

  it('refuses years that are not consecutive, saying so in Dutch', () => {
    expect(messagesOf('2024-2026')).toEqual(['Een schooljaar loopt over twee opeenvolgende kalenderjaren, bijvoorbeeld 2024-2025.']);
    expect(messagesOf('2025-2024')).toEqual(['Een schooljaar loopt over twee opeenvolgende kalenderjaren, bijvoorbeeld 2024-2025.']);
  });

  it('refuses text that is not written as a school year, saying how to write it', () => {
    // The first (and most useful) message names the format.
    expect(messagesOf('foo')[0]).toBe('Een schooljaar schrijf je als 2024-2025.');
    expect(messagesOf('2024/2025')[0]).toBe('Een schooljaar schrijf je als 2024-2025.');
    expect(messagesOf('24-25')[0]).toBe('Een schooljaar schrijf je als 2024-2025.');
  });

  it('refuses surrounding spaces and trailing text', () => {
    expect(SchoolYear.safeParse(' 2024-2025').success).toBe(false);
    expect(SchoolYear.safeParse('2024-2025x').success).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(SchoolYear.safeParse(2024).success).toBe(false);
    expect(SchoolYear.safeParse(undefined).success).toBe(false);
  });
});
