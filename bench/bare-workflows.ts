/** Baseline workflows for benchmarks: Temporal's own cost, with none of Koers's work. */
import { condition, defineQuery, defineSignal, defineUpdate, setHandler, sleep } from '@temporalio/workflow';

export const wake = defineSignal('wake');
export const isWaiting = defineQuery<boolean>('isWaiting');
/** An action by name with the input a journey's Update would get; answers with the state. */
export const act = defineUpdate<{ actions: string[] }, [string, unknown]>('act');

/** Waits for one signal, then completes: what a bare signal fan-out costs per workflow. */
export async function waitForOneSignal(): Promise<void> {
  let woken = false;
  setHandler(isWaiting, () => !woken);
  setHandler(wake, () => {
    woken = true;
  });
  await condition(() => woken);
}

/** Takes `updates` Updates that only change its state, then completes: what a journey's actions cost in Temporal alone. */
export async function handleUpdates(updates: number): Promise<void> {
  const state = { actions: [] as string[] };
  setHandler(act, (name) => {
    state.actions.push(name);
    return state;
  });
  await condition(() => state.actions.length >= updates);
}

/**
 * Takes `act` Updates that only change its state while it sleeps from one moment of `wakeAt` to the
 * next (the school-year boundaries of a simulated decade), until `wake` ends it as a journey's close
 * would, or the last moment has passed: a journey's years in Temporal alone.
 */
export async function updatesThroughYears(wakeAt: string[]): Promise<void> {
  const state = { actions: [] as string[] };
  let ended = false;
  setHandler(act, (name) => {
    state.actions.push(name);
    return state;
  });
  setHandler(wake, () => {
    ended = true;
  });
  for (const moment of wakeAt) {
    const ms = Date.parse(moment) - Date.now();
    if (ms > 0) await condition(() => ended, ms);
    if (ended) return;
  }
}
