/** Baseline workflows for benchmarks: Temporal's own cost, with none of Koers's work. */
import { condition, defineSignal, setHandler } from '@temporalio/workflow';

export const wake = defineSignal('wake');

/** Waits for one signal, then completes: what a bare signal fan-out costs per workflow. */
export async function waitForOneSignal(): Promise<void> {
  let woken = false;
  setHandler(wake, () => {
    woken = true;
  });
  await condition(() => woken);
}
