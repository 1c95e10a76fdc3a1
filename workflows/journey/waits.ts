/**
 * How a journey's flow waits (for a person, a round or the calendar): every wait ends early when
 * the office stops the journey, and an action can tell whether the flow has done all it led to.
 */
import { condition } from '@temporalio/workflow';
import type { JourneyState } from './state';

/** Thrown inside the journey's flow when the office stops the journey; ends the run cleanly. */
export class JourneyStopped extends Error {}

export function journeyWaits(state: JourneyState) {
  /** True while the flow waits for a person, a round or the calendar: it has done all it can. */
  let flowIsWaiting = false;
  /** What the flow waits for: an action that made it true has woken the flow, even before the flow has run. */
  let flowWakesWhen: () => boolean = () => false;

  /**
   * The flow's wake-up condition. It clears flowIsWaiting the moment it holds, inside the check
   * itself: conditions are checked in the order they were made, so an action's `settled()` (made
   * later) never sees the flow as waiting when the action has just woken it.
   */
  function wakesWhen(ready: () => boolean): () => boolean {
    flowIsWaiting = true;
    flowWakesWhen = ready;
    return () => {
      const awake = ready() || state.stopRequest !== null;
      if (awake) flowIsWaiting = false;
      return awake;
    };
  }

  async function waitFor(ready: () => boolean): Promise<void> {
    await condition(wakesWhen(ready));
    if (state.stopRequest) throw new JourneyStopped();
  }

  /** Waits until `ready` or `deadline`; true when ready. */
  async function waitUntil(ready: () => boolean, deadline: string): Promise<boolean> {
    const ms = Date.parse(deadline) - Date.now();
    const wake = wakesWhen(ready);
    const isReady = ms > 0 ? await condition(wake, ms) : wake();
    flowIsWaiting = false; // also when the deadline, not the condition, ended the wait
    if (state.stopRequest) throw new JourneyStopped();
    return isReady;
  }

  const sleepUntil = (deadline: string) => waitUntil(() => false, deadline);

  /**
   * True once the flow has done everything an action led to. A condition is first checked the
   * moment it is made, before older ones: so "waiting" counts only while what the flow waits for
   * does not hold yet, or an action that woke the flow but recorded nothing itself would answer
   * before the flow had moved.
   */
  const flowIsSettled = () => flowIsWaiting && !flowWakesWhen() && state.stopRequest === null;

  return { waitFor, waitUntil, sleepUntil, flowIsSettled };
}
