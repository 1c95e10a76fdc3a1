/**
 * A journey's actions and signals. Actions are Updates whose validators refuse, with a reason a
 * person can act on, what is wrong or out of turn; what a track allows per phase is declared in
 * domain/tracks.ts. Handlers are registered once the flow has taken its first step, and while a run
 * hands over to the next, signals are carried over and actions refused so the API retries them.
 */
import { log, patched, setHandler } from '@temporalio/workflow';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { phaseLabel, type JourneyAction, type JourneyView, type Track } from '../../domain/journey';
import { allowedActions } from '../../domain/tracks';
import type { z } from '../../domain/zod';
import { RefusalType } from '../contracts/refusals';
import { refuse, refuseField, validatedUpdate } from '../toolkit';
import { JOURNEY_CLOSED_MESSAGE, type CarriedSignal, type JourneyInput } from '../contracts/journey';
import type { JourneyState } from './state';

interface ActionsOf {
  track: Track;
  input: JourneyInput;
  state: JourneyState;
  /** The journey as it now stands: what an action answers with. */
  view: () => JourneyView;
  /** Resolves once the flow has done everything an action led to, and every step is stored. */
  settled: () => Promise<void>;
}

export function journeyActions({ track, input, state, view, settled }: ActionsOf) {
  const { school } = input;
  /** Extra conditions on actions the phase allows, e.g. answering only a conversation that was planned. */
  const availability = new Map<JourneyAction, () => boolean>();

  /**
   * Updates and signals that come with the start (or with a new run) reach the workflow before its
   * flow has entered its first phase; registered at once, their handlers ran first and the flow's
   * first step then overwrote what they did (a conversation planned at once lost its deadline).
   * So their handlers are registered once the flow has taken its first step (see flowHasStarted):
   * the SDK keeps them until then, within the same workflow task. Journeys started before keep the
   * order their histories recorded.
   */
  const handlersAfterFirstStep = patched('journey-handlers-after-first-step');
  const deferred: (() => void)[] = [];
  let flowStarted = false;

  /**
   * Set while this run hands over to the next (continueAsNew): the flow has decided what the next
   * run starts with, so what arrives now would be lost here. Signals are kept and carried into the
   * next run; actions are refused with a type the API retries, and so reach the next run.
   */
  let handingOver = false;
  const carriedSignals: CarriedSignal[] = [];
  const signalHandlers = new Map<string, (...args: unknown[]) => void>();
  /** Registers a handler of the journey now, or once its flow has taken its first step. */
  function afterFirstStep(register: () => void): void {
    if (handlersAfterFirstStep && !flowStarted) deferred.push(register);
    else register();
  }

  // ---- validators: refuse with a reason a person can act on ----
  function allowOnly(action: JourneyAction): void {
    if (handingOver) refuse(RefusalType.handingOver, 'De reis gaat over naar het volgende schooljaar. Probeer het zo opnieuw.');
    const { phase } = state;
    if (phase === 'closed') refuse(RefusalType.notNow, JOURNEY_CLOSED_MESSAGE);
    if (phase === 'awaiting_round' && (action === 'submitApplication' || action === 'saveApplicationDraft')) {
      refuse(RefusalType.notNow, 'Er is nu geen subsidieronde open: aanvragen kan weer zodra de volgende ronde opengaat. De school krijgt daarover bericht.');
    }
    if (!allowedActions(track, phase).includes(action)) {
      refuse(RefusalType.notNow, `Dit kan nu niet: de reis van ${school.name} is in de fase "${phaseLabel[phase]}".`);
    }
  }

  /**
   * Registers an action's Update: its validator checks the phase, then the input's schema, then
   * `check`; only then does the handler run, and it answers with the journey as it now stands.
   */
  function onAction<T>(
    definition: UpdateDefinition<JourneyView, [T]>,
    schema: z.ZodType<T>,
    handle: (input: T) => Promise<void>,
    check?: (input: T) => void,
  ): void {
    const allowed = () => allowOnly(definition.name as JourneyAction);
    afterFirstStep(() =>
      validatedUpdate(definition, schema, { allowed, check }, async (valid) => {
        await handle(valid);
        // Answer with what the journey made of the action, e.g. the phase it moved on to.
        await settled();
        return view();
      }),
    );
  }

  /** Registers a signal's handler, like an action's: only once the flow has taken its first step. */
  function onSignal<Args extends unknown[]>(definition: SignalDefinition<Args>, handler: (...args: Args) => void): void {
    signalHandlers.set(definition.name, handler as (...args: unknown[]) => void);
    afterFirstStep(() =>
      setHandler(definition, (...args: Args) => {
        if (handingOver) carriedSignals.push({ name: definition.name, args });
        else handler(...args);
      }),
    );
  }

  /** Offers an action the phase allows only while `available` holds (the view leaves it out otherwise). */
  function onlyWhen(action: JourneyAction, available: () => boolean): void {
    availability.set(action, available);
  }

  /** The actions open now: those the phase allows, less those not available. */
  const openActions = () => allowedActions(track, state.phase).filter((action) => availability.get(action)?.() ?? true);

  /**
   * The flow has taken its first step: first what reached the previous run while it handed over,
   * in the order it arrived; then the handlers that wait for it, for what came with this run's start.
   */
  function flowHasStarted(): void {
    flowStarted = true;
    for (const { name, args } of input.carriedSignals ?? []) {
      const handler = signalHandlers.get(name);
      if (handler) handler(...args);
      else log.warn('Carried signal has no handler in this run', { signal: name });
    }
    for (const register of deferred.splice(0)) register();
  }

  /** The run hands over to the next: from now on signals are carried (when `carry`) and actions refused. */
  function handOver(carry: boolean): CarriedSignal[] {
    handingOver = carry;
    return carriedSignals;
  }

  return { refuse, refuseField, onAction, onSignal, onlyWhen, openActions, flowHasStarted, handOver };
}
