import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Db } from '../../platform/db';
import type { SchoolSnapshot, Track } from '../../domain/journey';
import { AppError } from '../errors';
import { expertschoolJourney } from '../../workflows';
import { journeyWorkflowId, searchAttributes, type JourneyInput } from '../../workflows/expertschool-journey.messages';

export interface StartJourneyRequest {
  brin: string;
  track: Track;
  hasAspirantYearBehind: boolean;
}

export interface JourneyDependencies {
  db: Db;
  temporal: Client;
  taskQueue: string;
}

/** Starts a school's journey; one journey per school and track. */
export async function startJourney({ db, temporal, taskQueue }: JourneyDependencies, request: StartJourneyRequest): Promise<{ journeyId: string }> {
  const school = await db.school.findUnique({ where: { brin: request.brin } });
  if (!school) throw new AppError('school_not_found', `Er is geen school met BRIN-code ${request.brin} bekend.`);
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
    entry: { stage: 'conversation' },
  };
  try {
    await temporal.workflow.start(expertschoolJourney, {
      workflowId: journeyId,
      taskQueue,
      args: [input],
      typedSearchAttributes: [
        { key: searchAttributes.phase, value: 'conversation' },
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
