/**
 * What a journey leaves behind: its steps, stored in PostgreSQL in order; its
 * phase, mirrored in search attributes; and its mail to the school, sent beside the flow so an SMTP
 * outage never holds up a deadline.
 */
import { patched, proxyActivities, proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { NoticeContent } from '../../activities/notify-school';
import type { JourneyEvent } from '../../domain/journey-step';
import type { ClosingOutcome, JourneyPhase, Track, WaitingFor } from '../../domain/journey';
import type { JourneyInput, JourneyResult } from '../contracts/journey';
import { searchAttributes } from '../../platform/temporal-namespace';
import { shortLocalActivity, now, orderedSteps, retry } from '../toolkit';
import { caseStateOf, type JourneyState } from './state';

// One step per activity: runs from before the patch steps-stored-together; since, a workflow task's steps together.
const { recordJourneyStep } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });
const { recordJourneySteps } = proxyLocalActivities<Activities>(shortLocalActivity);
// Well above the mailer's own timeouts, so two attempts at one mail never overlap.
// The heartbeat notices a worker that died mid-send within seconds, so another retries it soon.
const { notifySchool } = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', heartbeatTimeout: '10 seconds', retry });

export function journeySteps(track: Track, input: JourneyInput, state: JourneyState) {
  const { journeyId, school, cycle } = input;

  // ---- recording steps: in order, a workflow task's together; callers may wait until theirs is stored ----
  const steps = orderedSteps({ one: recordJourneyStep, together: recordJourneySteps }, input.stepsRecorded);
  const record = (event: JourneyEvent, actor: string): Promise<void> =>
    steps.record((seq) => ({ key: `${journeyId}#${seq}`, seq, at: now(), actor, caseState: caseStateOf(track, input, state), event }));
  void steps.storeInOrder();

  // ---- mail to the school ----
  const mailsUnderWay: Promise<void>[] = [];
  function notify(notice: NoticeContent): void {
    mailsUnderWay.push(notifySchool({ journeyId, brin: school.brin, cycle, requestedAt: now(), ...notice }));
  }
  /** Before this run ends, every mail it asked for is sent. */
  const mailsSent = () => Promise.all(mailsUnderWay);

  /**
   * Moves the journey to a phase: visible at once in the query and search attributes, then stored
   * as one step with the event that caused it (by default just the phase change).
   */
  function enter(
    next: JourneyPhase,
    who: WaitingFor | null,
    deadline: string | null,
    event: JourneyEvent = { type: 'phase_entered', phase: next },
    actor = 'system',
  ): Promise<void> {
    state.phase = next;
    state.waitingFor = who;
    state.nextDeadline = deadline;
    upsertSearchAttributes([
      { key: searchAttributes.phase, value: next },
      { key: searchAttributes.waitingFor, value: who },
      { key: searchAttributes.nextDeadline, value: deadline === null ? null : new Date(deadline) },
      // The round, as on the office's overview; journeys from before it carry no round attribute.
      ...(patched('round-search-attribute') ? [{ key: searchAttributes.round, value: state.round?.roundId ?? state.application?.roundId ?? null }] : []),
    ]);
    return record(event, actor);
  }

  async function close(closing: ClosingOutcome, reason: string, actor: string): Promise<JourneyResult> {
    const outcome = { outcome: closing, reason };
    state.outcome = outcome;
    await enter('closed', null, null, { type: 'journey_closed', outcome: closing, reason }, actor);
    return outcome;
  }

  return {
    record,
    notify,
    mailsSent,
    enter,
    close,
    /** How many steps are stored; the next run counts on from there. */
    stored: steps.storedCount,
    allStored: steps.allStored,
    unstored: steps.unstored,
  };
}
