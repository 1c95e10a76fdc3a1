/**
 * Drives one journey the way the API does: start it, act on it through its Updates, read it
 * through its query, and (with RECORD_HISTORIES=1) keep the histories of its runs for replay.
 */
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { startJourney } from '../../services/journeys/start-journey';
import type { JourneyPhase, JourneyView, OpenRound } from '../../domain/journey';
import type { Db } from '../../platform/db';
import { getJourney, roundOpened } from '../../workflows/contracts/journey';
import { recordHistories } from './histories';

export interface Refusal {
  type: string;
  message: string;
  issues: { path: string[]; message: string; code?: string }[];
}

export class JourneyDriver {
  private constructor(
    readonly journeyId: string,
    private readonly client: Client,
  ) {}

  static async start(
    deps: { db: Db; client: Client; taskQueue: string },
    request: { brin: string; hasAspirantYearBehind?: boolean; track?: 'expertschool' | 'ontwikkelschool' },
  ): Promise<JourneyDriver> {
    const { journeyId } = await startJourney(
      { db: deps.db, temporal: deps.client, taskQueue: deps.taskQueue },
      { brin: request.brin, track: request.track ?? 'expertschool', hasAspirantYearBehind: request.hasAspirantYearBehind ?? false },
    );
    return new JourneyDriver(journeyId, deps.client);
  }

  get handle(): WorkflowHandle {
    return this.client.workflow.getHandle(this.journeyId);
  }

  act<T>(update: UpdateDefinition<JourneyView, [T]>, input: T): Promise<JourneyView> {
    return this.handle.executeUpdate(update, { args: [input] });
  }

  /** The failure with which the journey refuses an action; throws if it accepts it. */
  async refusal<T>(update: UpdateDefinition<JourneyView, [T]>, input: T): Promise<Refusal> {
    try {
      await this.act(update, input);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        const details = (error.cause.details?.[0] ?? {}) as { issues?: Refusal['issues'] };
        return { type: error.cause.type ?? '', message: error.cause.message, issues: details.issues ?? [] };
      }
      throw error;
    }
    throw new Error(`${update.name} was accepted, expected a refusal`);
  }

  state(): Promise<JourneyView> {
    return this.handle.query(getJourney);
  }

  openRound(round: OpenRound): Promise<void> {
    return this.handle.signal(roundOpened, round);
  }

  /**
   * Polls the query until the journey is in `phase` with every step stored (the worker acts
   * asynchronously after a timer or signal).
   */
  async reach(phase: JourneyPhase, extra: (view: JourneyView) => boolean = () => true): Promise<JourneyView> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const view = await this.state();
      if (view.phase === phase && view.unrecordedSteps === 0 && extra(view)) return view;
      if (Date.now() > deadline) throw new Error(`journey stayed in ${view.phase} (${view.waitingFor}), expected ${phase}`);
      // Not faster: a stream of queries can hold off the signals the journey is waiting for on the
      // time-skipping server.
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Keeps the histories of this journey's runs for the replay test (support/histories.ts). */
  recordHistories(name: string): Promise<void> {
    return recordHistories(this.client, this.journeyId, name);
  }
}
