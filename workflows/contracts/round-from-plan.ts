/** How the yearly round plan's Schedule starts its workflow. The API, worker and tests import these. */
import type { RoundTrack } from '../../domain/round';

/** One recurring Schedule per track (the workflows it starts get the firing time appended to this id). */
export function roundPlanScheduleId(track: RoundTrack): string {
  return `round-plan-${track}`;
}

export interface RoundFromPlanInput {
  track: RoundTrack;
}

/** What a firing did: the round of the plan's current school year, and whether this firing made it. */
export interface RoundFromPlanResult {
  roundId: string | null;
  schoolYear: string | null;
  created: boolean;
}
