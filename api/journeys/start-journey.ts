import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Db } from '../../platform/db';
import type { SchoolSnapshot, Track } from '../../domain/journey';
import { AppError } from '../errors';
import { tracks } from '../../domain/tracks';
import { expertschoolJourney, ontwikkelschoolJourney, schoolDevelopmentJourney } from '../../workflows';
import { findCohortInput } from '../cohorts/cohort-record';
import { journeyWorkflowId, searchAttributes, type JourneyInput } from '../../workflows/expertschool-journey.messages';

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
const journeyWorkflow = { expertschool: expertschoolJourney, ontwikkelschool: ontwikkelschoolJourney, schoolontwikkeling: schoolDevelopmentJourney } as const;

/** Starts a school's journey; one journey per school and track. */
export async function startJourney({ db, temporal, taskQueue }: JourneyDependencies, request: StartJourneyRequest): Promise<{ journeyId: string }> {
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
  const snapshot: SchoolSnapshot = {
    brin: school.brin,
    name: school.name,
    sector: school.sector,
    region: school.region,
    contactEmail: school.contactEmail,
    inspectionRating: school.inspectionRating as SchoolSnapshot['inspectionRating'],
  };
  const journeyId = journeyWorkflowId(school.brin, request.track);
  const input: JourneyInput = {
    journeyId,
    school: snapshot,
    hasAspirantYearBehind: request.hasAspirantYearBehind,
    cycle: 0,
    stepsRecorded: 0,
    entry,
  };
  try {
    await temporal.workflow.start<(input: JourneyInput) => Promise<unknown>>(journeyWorkflow[request.track].name, {
      workflowId: journeyId,
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
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      throw new AppError('journey_exists', `${school.name} heeft al een lopende reis in dit traject.`);
    }
    throw error;
  }
  return { journeyId };
}
