/**
 * The office's side of the school development trajectory's cohorts: create one (its record and its
 * workflow), read it as the workflow holds it, register a school (its journey), and ask for and
 * confirm the development groups.
 */
import type { Client } from '@temporalio/client';
import type { CohortView, CreateCohort } from '../../domain/cohort';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import { workflowType } from '../../workflows/contracts/workflow-types';
import { cohortWorkflowId, confirmGroups, getCohort, proposeGroups } from '../../workflows/contracts/development-cohort';
import { AppError } from '../errors';
import { startJourney } from '../journeys/start-journey';
import { startOnce } from '../journeys/start-once';
import { cohortInputOf, cohortSummary, findCohort } from './cohort-record';

export interface CohortDependencies {
  db: Db;
  temporal: Client;
  taskQueue: string;
}

export async function createCohort({ db, temporal, taskQueue }: CohortDependencies, request: CreateCohort) {
  const registrationClosesAt = new Date(request.registrationClosesAt);
  if (registrationClosesAt.getTime() <= Date.now()) {
    const message = 'De aanmelding moet in de toekomst sluiten.';
    throw new AppError('invalid_input', message, [{ path: ['registrationClosesAt'], message }]);
  }
  const data = {
    id: request.id,
    name: request.name,
    schoolYear: request.schoolYear,
    capacity: request.capacity,
    registrationClosesAt,
    kickOffOn: new Date(`${request.kickOffOn}T00:00:00Z`),
    startDayOn: new Date(`${request.startDayOn}T00:00:00Z`),
    status: 'registration',
  };
  const created = await db.developmentCohort.createMany({ data: [data], skipDuplicates: true });
  if (created.count === 0) throw new AppError('cohort_exists', `Er bestaat al een cohort met id ${request.id}.`);
  await startOnce(temporal, { workflow: workflowType.developmentCohort, workflowId: cohortWorkflowId(request.id), taskQueue, args: [cohortInputOf(data)] });
  return cohortSummary(data);
}

export async function listCohorts(db: Db) {
  const rows = await db.developmentCohort.findMany({ orderBy: [{ startDayOn: 'desc' }, { id: 'asc' }] });
  return rows.map(cohortSummary);
}

/** A cohort in the office's list: its record, and its places as its workflow holds them (null when it could not be asked). */
export type CohortListItem = Awaited<ReturnType<typeof listCohorts>>[number] & { places: { taken: number; waiting: number } | null };

/** Every cohort with its places taken and waiting; a workflow that cannot be asked now is logged, and the list still shows. */
export async function listCohortsWithPlaces({ db, temporal, log }: Pick<CohortDependencies, 'db' | 'temporal'> & { log: Logger }): Promise<CohortListItem[]> {
  const placesOf = async (cohortId: string): Promise<CohortListItem['places']> => {
    try {
      const { places } = await temporal.workflow.getHandle(cohortWorkflowId(cohortId)).query(getCohort);
      return { taken: places.taken.length, waiting: places.waiting.length };
    } catch (error) {
      log.warn({ err: error, cohortId }, 'cohort places not read');
      return null;
    }
  };
  const cohorts = await listCohorts(db);
  return Promise.all(cohorts.map(async (c) => ({ ...c, places: await placesOf(c.id) })));
}

/** The cohort as its workflow holds it now: places, waiting list, the proposal and its problems, the groups. */
export async function cohortView({ db, temporal }: CohortDependencies, cohortId: string): Promise<CohortView> {
  await findCohort(db, cohortId);
  return temporal.workflow.getHandle(cohortWorkflowId(cohortId)).query(getCohort);
}

/** Starts a VO school's journey in the cohort: the school leader is mailed the link to the registration. */
export async function registerForCohort(deps: CohortDependencies, cohortId: string, brin: string): Promise<{ journeyId: string }> {
  await findCohort(deps.db, cohortId);
  return startJourney(deps, { brin, track: 'schoolontwikkeling', hasAspirantYearBehind: false, cohortId });
}

export async function proposeDevelopmentGroups({ db, temporal }: CohortDependencies, cohortId: string, requestedBy: string): Promise<CohortView> {
  await findCohort(db, cohortId);
  return temporal.workflow.getHandle(cohortWorkflowId(cohortId)).executeUpdate(proposeGroups, { args: [{ requestedBy }] });
}

export async function confirmDevelopmentGroups({ db, temporal }: CohortDependencies, cohortId: string, confirmedBy: string): Promise<CohortView> {
  await findCohort(db, cohortId);
  return temporal.workflow.getHandle(cohortWorkflowId(cohortId)).executeUpdate(confirmGroups, { args: [{ confirmedBy }] });
}
