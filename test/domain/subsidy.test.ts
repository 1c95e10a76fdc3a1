import { subsidyAmount } from '../../domain/subsidy-amount';
import { SubsidyRates, subsidyRatesFor } from '../../domain/subsidy-rates';

const PUBLISHED_YEARS = ['2023-2024', '2024-2025', '2025-2026', '2026-2027'] as const;

function ratesOf(schoolYear: string): SubsidyRates {
  const rates = subsidyRatesFor(schoolYear);
  if (!rates) throw new Error(`no rates published for ${schoolYear}`);
  return rates;
}

describe('subsidyRatesFor', () => {
  it.each(PUBLISHED_YEARS)('has the rates of the regulation for %s', (schoolYear) => {
    expect(subsidyRatesFor(schoolYear)).toEqual({
      fixedPerSchool: 35_616,
      perOntwikkelschoolPlace: 8_480,
      maxPlacesPerTrajectory: 6,
    });
  });

  it('has no rates for a school year without a published regulation', () => {
    expect(subsidyRatesFor('2022-2023')).toBeUndefined();
    expect(subsidyRatesFor('2027-2028')).toBeUndefined();
    expect(subsidyRatesFor('2099-2100')).toBeUndefined();
  });

  it('publishes rates the SubsidyRates schema accepts', () => {
    for (const schoolYear of PUBLISHED_YEARS) {
      expect(SubsidyRates.safeParse(subsidyRatesFor(schoolYear)).success).toBe(true);
    }
  });
});

describe('subsidyAmount', () => {
  const rates = ratesOf('2024-2025');

  it('matches the regulation’s example: trajectories of 6 and 4 places give EUR 120,416', () => {
    expect(subsidyAmount([{ places: 6 }, { places: 4 }], rates)).toBe(120_416);
    expect(35_616 + 8_480 * 10).toBe(120_416);
  });

  it('pays the fixed amount plus one place for a single trajectory of 1 place (EUR 44,096)', () => {
    expect(subsidyAmount([{ places: 1 }], rates)).toBe(44_096);
  });

  it('pays per place, not per trajectory', () => {
    expect(subsidyAmount([{ places: 3 }], rates)).toBe(35_616 + 3 * 8_480);
    expect(subsidyAmount([{ places: 1 }, { places: 1 }, { places: 1 }], rates)).toBe(35_616 + 3 * 8_480);
  });

  it('pays the fixed amount once per school, however many trajectories', () => {
    const one = subsidyAmount([{ places: 6 }], rates);
    const two = subsidyAmount([{ places: 6 }, { places: 6 }], rates);
    expect(two - one).toBe(6 * 8_480);
  });

  it('pays at most the maximum number of places per trajectory', () => {
    expect(subsidyAmount([{ places: 7 }], rates)).toBe(subsidyAmount([{ places: 6 }], rates));
    expect(subsidyAmount([{ places: 9 }, { places: 4 }], rates)).toBe(120_416);
  });

  it('uses the rates it is given', () => {
    const other: SubsidyRates = { fixedPerSchool: 10_000, perOntwikkelschoolPlace: 1_000, maxPlacesPerTrajectory: 3 };
    expect(subsidyAmount([{ places: 2 }, { places: 5 }], other)).toBe(10_000 + 1_000 * (2 + 3));
  });
});

test('names of object properties are not school years', () => {
  expect(subsidyRatesFor('toString')).toBeUndefined();
  expect(subsidyRatesFor('__proto__')).toBeUndefined();
});
