/** The school development journey's own contract: where each of its runs begins. */
import type { CohortInput, DevelopmentGroupView, RegistrationView } from '../../domain/cohort';
import type { FormRequestView } from '../../domain/forms';

/**
 * Where a run of the school development journey begins: registering for its cohort (through intake,
 * grouping and preparation), or, from the start day, the execution with its evaluations.
 */
export type SchoolDevelopmentEntry =
  | { stage: 'registration'; cohort: CohortInput }
  | {
      stage: 'execution';
      cohort: CohortInput;
      registration: RegistrationView;
      developmentGroup: DevelopmentGroupView;
      forms: FormRequestView[];
    };
