/**
 * A journey refuses actions for a moment while one run hands over to the next (a new school year,
 * continueAsNew), so that none is lost in between: this sends such an action again until the new
 * run takes it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { JourneyView } from '../../domain/journey';
import { RefusalType } from '../../workflows/contracts/refusals';

/** A run hands over to the next within moments (its last mails and steps); longer, and the caller hears 503. */
const HAND_OVER_ATTEMPTS = 50;
const HAND_OVER_RETRY_MS = 200;

/**
 * Sends an action to a journey as its Update, again while the journey is handing over to its next
 * run. With an `updateId`, a second send of the same id within a run answers the first one's
 * outcome instead of running the action again (Temporal deduplicates Updates by id); a refused
 * Update (its validator said no, e.g. while handing over) is not kept, so its id can be sent again.
 */
export async function updateAcrossHandOver<T>(
  handle: WorkflowHandle,
  update: UpdateDefinition<JourneyView, [T]>,
  input: T,
  updateId?: string,
): Promise<JourneyView> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle.executeUpdate(update, { args: [input], ...(updateId ? { updateId } : {}) });
    } catch (error) {
      const handingOver =
        error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === RefusalType.handingOver;
      if (!handingOver || attempt >= HAND_OVER_ATTEMPTS) throw error;
      await delay(HAND_OVER_RETRY_MS);
    }
  }
}
