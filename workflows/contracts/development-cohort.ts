/**
 * Everything a client needs to talk to a cohort of the school development trajectory: its id
 * scheme, query and Updates, and the signals the cohort sends to a school's journey. The API,
 * activities, journeys and tests import these; nobody repeats the strings.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CohortJourneyNotice, CohortPlaceRequest, CohortView, DevelopmentGroupView } from '../../domain/cohort';
import type { PlaceAnswer } from '../../domain/places';

export function cohortWorkflowId(cohortId: string): string {
  return `cohort-${cohortId}`;
}

export const getCohort = defineQuery<CohortView>('getCohort');

// ---- asked by a school's journey (through its activities) ----
/** The registration was submitted: a place, or a place on the waiting list (or refused once registration closed). */
export const requestCohortPlace = defineUpdate<PlaceAnswer, [CohortPlaceRequest]>('requestCohortPlace');
/** The intake found the school fit for the trajectory: it can be grouped. */
export const intakeCompleted = defineUpdate<{ ready: boolean }, [CohortJourneyNotice]>('intakeCompleted');
/** The journey stopped (or was referred elsewhere): its place, or place in line, goes to the next. */
export const leaveCohort = defineUpdate<{ left: boolean }, [CohortJourneyNotice]>('leaveCohort');

// ---- the programme office ----
export const proposeGroups = defineUpdate<CohortView, [{ requestedBy: string }]>('proposeGroups');
export const confirmGroups = defineUpdate<CohortView, [{ confirmedBy: string }]>('confirmGroups');

// ---- sent by the cohort to a school's journey, which handles them ----
/** A place came free and went to the first school in line. */
export const cohortPlaceGranted = defineSignal<[{ cohortId: string }]>('cohortPlaceGranted');
/** Places in line moved up (a school ahead left): the school's new position. */
export const cohortPositionChanged = defineSignal<[{ cohortId: string; position: number }]>('cohortPositionChanged');
/** The office confirmed the school's development group. */
export const groupAssigned = defineSignal<[DevelopmentGroupView]>('groupAssigned');
