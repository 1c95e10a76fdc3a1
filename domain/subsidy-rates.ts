import { z } from './zod';
import { SchoolYear } from './school-year';
import table from './data/subsidy-rates.json';

/** What a subsidy round pays; set per school year in data/subsidy-rates.json. */
export const SubsidyRates = z
  .object({
    fixedPerSchool: z.number().int().nonnegative(),
    perOntwikkelschoolPlace: z.number().int().nonnegative(),
    maxPlacesPerTrajectory: z.number().int().positive(),
  })
  .openapi('SubsidyRates');
export type SubsidyRates = z.infer<typeof SubsidyRates>;

const ratesBySchoolYear = z.record(SchoolYear, SubsidyRates).parse(table.rates);

/** Rates of a school year, or undefined when none are published for it (yet). */
export function subsidyRatesFor(schoolYear: SchoolYear): SubsidyRates | undefined {
  // hasOwn: 'toString' and friends are not school years.
  return Object.hasOwn(ratesBySchoolYear, schoolYear) ? ratesBySchoolYear[schoolYear] : undefined;
}
