/**
 * Starts a school's journey in a track: the next generation's workflow id (a school that stopped may
 * start again), the school's snapshot as input, and one journey under way per school and track.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db, DbClient } from '../../platform/db';
import type { SchoolSnapshot, Track } from '../../domain/journey';
import { AppError } from '../errors';
import { tracks } from '../../domain/tracks';
import { findCohortInput } from '../cohorts/cohort-record';
import { workflowType } from '../../workflows/contracts/workflow-types';
import { journeyGeneration, journeyWorkflowId, type JourneyInput } from '../../workflows/contracts/journey';
import { searchAttributes } from '../../platform/temporal-namespace';

export interface StartJourneyRequest {
  brin: string;
  track: Track;
  hasAspirantYearBehind: boolean;
  /** School development: the cohort the school registers for (POST /api/cohorts/{cohortId}/registrations). */
  cohortId?: string;
}

export interface JourneyDependencies {
  db: Db;
  temporal: Client;
  taskQueue: string;
}

/** The workflow that carries each track's journey. */
const journeyWorkflow = {
  expertschool: workflowType.expertschoolJourney,
  ontwikkelschool: workflowType.ontwikkelschoolJourney,
  schoolontwikkeling: workflowType.schoolDevelopmentJourney,
} as const;

/**
 * The id of the school's next journey in this track, or null while its latest is still under way.
 * A journey's case row is written by its first step, so a journey started a moment ago may have
 * none yet: starting under the same id then finds it running (the id is never reused).
 */
async function nextJourneyId(db: DbClient, temporal: Client, brin: string, track: Track): Promise<string | null> {
  const rows = await db.journey.findMany({ where: { brin, track }, select: { id: true, phase: true } });
  const generation = (row: { id: string }) => journeyGeneration(row.id, brin, track) ?? 0;
  const latest = rows.reduce<(typeof rows)[number] | null>((a, b) => (a && generation(a) >= generation(b) ? a : b), null);
  if (!latest) return journeyWorkflowId(brin, track);
  // Closed on record: its workflow may still be sending its last mails, but the journey is over.
  const running =
    latest.phase !== 'closed' &&
    (await temporal.workflow
      .getHandle(latest.id)
      .describe()
      .then((d) => d.status.name === 'RUNNING')
      // Gone from Temporal (its retention ended): long closed.
      .catch((error: unknown) => (error instanceof WorkflowNotFoundError ? false : Promise.reject(error))));
  return running ? null : journeyWorkflowId(brin, track, generation(latest) + 1);
}

/**
 * Starts a school's journey: at most one under way per school and track; one that closed stays
 * on record, and the school starts afresh under the next generation's id.
 */
export async function startJourney(
  { db, temporal, taskQueue }: Omit<JourneyDependencies, 'db'> & { db: DbClient },
  request: StartJourneyRequest,
): Promise<{ journeyId: string }> {
  const school = await db.school.findUnique({ where: { brin: request.brin } });
  if (!school) throw new AppError('school_not_found', `Er is geen school met BRIN-code ${request.brin} bekend.`);
  const track = tracks[request.track];
  if (!track.sectors.includes(school.sector)) {
    throw new AppError(
      'not_eligible',
      `Het traject ${track.label} is voor scholen uit ${track.sectors.join(', ')}; ${school.name} is een ${school.sector}-school.`,
    );
  }
  let entry: JourneyInput['entry'] = { stage: 'conversation' };
  if (request.track === 'schoolontwikkeling') {
    if (!request.cohortId) {
      throw new AppError(
        'not_allowed_now',
        'Een school meldt zich voor het schoolontwikkeltraject aan bij een cohort: POST /api/cohorts/{cohortId}/registrations.',
      );
    }
    const cohort = await findCohortInput(db, request.cohortId);
    if (Date.now() >= Date.parse(cohort.registrationClosesAt)) throw new AppError('not_allowed_now', `De aanmelding voor ${cohort.name} is gesloten.`);
    entry = { stage: 'registration', cohort };
  }
  // The contact address stays out of the workflow's input (and so its history): it is personal
  // data that retention erases, and activities read it from PostgreSQL when they mail.
  const snapshot: SchoolSnapshot = {
    brin: school.brin,
    name: school.name,
    sector: school.sector,
    region: school.region,
    inspectionRating: school.inspectionRating as SchoolSnapshot['inspectionRating'],
  };
  const exists = () => new AppError('journey_exists', `${school.name} heeft al een lopende reis in dit traject.`);
  const journeyId = await nextJourneyId(db, temporal, school.brin, request.track);
  if (!journeyId) throw exists();
  const input: JourneyInput = {
    journeyId,
    school: snapshot,
    hasAspirantYearBehind: request.hasAspirantYearBehind,
    cycle: 0,
    stepsRecorded: 0,
    entry,
  };
  try {
    await temporal.workflow.start<(input: JourneyInput) => Promise<unknown>>(journeyWorkflow[request.track], {
      workflowId: journeyId,
      // An id names one journey: a closed one is never started again under it.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      taskQueue,
      args: [input],
      typedSearchAttributes: [
        { key: searchAttributes.phase, value: entry.stage },
        { key: searchAttributes.track, value: request.track },
        { key: searchAttributes.sector, value: school.sector },
        { key: searchAttributes.region, value: school.region },
      ],
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw exists();
    throw error;
  }
  return { journeyId };
}
