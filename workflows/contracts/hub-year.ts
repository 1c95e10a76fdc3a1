/**
 * Everything a client needs to talk to a hub's workflow (one expertschool, one school year): its
 * id scheme, query and Updates, and the signals the hub sends to an ontwikkelschool's journey.
 * The API, activities, journeys and tests import these; nobody repeats the strings.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  HubView,
  PlaceAcceptance,
  PlaceRequest,
  RecordHubOutcome,
  RecordKnowledgeSharing,
  RecordTrajectorySession,
  ReleasePlace,
  TrajectoryLeave,
} from '../../domain/hub';
import type { SchoolSnapshot } from '../../domain/journey';
import type { PlaceAnswer } from '../../domain/places';
import type { SchoolYear } from '../../domain/school-year';

/** Days an ontwikkelschool has to accept a place offered to it. */
export const OFFER_ACCEPT_DAYS = 7;

export function hubWorkflowId(brin: string, schoolYear: string): string {
  return `hub-${brin}-${schoolYear}`;
}

/** Positions count from 1, in the order the expertschool listed its trajectories. */
export function trajectoryIdOf(hubId: string, position: number): string {
  return `${hubId}/t${position}`;
}

/** The hub (and so the workflow) a trajectory belongs to. */
export function hubIdOfTrajectory(trajectoryId: string): string {
  const slash = trajectoryId.lastIndexOf('/');
  return slash < 0 ? trajectoryId : trajectoryId.slice(0, slash);
}

export interface HubInput {
  hubId: string;
  /** The expertschool's journey. */
  journeyId: string;
  school: SchoolSnapshot;
  schoolYear: SchoolYear;
  trajectories: { title: string; places: number }[];
}

export interface HubResult {
  outcome: 'continue' | 'stop';
  reason: string;
  decidedBy: string;
}

export const getHub = defineQuery<HubView>('getHub');

// ---- asked by an ontwikkelschool's journey (through its activities) ----
export const requestPlace = defineUpdate<PlaceAnswer, [PlaceRequest]>('requestPlace');
export const acceptPlace = defineUpdate<PlaceAnswer, [PlaceAcceptance]>('acceptPlace');
/** The ontwikkelschool's journey stopped: it gives up its place, offer or place in line. */
export const leaveTrajectory = defineUpdate<{ left: boolean }, [TrajectoryLeave]>('leaveTrajectory');

// ---- the programme office ----
export const releasePlace = defineUpdate<HubView, [ReleasePlace]>('releasePlace');
export const recordTrajectorySession = defineUpdate<HubView, [RecordTrajectorySession]>('recordTrajectorySession');
export const recordKnowledgeSharing = defineUpdate<HubView, [RecordKnowledgeSharing]>('recordKnowledgeSharing');
export const recordHubOutcome = defineUpdate<HubView, [RecordHubOutcome]>('recordHubOutcome');

// ---- sent by the expertschool's journey ----
/** The office stopped the expertschool's journey: the hub closes, and its schools lose their places. */
export const hubStopped = defineSignal<[{ reason: string; stoppedBy: string }]>('hubStopped');

// ---- sent by the hub to an ontwikkelschool's journey, which handles them ----
/** A place came free and is held for the school until `acceptBefore`. */
export const placeOffered = defineSignal<[{ trajectoryId: string; title: string; expertschoolName: string; acceptBefore: string }]>('placeOffered');
/** The school did not accept in time (or the year ended first): the place goes to the next in line. */
export const placeOfferExpired = defineSignal<[{ trajectoryId: string }]>('placeOfferExpired');
/** The school's place in line moved (a school ahead of it got a place or left). */
export const placeInLine = defineSignal<[{ trajectoryId: string; position: number }]>('placeInLine');
/** The office released the school's place, or its place in line. */
export const placeWithdrawn = defineSignal<[{ trajectoryId: string; reason: string }]>('placeWithdrawn');

export const HUB_CLOSED_MESSAGE = 'Dit hubjaar is afgesloten.';
