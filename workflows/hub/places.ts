/**
 * The places in a hub's trajectories, as the year goes: a freed place is offered to the first in
 * line, whose journey is signalled; an offer not accepted in time passes to the next; every school
 * still waiting hears where it now stands; and when the expertschool stops, everyone loses their
 * place and hears why. Each trajectory's list itself is domain/places.ts.
 */
import { patched } from '@temporalio/workflow';
import type { SignalDefinition } from '@temporalio/common';
import { expireOffer, leave, offerFreePlace } from '../../domain/places';
import { OFFER_ACCEPT_DAYS, placeInLine, placeOfferExpired, placeOffered, placeWithdrawn } from '../contracts/hub-year';
import { now, tell as tellWorkflow } from '../toolkit';
import { yearIsOver, type HubState, type TrajectoryState } from './state';

const DAY = 24 * 60 * 60 * 1000;

export function hubPlaces(hub: HubState) {
  const { hubId, school } = hub.input;

  // ---- telling ontwikkelscholen: a journey that no longer exists must not fail the hub ----
  function tell<Args extends unknown[]>(schoolJourneyId: string, signal: SignalDefinition<Args>, ...args: Args): void {
    void tellWorkflow(schoolJourneyId, signal, args, 'Journey not told', { hubId, journeyId: schoolJourneyId });
  }

  // ---- places in line ----
  /** The position each waiting school last heard (from its request's answer, or a later telling). */
  const toldPositions = new Map<string, number>();
  /** Tells every school still waiting whose place in line moved where it now stands. */
  function tellPlacesInLine(): void {
    if (!patched('hub-tells-places-in-line')) return;
    for (const t of hub.trajectories) {
      t.list.waiting.forEach((holder, index) => {
        const key = `${t.trajectoryId} ${holder.journeyId}`;
        if (toldPositions.get(key) === index + 1) return;
        toldPositions.set(key, index + 1);
        tell(holder.journeyId, placeInLine, { trajectoryId: t.trajectoryId, position: index + 1 });
      });
    }
  }

  /** The answer to a school's request told it its place in line. */
  function toldPlaceInLine(trajectoryId: string, schoolJourneyId: string, position: number): void {
    toldPositions.set(`${trajectoryId} ${schoolJourneyId}`, position);
  }

  // ---- offers ----
  /** Offers each free place to the first in line, while the year runs. True when an offer was made. */
  function offerFreePlaces(): boolean {
    const made = offerFirstInLine();
    tellPlacesInLine();
    return made;
  }

  function offerFirstInLine(): boolean {
    if (hub.status !== 'open' || yearIsOver(hub)) return false;
    // Seven days, but never past the year's end: a place in a trajectory that is over is no place.
    const acceptBefore = new Date(Math.min(Date.now() + OFFER_ACCEPT_DAYS * DAY, hub.yearEnd)).toISOString();
    let made = false;
    for (const t of hub.trajectories) {
      const { list, offered } = offerFreePlace(t.list, acceptBefore);
      if (!offered) continue;
      t.list = list;
      made = true;
      hub.offersMade++;
      tell(offered.holder.journeyId, placeOffered, { trajectoryId: t.trajectoryId, title: t.title, expertschoolName: school.name, acceptBefore });
    }
    return made;
  }

  /** Lets offers whose time is up lapse and passes their places on. True when any lapsed. */
  function expireDueOffers(): boolean {
    let expiredAny = false;
    for (const t of hub.trajectories) {
      const { list, expired } = expireOffer(t.list, now());
      if (!expired) continue;
      t.list = list;
      t.ended = [...t.ended.filter((e) => e.holder.journeyId !== expired.journeyId), { holder: expired, status: 'expired', endedAt: now() }];
      expiredAny = true;
      tell(expired.journeyId, placeOfferExpired, { trajectoryId: t.trajectoryId });
    }
    if (expiredAny) offerFreePlaces();
    return expiredAny;
  }

  function earliestOfferDeadline(): number | null {
    const deadlines = hub.trajectories.flatMap((t) => (t.list.offer ? [Date.parse(t.list.offer.acceptBefore)] : []));
    return deadlines.length ? Math.min(...deadlines) : null;
  }

  /** A school leaves a trajectory (on its own, or released by the office); its place goes to the next in line. */
  function removeFromList(t: TrajectoryState, schoolJourneyId: string, reason?: string): boolean {
    const holder = [...t.list.taken, ...t.list.waiting, ...(t.list.offer ? [t.list.offer.holder] : [])].find((h) => h.journeyId === schoolJourneyId);
    const { list, left } = leave(t.list, schoolJourneyId);
    if (!left || !holder) return false;
    t.list = list;
    const ended = { holder, status: 'released' as const, endedAt: now(), ...(reason === undefined ? {} : { reason }) };
    t.ended = [...t.ended.filter((e) => e.holder.journeyId !== schoolJourneyId), ended];
    offerFreePlaces();
    return true;
  }

  /** The expertschool stopped: every school with a place, an offer or a place in line loses it, and hears why. */
  function releaseEveryone(reason: string): void {
    const withdrawn = `${school.name} is gestopt als expertschool, daarom gaat het leertraject niet door. ${reason}`;
    for (const t of hub.trajectories) {
      const holders = [...t.list.taken, ...(t.list.offer ? [t.list.offer.holder] : []), ...t.list.waiting];
      t.list = { ...t.list, taken: [], waiting: [], offer: null };
      const ids = new Set(holders.map((h) => h.journeyId));
      const endedAt = now();
      t.ended = [
        ...t.ended.filter((e) => !ids.has(e.holder.journeyId)),
        ...holders.map((holder) => ({ holder, status: 'released' as const, endedAt, reason: withdrawn })),
      ];
      for (const holder of holders) tell(holder.journeyId, placeWithdrawn, { trajectoryId: t.trajectoryId, reason: withdrawn });
    }
  }

  return { tell, toldPlaceInLine, offerFreePlaces, expireDueOffers, earliestOfferDeadline, removeFromList, releaseEveryone };
}

export type HubPlaces = ReturnType<typeof hubPlaces>;
