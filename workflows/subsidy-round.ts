/**
 * One subsidy round, from opening to closing. Started by the round's Schedule at its opening
 * moment (or by the office, to open it now):
 *
 *   open → tell every waiting journey → remind unfinished applications (e.g. 14 and 3 days before)
 *        → close at the deadline, when full, or when cancelled → tell journeys still applying
 *
 * Journeys keep their own copy of the deadline; this workflow only tells them when it changes.
 */
import { condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  getRound,
  roundCancelled,
  roundFull,
  roundRescheduled,
  type OpenedRound,
  type SubsidyRoundInput,
  type SubsidyRoundState,
} from './contracts/subsidy-round';
import { retry } from './toolkit';

const activities = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry,
});

// A reminder goes out in batches of this many schools, each one short activity (a batch's mails go
// at once, so it takes about as long as one send) instead of one long one that could time out and
// start over for every school.
export const REMINDER_BATCH = 10;
const { remindApplicationsBatch } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry,
});

/** Reminds every school with an unfinished application, batch by batch; returns how many. */
async function remindInBatches(reminder: { roundId: string; daysBefore: number; remindAt: string }): Promise<number> {
  let mails = 0;
  for (let after: string | null = ''; after !== null;) {
    const batch: { mails: number; next: string | null } = await remindApplicationsBatch({ ...reminder, after, limit: REMINDER_BATCH });
    mails += batch.mails;
    after = batch.next;
  }
  return mails;
}

export async function subsidyRound({ roundId }: SubsidyRoundInput): Promise<SubsidyRoundState> {
  const state: SubsidyRoundState = { roundId, status: 'opening', closesAt: null, journeysTold: 0, remindersSent: [], closedReason: null };
  let reminders: OpenedRound['reminders'] = [];
  let closing: 'full' | 'cancelled' | null = null;

  // Journeys keep their own copy of the round: with this patch, every move the office makes
  // reaches them, also one that arrives while the round opens, announces or reminds, and so does
  // the close.
  const neverStale = patched('round-state-never-stale');

  setHandler(getRound, () => state);
  setHandler(roundRescheduled, (change) => {
    state.closesAt = change.closesAt;
    reminders = change.reminders.filter((r) => Date.parse(r.at) > Date.now());
  });
  setHandler(roundFull, () => {
    closing ??= 'full';
  });
  setHandler(roundCancelled, () => {
    closing ??= 'cancelled';
  });

  const opened = await activities.openSubsidyRound({ roundId });
  if (!opened) {
    // Opened already (the office opened it early), cancelled, or closed: nothing to do twice.
    state.status = 'closed';
    return state;
  }
  state.status = 'open';
  // A move that arrived while the round opened is newer than what the opening read.
  const movedWhileOpening = neverStale && state.closesAt !== null;
  if (!movedWhileOpening) {
    state.closesAt = opened.round.closesAt;
    // A reminder whose moment had passed before the round opened (opened late) is not sent.
    const openedAt = Date.now();
    reminders = opened.reminders.filter((r) => Date.parse(r.at) > openedAt);
  }

  /** The closing moment journeys last heard (from the announcement or a later telling). */
  let toldClosesAt = opened.round.closesAt;
  async function tellJourneys(closesAt: string): Promise<void> {
    await activities.tellApplyingJourneys({ roundId, closesAt });
    toldClosesAt = closesAt;
  }

  state.journeysTold = await activities.announceRound({ round: opened.round, tracks: opened.tracks });

  // Each reminder once, in time order; a rescheduled deadline brings its own reminder moments.
  const sent = new Set<number>();
  for (;;) {
    if (neverStale && closing === null && state.closesAt !== toldClosesAt) {
      // Moved while the round was announcing or reminding.
      await tellJourneys(state.closesAt!);
      continue;
    }
    const next = reminders
      .filter((r) => !sent.has(r.daysBefore) && Date.parse(r.at) < Date.parse(state.closesAt!))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
    const wakeAt = next ? next.at : state.closesAt!;
    const ms = Date.parse(wakeAt) - Date.now();
    const deadlineBefore = state.closesAt;
    const interrupted = ms > 0 ? await condition(() => closing !== null || state.closesAt !== deadlineBefore, ms) : false;
    if (closing) break;
    if (interrupted) {
      // Rescheduled: journeys applying keep their own deadline, so they hear the new one.
      if (neverStale) await tellJourneys(state.closesAt!);
      else await activities.tellApplyingJourneys({ roundId, closesAt: state.closesAt! });
      continue;
    }
    if (!next) break; // the deadline
    sent.add(next.daysBefore);
    const reminder = { roundId, daysBefore: next.daysBefore, remindAt: next.at };
    const mails = patched('round-reminders-in-batches') ? await remindInBatches(reminder) : await activities.remindUnfinishedApplications(reminder);
    state.remindersSent.push({ daysBefore: next.daysBefore, at: next.at, mails });
  }

  // Set by signal handlers; TypeScript cannot see that they changed it.
  const closedEarly = closing as 'full' | 'cancelled' | null;
  state.closedReason = closedEarly ?? 'deadline';
  const deadline = state.closesAt!;
  const closedAt = await activities.closeSubsidyRound({ roundId, reason: state.closedReason });
  state.status = state.closedReason === 'cancelled' ? 'cancelled' : 'closed';
  state.closesAt = closedAt;
  if (state.closedReason !== 'deadline') {
    // Journeys apply against their own copy of the deadline: tell them it came early.
    await activities.tellApplyingJourneys({ roundId, closesAt: closedAt });
  } else if (neverStale) {
    // Closed at the deadline: a journey whose copy is off still hears the moment it closed.
    await activities.tellApplyingJourneys({ roundId, closesAt: deadline, applyingOnly: true });
  }
  return state;
}
