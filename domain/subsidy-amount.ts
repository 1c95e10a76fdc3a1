import type { SubsidyRates } from './subsidy-rates';

/** Fixed amount per school plus an amount per ontwikkelschool place in every trajectory, in euros. */
export function subsidyAmount(trajectories: readonly { places: number }[], rates: SubsidyRates): number {
  const places = trajectories.reduce((sum, t) => sum + Math.min(t.places, rates.maxPlacesPerTrajectory), 0);
  return rates.fixedPerSchool + rates.perOntwikkelschoolPlace * places;
}
