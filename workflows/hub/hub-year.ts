/**
 * One hub: an expertschool in one school year, with the learning trajectories it offers
 * ontwikkelscholen.
 *
 *   open (requests, offers, sessions, knowledge sharing) → year's end
 *     → awaiting_outcome (until the office decides, unless it already did) → closed
 *
 * Each trajectory holds one PlaceList (domain/places.ts). The hub's state is hub/state.ts, its
 * places as the year goes hub/places.ts, its stored steps hub/steps.ts and what schools and the
 * office ask of it hub/updates.ts; this file runs the year.
 */
import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import { getHub, hubStopped, type HubInput, type HubResult } from '../contracts/hub-year';
import { hubPlaces } from './places';
import { now } from '../toolkit';
import { hubView, openHubState } from './state';
import { hubSteps } from './steps';
import { hubUpdates } from './updates';

export async function hubYear(input: HubInput): Promise<HubResult> {
  const hub = openHubState(input);
  const { yearEnd } = hub;
  const places = hubPlaces(hub);
  const steps = hubSteps(hub);
  const { record } = steps;

  // ---- handlers ----
  setHandler(getHub, () => hubView(hub));
  setHandler(hubStopped, (request) => {
    hub.stopped ??= request;
  });
  hubUpdates(hub, places, steps);

  // ---- the flow ----
  /** Until the year's end: times offers, and passes on those not accepted in time. */
  async function runTheYear(): Promise<void> {
    for (;;) {
      const current = Date.now();
      if (current >= yearEnd) return;
      const due = places.earliestOfferDeadline();
      const wakeAt = due === null ? yearEnd : Math.min(due, yearEnd);
      const offersBefore = hub.offersMade;
      if (wakeAt > current) await condition(() => hub.offersMade !== offersBefore || hub.stopped !== null, wakeAt - current);
      if (hub.stopped) return;
      if (places.expireDueOffers()) void record('offer_expired', 'system');
    }
  }

  await runTheYear();

  const stop = hub.stopped;
  if (stop && patched('hub-stops-with-its-expertschool')) {
    hub.status = 'closed';
    hub.outcome ??= { outcome: 'stop', reason: stop.reason, decidedBy: stop.stoppedBy, decidedAt: now() };
    places.releaseEveryone(stop.reason);
    await record('hub_closed', stop.stoppedBy);
    await condition(allHandlersFinished);
    return { outcome: 'stop', reason: stop.reason, decidedBy: stop.stoppedBy };
  }

  // The year's end: offers still open lapse (they end at the year's end at the latest).
  hub.status = hub.outcome ? 'closed' : 'awaiting_outcome';
  places.expireDueOffers();
  if (hub.status === 'awaiting_outcome') {
    await record('year_ended', 'system');
    await condition(() => hub.outcome !== null);
    hub.status = 'closed';
  }
  await record('hub_closed', 'system');
  await condition(allHandlersFinished);
  const { outcome: decided, reason, decidedBy } = hub.outcome!;
  return { outcome: decided, reason, decidedBy };
}
