/**
 * The ordered step recorder: a workflow queues what happened as steps, and one loop stores them
 * through an activity one at a time, in the order they were queued, so the read model never sees a
 * later step before an earlier one. Whoever recorded a step may wait until it is stored, e.g. an
 * Update that answers only once what it says is on record.
 */
import { condition } from '@temporalio/workflow';

/**
 * `store` is the activity that stores one step; `alreadyStored` counts the steps earlier runs
 * stored, so numbering goes on from there. The loop runs once `storeInOrder()` is called.
 */
export function orderedSteps<Step>(store: (step: Step) => Promise<void>, alreadyStored = 0) {
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

    /** Stores the queued steps, one at a time and in order, for as long as the workflow runs. */
    async storeInOrder(): Promise<never> {
      for (;;) {
        await condition(() => pending.length > 0);
        const { seq, step } = pending[0]!;
        await store(step);
        pending.shift();
        stored = seq;
      }
    },
  };
}
