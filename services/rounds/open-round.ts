/**
 * A subsidy round as a journey knows it (OpenRound), made from its stored row: the round
 * activities tell journeys this, and the case record shows the same when it rebuilds a journey.
 */
import type { OpenRound } from '../../domain/journey';
import { SubsidyRates } from '../../domain/subsidy-rates';
import type { Db } from '../../platform/db';

type RoundRow = NonNullable<Awaited<ReturnType<Db['subsidyRound']['findUnique']>>>;

export function toOpenRound(row: RoundRow): OpenRound & { name: string } {
  return {
    roundId: row.id,
    name: row.name,
    schoolYear: row.schoolYear,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    rates: SubsidyRates.parse(row.rates),
    capacity: row.capacity,
  };
}
