/**
 * What ontwikkelscholen and the office ask of a hub, as Updates. Each validator refuses, with a
 * reason a person can act on, what the hub's status or the input does not allow; the handler
 * validates again. Handlers change a trajectory's list without awaiting anything first, so however
 * many schools ask at once, each sees the list the previous one left: places are never overbooked.
 */
import { condition } from '@temporalio/workflow';
import {
  PlaceAcceptance,
  PlaceRequest,
  RecordHubOutcome,
  RecordKnowledgeSharing,
  RecordTrajectorySession,
  ReleasePlace,
  TrajectoryLeave,
  dateInSchoolYear,
} from '../../domain/hub';
import { acceptOffer, askForPlace, standing, type PlaceAnswer } from '../../domain/places';
import { RefusalType } from '../contracts/refusals';
import { now, refuse, refuseField, validatedUpdate } from '../toolkit';
import {
  HUB_CLOSED_MESSAGE,
  acceptPlace,
  leaveTrajectory,
  placeWithdrawn,
  recordHubOutcome,
  recordKnowledgeSharing,
  recordTrajectorySession,
  releasePlace,
  requestPlace,
} from '../contracts/hub-year';
import type { HubPlaces } from './places';
import { hubView, yearIsOver, type HubState, type TrajectoryState } from './state';
import type { hubSteps } from './steps';

export function hubUpdates(hub: HubState, places: HubPlaces, steps: ReturnType<typeof hubSteps>): void {
  const { school, schoolYear } = hub.input;
  const { record, stored } = steps;
  const { tell, toldPlaceInLine, offerFreePlaces, expireDueOffers, removeFromList } = places;
  const view = () => hubView(hub);

  // ---- validators: refuse with a reason a person can act on ----
  const whileOpen = () => {
    if (hub.status !== 'open' || yearIsOver(hub))
      refuse(RefusalType.notNow, `De leertrajecten van ${school.name} voor ${schoolYear} nemen geen aanmeldingen meer aan.`);
  };
  const untilClosed = () => {
    if (hub.status === 'closed') refuse(RefusalType.notNow, HUB_CLOSED_MESSAGE);
  };

  function trajectory(trajectoryId: string): TrajectoryState {
    return hub.trajectories.find((t) => t.trajectoryId === trajectoryId) ?? refuseField('trajectoryId', 'Dit leertraject hoort niet bij deze hub.');
  }

  function heldInThisYear(heldOn: string): void {
    if (!dateInSchoolYear(heldOn, schoolYear)) refuseField('heldOn', `De datum valt buiten het schooljaar ${schoolYear}.`);
  }

  // ---- asked by an ontwikkelschool's journey ----
  validatedUpdate(requestPlace, PlaceRequest, { allowed: whileOpen, check: (r) => void trajectory(r.trajectoryId) }, async (r): Promise<PlaceAnswer> => {
    const t = trajectory(r.trajectoryId);
    const at = now();
    const { list, answer } = askForPlace(t.list, { journeyId: r.journeyId, brin: r.brin, schoolName: r.schoolName, askedAt: at }, at);
    if (list !== t.list) {
      t.list = list;
      // The answer tells the school its place in line.
      if (answer.status === 'waiting') toldPlaceInLine(t.trajectoryId, r.journeyId, answer.position);
      offerFreePlaces();
      await record('place_requested', 'school');
    }
    await stored(); // asked twice: answer once what it says is on record
    return answer;
  });

  validatedUpdate(acceptPlace, PlaceAcceptance, { allowed: whileOpen, check: (a) => void trajectory(a.trajectoryId) }, async (a): Promise<PlaceAnswer> => {
    // An offer whose time is up lapses now, even if its timer has not fired yet.
    if (expireDueOffers()) void record('offer_expired', 'system');
    const t = trajectory(a.trajectoryId);
    const { list, answer } = acceptOffer(t.list, a.journeyId, now());
    if (list !== t.list) {
      t.list = list;
      await record('place_accepted', 'school');
    }
    await stored();
    return answer;
  });

  validatedUpdate(leaveTrajectory, TrajectoryLeave, { allowed: untilClosed, check: (l) => void trajectory(l.trajectoryId) }, async (l) => {
    const left = removeFromList(trajectory(l.trajectoryId), l.journeyId);
    if (left) await record('place_left', 'school');
    return { left };
  });

  // ---- the programme office ----
  validatedUpdate(
    releasePlace,
    ReleasePlace,
    {
      allowed: () => {
        untilClosed();
        if (hub.status !== 'open' || yearIsOver(hub))
          refuse(RefusalType.notNow, 'Het schooljaar van deze hub is voorbij: er zijn geen plaatsen meer vrij te geven.');
      },
      check: (r) => {
        if (!standing(trajectory(r.trajectoryId).list, r.journeyId)) refuseField('journeyId', 'Deze school staat niet (meer) op de lijst van dit leertraject.');
      },
    },
    async ({ trajectoryId, journeyId: schoolJourneyId, reason, releasedBy }) => {
      // The reason is kept with the school's row: the school reads it in its mail.
      removeFromList(trajectory(trajectoryId), schoolJourneyId, reason);
      tell(schoolJourneyId, placeWithdrawn, { trajectoryId, reason });
      await record('place_released', releasedBy);
      return view();
    },
  );

  validatedUpdate(
    recordTrajectorySession,
    RecordTrajectorySession,
    {
      allowed: untilClosed,
      check: (s) => {
        trajectory(s.trajectoryId);
        heldInThisYear(s.heldOn);
      },
    },
    async ({ trajectoryId, kind, heldOn, notes, topic, recordedBy }) => {
      const t = trajectory(trajectoryId);
      // A start session recorded again corrects the earlier record.
      if (kind === 'start') t.startSession = { heldOn, notes };
      // ISO dates order as plain strings; localeCompare would depend on the worker's ICU data.
      else t.trainings = [...t.trainings, { heldOn, topic }].sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0));
      await record(kind === 'start' ? 'start_session_recorded' : 'training_recorded', recordedBy);
      return view();
    },
  );

  validatedUpdate(recordKnowledgeSharing, RecordKnowledgeSharing, { allowed: untilClosed, check: (k) => heldInThisYear(k.heldOn) }, async (k) => {
    hub.knowledgeSharing.push({ kind: k.kind, title: k.title, heldOn: k.heldOn, attendees: k.attendees, recordedBy: k.recordedBy });
    await record('knowledge_sharing_recorded', k.recordedBy);
    return view();
  });

  validatedUpdate(
    recordHubOutcome,
    RecordHubOutcome,
    {
      allowed: () => {
        untilClosed();
        if (hub.outcome) refuse(RefusalType.notNow, 'Het besluit over het vervolg van deze hub is al vastgelegd.');
      },
    },
    async ({ outcome: choice, reason, decidedBy }) => {
      hub.outcome = { outcome: choice, reason, decidedBy, decidedAt: now() };
      await record('outcome_recorded', decidedBy);
      // After the year's end the decision closes the hub: answer with the hub closed.
      if (hub.status === 'awaiting_outcome') await condition(() => hub.status === 'closed' && steps.allStored());
      return view();
    },
  );
}
