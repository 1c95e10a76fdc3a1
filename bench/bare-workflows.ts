/** Baseline workflows for benchmarks: Temporal's own cost, with none of Koers's work. */
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { FloorActivities, StorageFloorActivities } from './floor-activities';

export const wake = defineSignal('wake');
export const isWaiting = defineQuery<boolean>('isWaiting');
/** An action by name with the input a journey's Update would get; answers with the state. */
export const act = defineUpdate<{ actions: string[] }, [string, unknown]>('act');

/** Waits for `wake`, saying meanwhile that it waits. */
async function wokenBySignal(): Promise<void> {
  let woken = false;
  setHandler(isWaiting, () => !woken);
  setHandler(wake, () => {
    woken = true;
  });
  await condition(() => woken);
}

/** Waits for one signal, then completes: what a bare signal fan-out costs per workflow. */
export async function waitForOneSignal(): Promise<void> {
  await wokenBySignal();
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

// ---- engine floors: the shape of Koers's work in Temporal (its tasks and activities), with no work of Koers's own ----

const { storeStep } = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '10 seconds' });
const { sendMail } = proxyActivities<FloorActivities>({ startToCloseTimeout: '10 seconds' });
const { storeStepInDatabase } = proxyLocalActivities<StorageFloorActivities>({ startToCloseTimeout: '10 seconds' });
const { sendMailBySmtp } = proxyActivities<StorageFloorActivities>({ startToCloseTimeout: '10 seconds' });

/**
 * A journey joining a round, in Temporal alone: woken by a signal, it stores a step (a local
 * activity, in the same workflow task) and then sends a mail (an activity), as a journey does.
 */
export async function joinOnSignal(): Promise<void> {
  await wokenBySignal();
  await storeStep();
  await sendMail();
}

/**
 * A journey's actions in Temporal alone: each Update answers once a local activity has "stored"
 * it, as a journey's Update answers once its steps are stored; after the actions named in
 * `mailAfter` a mail goes out (an activity), and the workflow completes when all have. With
 * `storage: 'database'` (the storage floor) the step is written to PostgreSQL and the mail sent by SMTP.
 */
export async function updatesStoredBeforeAnswer(updates: number, mailAfter: string[], storage: 'counted' | 'database' = 'counted'): Promise<void> {
  const state = { actions: [] as string[] };
  const mails: Promise<void>[] = [];
  const { workflowId } = workflowInfo();
  setHandler(act, async (name) => {
    state.actions.push(name);
    const key = `${workflowId}#${state.actions.length}`;
    await (storage === 'database' ? storeStepInDatabase(key) : storeStep());
    if (mailAfter.includes(name)) mails.push(storage === 'database' ? sendMailBySmtp(key) : sendMail());
    return state;
  });
  await condition(() => state.actions.length >= updates && allHandlersFinished());
  await Promise.all(mails);
}
