/** The expertschool journey's own contract: where each of its runs begins. */
import type { Participant } from '../../domain/application';
import type { ApplicationView } from '../../domain/journey';
import type { SchoolYear } from '../../domain/school-year';

/** Where a run of the expertschool journey begins; a new run starts at each school-year boundary (continueAsNew). */
export type ExpertschoolEntry =
  | { stage: 'conversation' }
  | { stage: 'aspirant_year'; schoolYear: SchoolYear; application: ApplicationView }
  | { stage: 'hub_year'; schoolYear: SchoolYear; application: ApplicationView; expertTeam: Participant[] };
