/** The ontwikkelschool journey's own contract: where each of its runs begins. */
import type { ApplicationView, EnrolmentView } from '../../domain/journey';
import type { SchoolYear } from '../../domain/school-year';

/** Where a run of the ontwikkelschool journey begins: applying and enrolling, or its learning year. */
export type OntwikkelschoolEntry =
  { stage: 'conversation' } | { stage: 'learning_year'; schoolYear: SchoolYear; application: ApplicationView; enrolment: EnrolmentView };
