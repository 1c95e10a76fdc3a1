/**
 * A journey run's beginning and end: the track's flow runs to its end (a journey the office stopped
 * closes as cancelled), or hands over at a school-year boundary to the next run (continueAsNew),
 * which starts with a fresh history and the signals that arrived while this one handed over.
 */
import { allHandlersFinished, condition, continueAsNew, patched } from '@temporalio/workflow';
import type { CancelJourney, ClosingOutcome } from '../../domain/journey';
import type { CarriedSignal, JourneyInput, JourneyResult } from '../contracts/journey';
import type { JourneyState } from './state';
import { JourneyStopped } from './waits';

interface RunOf {
  input: JourneyInput;
  state: JourneyState;
  /** Before this run ends, every mail it asked for is sent. */
  mailsSent: () => Promise<unknown>;
  /** How many steps are stored, and whether every step queued is. */
  stepsStored: () => number;
  allStepsStored: () => boolean;
  waitFor: (ready: () => boolean) => Promise<void>;
  close: (closing: ClosingOutcome, reason: string, actor: string) => Promise<JourneyResult>;
  flowHasStarted: () => void;
  handOver: (carry: boolean) => CarriedSignal[];
}

export function journeyRun({ input, state, mailsSent, stepsStored, allStepsStored, waitFor, close, flowHasStarted, handOver }: RunOf) {
  /** Ends this run at a school-year boundary and starts the next with a fresh history. */
  async function nextRun(next: JourneyInput['entry'], changes: Partial<JourneyInput> = {}): Promise<never> {
    // Runs that handed over before signals were carried keep dropping them, as their histories say.
    const carriedSignals = handOver(patched('journey-hand-over-carries-messages'));
    await mailsSent();
    await waitFor(() => allHandlersFinished() && allStepsStored());
    // A journey started while the school's address was still in its input leaves it behind here.
    const { contactEmail: _, ...school } = input.school;
    const { carriedSignals: __, ...rest } = input;
    return continueAsNew<(input: JourneyInput) => Promise<JourneyResult>>({
      ...rest,
      ...changes,
      school,
      stepsRecorded: stepsStored(),
      entry: next,
      ...(carriedSignals.length > 0 ? { carriedSignals } : {}),
    });
  }

  /**
   * Runs the track's flow to its end; a journey the office stopped closes as cancelled, after
   * `whenStopped` has undone what the track holds elsewhere (a place in a trajectory).
   */
  async function run(flow: () => Promise<JourneyResult>, whenStopped: () => Promise<void> = async () => {}): Promise<JourneyResult> {
    let result: JourneyResult;
    try {
      // The flow runs at once up to its first wait, having entered its first phase; only then do
      // the Updates and signals that came with the start get their handlers, in this same task.
      const flowDone = flow();
      flowHasStarted();
      result = await flowDone;
    } catch (error) {
      // Set by the cancelJourney handler; TypeScript cannot see that a handler changed it.
      const request = state.stopRequest as CancelJourney | null;
      if (!(error instanceof JourneyStopped) || !request) throw error;
      await whenStopped();
      result = await close('cancelled', request.reason, request.cancelledBy);
    }
    await mailsSent();
    await condition(allHandlersFinished);
    return result;
  }

  return { nextRun, run };
}
