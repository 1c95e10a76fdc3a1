/**
 * Steps of many journeys stored together: when a round opens, thousands of journeys store their
 * steps at the same moment, one transaction each. Here, the calls that arrive while a transaction
 * runs wait for it and then go together in the next one (group commit): one BEGIN and COMMIT for
 * many journeys, and no wait at all when the worker is quiet.
 *
 * Each call still resolves only once its own steps are committed, in its own order. A journey has
 * at most one call under way (its recorder waits for each), so a batch never holds two of one
 * journey's calls but for a retry racing its first attempt, which the steps' keys make harmless.
 */
import type { JourneyStep } from '../domain/journey-step';
import type { Db } from '../platform/db';
import { recordJourneySteps } from './record-journey-step';

/** At most this many steps in one transaction, so that it stays well within a call's timeout. */
const MAX_STEPS_PER_TRANSACTION = 200;
/** Transactions under way at once: enough to keep PostgreSQL busy, few enough to leave the pool to others. */
const WRITERS = 2;

interface Waiting {
  steps: JourneyStep[];
  resolve(): void;
  reject(error: unknown): void;
}

export function createStepBatches(db: Db): (steps: JourneyStep[]) => Promise<void> {
  const queue: Waiting[] = [];
  let writers = 0;

  /** The calls that go together next: in arrival order, up to the cap (a call larger than the cap goes alone). */
  function nextBatch(): Waiting[] {
    const batch: Waiting[] = [];
    let size = 0;
    while (queue.length > 0 && (batch.length === 0 || size + queue[0]!.steps.length <= MAX_STEPS_PER_TRANSACTION)) {
      const call = queue.shift()!;
      size += call.steps.length;
      batch.push(call);
    }
    return batch;
  }

  async function write(): Promise<void> {
    writers++;
    try {
      for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) {
        try {
          await recordJourneySteps(
            db,
            batch.flatMap((call) => call.steps),
          );
          for (const call of batch) call.resolve();
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          // One journey's failing step must not fail the others: each on its own, and only its own fails.
          else await Promise.all(batch.map((call) => recordJourneySteps(db, call.steps).then(call.resolve, call.reject)));
        }
      }
    } finally {
      writers--;
    }
  }

  return (steps) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ steps, resolve, reject });
      if (writers < WRITERS) void write();
    });
}
