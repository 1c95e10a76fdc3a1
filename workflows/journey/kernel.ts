/**
 * What every school journey is made of, whatever its track, put together for one run: its state
 * and view (state.ts), its steps, phases and mail (steps.ts), its waits (waits.ts), its actions and
 * signals (actions.ts), and its end or hand-over to the next run (run.ts). A track's flow
 * (expertschool, ontwikkelschool, school development) is written against the journey this returns;
 * what a track allows per phase is declared in domain/tracks.ts.
 */
import { condition, setHandler } from '@temporalio/workflow';
import { CancelJourney, type JourneyView, type Track } from '../../domain/journey';
import { getJourney, cancelJourney, type JourneyInput } from '../contracts/journey';
import { now } from '../toolkit';
import { journeyActions } from './actions';
import { journeyRun } from './run';
import { journeyView, newJourneyState, type JourneyState } from './state';
import { journeySteps } from './steps';
import { journeyWaits } from './waits';

export type Journey = ReturnType<typeof beginJourneyRun>;

/**
 * Sets up one run of a journey's workflow (its state, steps, waits, actions and hand-over) for a
 * track's flow to run in. Not to be confused with services/journeys/start-journey.ts, which starts
 * the workflow itself.
 */
export function beginJourneyRun(track: Track, input: JourneyInput, initial: Partial<JourneyState>) {
  const state = newJourneyState(initial);
  // view and settled use the parts made below; nothing calls them before the run is set up.
  const view = (): JourneyView => journeyView(track, input, state, actions.openActions(), steps.unstored());
  /** Resolves once the flow has done everything an action led to, and every step is stored. */
  const settled = () => condition(() => (waits.flowIsSettled() || state.phase === 'closed') && steps.allStored());

  const actions = journeyActions({ track, input, state, view, settled });
  const steps = journeySteps(track, input, state);
  const waits = journeyWaits(state);
  const { nextRun, run } = journeyRun({
    input,
    state,
    mailsSent: steps.mailsSent,
    stepsStored: steps.stored,
    allStepsStored: steps.allStored,
    waitFor: waits.waitFor,
    close: steps.close,
    flowHasStarted: actions.flowHasStarted,
    handOver: actions.handOver,
  });

  setHandler(getJourney, view);
  // The office stops the journey: the flow's current wait ends and the journey closes as cancelled.
  actions.onAction(cancelJourney, CancelJourney, async (request) => {
    state.stopRequest = request;
  });

  const { record, notify, enter, close } = steps;
  const { waitFor, waitUntil, sleepUntil } = waits;
  const { refuse, refuseField, onAction, onSignal, onlyWhen } = actions;
  return {
    input,
    track,
    school: input.school,
    state,
    now,
    view,
    record,
    notify,
    enter,
    waitFor,
    waitUntil,
    sleepUntil,
    refuse,
    refuseField,
    onAction,
    onSignal,
    onlyWhen,
    close,
    nextRun,
    run,
  };
}
