/** Baseline workflows for benchmarks: Temporal's own cost, with none of Koers's work. */
import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';

export const wake = defineSignal('wake');
export const isWaiting = defineQuery<boolean>('isWaiting');

/** Waits for one signal, then completes: what a bare signal fan-out costs per workflow. */
export async function waitForOneSignal(): Promise<void> {
  let woken = false;
  setHandler(isWaiting, () => !woken);
  setHandler(wake, () => {
    woken = true;
  });
  await condition(() => woken);
}
