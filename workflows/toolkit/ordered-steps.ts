/**
 * The ordered step recorder: a workflow queues what happened as steps, and one loop stores them in
 * the order they were queued, so the read model never sees a later step before an earlier one.
 * Whoever recorded a step may wait until it is stored, e.g. an Update that answers only once what
 * it says is on record.
 */
import { condition, patched } from '@temporalio/workflow';

/**
 * Runs that began before it stored one step per activity, each with a workflow task before and
 * after it; with it, every step queued by the time the loop looks is stored together, in order,
 * in one call (a local activity: no round trip through the server).
 */
export const STEPS_STORED_TOGETHER = 'steps-stored-together';

/** At most this many steps in one call, so its input and its marker in the history stay small. */
export const MAX_STEPS_TOGETHER = 20;

/** How steps are stored: `one` by the path histories recorded before the patch took, `together` since. */
export interface StepStore<Step> {
  one: (step: Step) => Promise<void>;
  /** Stores the steps in one transaction, in their order; safe to run again (each is keyed). */
  together: (steps: Step[]) => Promise<void>;
}

/**
 * `alreadyStored` counts the steps earlier runs stored, so numbering goes on from there. The loop
 * runs once `storeInOrder()` is called.
 */
export function orderedSteps<Step>(store: StepStore<Step>, alreadyStored = 0) {
  let queued = alreadyStored;
  let stored = alreadyStored;
  const pending: { seq: number; step: Step }[] = [];

  return {
    /** Queues the step `make` builds for its number (1, 2, …); resolves once that step is stored. */
    record(make: (seq: number) => Step): Promise<void> {
      const seq = ++queued;
      pending.push({ seq, step: make(seq) });
      return condition(() => stored >= seq);
    },

    /** Resolves once every step queued so far is stored. */
    stored(): Promise<void> {
      const seq = queued;
      return condition(() => stored >= seq);
    },

    /** How many steps are stored; a next run numbers on from there. */
    storedCount: () => stored,
    allStored: () => stored === queued,
    unstored: () => queued - stored,

    /** Stores the queued steps in order, for as long as the workflow runs; a step leaves the queue once stored. */
    async storeInOrder(): Promise<never> {
      for (;;) {
        await condition(() => pending.length > 0);
        // Checked per call, so a run that began on the old path takes the new one once it is past its history.
        const together = patched(STEPS_STORED_TOGETHER);
        // What the same activation queues next (the phase an Update's step moves the flow to) joins this batch.
        if (together) await nextConditionPass();
        const batch = pending.slice(0, together ? MAX_STEPS_TOGETHER : 1);
        if (together) await store.together(batch.map((p) => p.step));
        else await store.one(batch[0]!.step);
        pending.splice(0, batch.length);
        stored = batch[batch.length - 1]!.seq;
      }
    },
  };
}

/**
 * Resolves in the workflow's next pass over its conditions, after the code the current pass woke
 * (a handler, the flow) has run as far as it can: false when first asked, true when asked again.
 */
function nextConditionPass(): Promise<void> {
  let asked = false;
  return condition(() => {
    const again = asked;
    asked = true;
    return again;
  });
}
