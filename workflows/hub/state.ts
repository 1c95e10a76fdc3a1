/**
 * A hub year's state: its status, its trajectories (each one PlaceList, plus the schools that left
 * it, kept for the record), its knowledge sharing and the office's outcome; and the view the query
 * shows of it. Shared by the hub's places, steps and Updates, which each change a part of it.
 */
import { log } from '@temporalio/workflow';
import {
  MAX_PLACES_PER_TRAJECTORY,
  type HubOutcomeView,
  type HubStatus,
  type HubTrajectoryView,
  type HubView,
  type KnowledgeSharingView,
} from '../../domain/hub';
import { emptyPlaceList, type PlaceHolder } from '../../domain/places';
import { schoolYearBounds } from '../../domain/school-year';
import { trajectoryIdOf, type HubInput } from '../contracts/hub-year';

/** A trajectory as the hub holds it: the view, plus the schools that left it (kept for the record). */
export interface TrajectoryState extends Omit<HubTrajectoryView, 'trainingsGiven'> {
  ended: { holder: PlaceHolder; status: 'released' | 'expired'; endedAt: string; reason?: string }[];
}

export interface HubState {
  readonly input: HubInput;
  /** The end of the hub's school year, in ms. */
  readonly yearEnd: number;
  status: HubStatus;
  trajectories: TrajectoryState[];
  knowledgeSharing: KnowledgeSharingView[];
  outcome: HubOutcomeView | null;
  /** Counts offers made, so the flow wakes to time a new one. */
  offersMade: number;
  /** Set when the expertschool's journey was stopped: the year ends now. */
  stopped: { reason: string; stoppedBy: string } | null;
}

export function openHubState(input: HubInput): HubState {
  const { hubId } = input;
  return {
    input,
    yearEnd: schoolYearBounds(input.schoolYear).end.getTime(),
    status: 'open',
    trajectories: input.trajectories.map(({ title, places: asked }, index) => {
      // The application was checked against the round's rules; should more slip through, vol = vol still holds.
      const places = Number.isFinite(asked) ? Math.min(MAX_PLACES_PER_TRAJECTORY, Math.max(1, Math.floor(asked))) : 1;
      if (places !== asked) log.warn('Places per trajectory out of range', { hubId, position: index + 1, asked, places });
      return {
        trajectoryId: trajectoryIdOf(hubId, index + 1),
        position: index + 1,
        title,
        places,
        list: emptyPlaceList(places),
        startSession: null,
        trainings: [],
        ended: [],
      };
    }),
    knowledgeSharing: [],
    outcome: null,
    offersMade: 0,
    stopped: null,
  };
}

export const yearIsOver = (hub: HubState) => Date.now() >= hub.yearEnd;

export function hubView(hub: HubState): HubView {
  const { hubId, journeyId, school, schoolYear } = hub.input;
  return {
    hubId,
    journeyId,
    school,
    schoolYear,
    status: hub.status,
    trajectories: hub.trajectories.map(({ ended: _, ...t }) => ({ ...t, trainingsGiven: t.trainings.length })),
    knowledgeSharing: hub.knowledgeSharing,
    outcome: hub.outcome,
  };
}
