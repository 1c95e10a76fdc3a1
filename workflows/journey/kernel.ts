/**
 * What every school journey is made of, whatever its track: the state the query shows, steps
 * recorded in order in PostgreSQL, phases mirrored in search attributes, mail beside the flow,
 * waits that end when the office stops the journey, and actions as Updates whose validators refuse
 * what is wrong or out of turn. A track's flow (expertschool, ontwikkelschool, school development)
 * is written against this kernel; what a track allows per phase is declared in domain/tracks.ts.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { Activities } from '../../activities';
import type { CaseState, JourneyEvent, JourneyStep } from '../../domain/journey-step';
import type { NoticeContent } from '../../activities/notify-school';
import type { FormRequestView } from '../../domain/forms';
import {
  phaseLabel,
  type ApplicationView,
  CancelJourney,
  type ClosingOutcome,
  type EnrolmentView,
  type JourneyAction,
  type JourneyPhase,
  type JourneyView,
  type OpenRound,
  type PlannedConversation,
  type RecordAspirantOutcome,
  type Track,
  type WaitingFor,
} from '../../domain/journey';
import type { SchoolYear } from '../../domain/school-year';
import { allowedActions } from '../../domain/tracks';
import type { z } from '../../domain/zod';
import { RefusalType } from '../contracts/refusals';
import { getJourney, cancelJourney, JOURNEY_CLOSED_MESSAGE, type CarriedSignal, type JourneyInput, type JourneyResult } from '../contracts/journey';
import { searchAttributes } from '../../platform/temporal-namespace';

// A database or mail outage must delay a journey, never lose a step: retry for as long as it takes.
export const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' } as const;
const { recordJourneyStep } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });
// Well above the mailer's own timeouts, so two attempts at one mail never overlap.
// The heartbeat notices a worker that died mid-send within seconds, so another retries it soon.
const { notifySchool } = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', heartbeatTimeout: '10 seconds', retry });

/** Thrown inside the journey's flow when the office stops the journey; ends the run cleanly. */
export class JourneyStopped extends Error {}

/** Everything the query shows that a flow changes; the kernel derives the rest. */
export interface JourneyState {
  phase: JourneyPhase;
  waitingFor: WaitingFor | null;
  nextDeadline: string | null;
  round: OpenRound | null;
  plannedConversation: PlannedConversation | null;
  conversation: JourneyView['conversation'];
  intake: JourneyView['intake'];
  application: ApplicationView | null;
  schoolYear: SchoolYear | null;
  expertTeam: JourneyView['expertTeam'];
  aspirantOutcome: RecordAspirantOutcome | null;
  enrolment: EnrolmentView | null;
  forms: FormRequestView[];
  /** School development: the registration for a cohort, and the development group once confirmed. */
  registration: JourneyView['registration'];
  developmentGroup: JourneyView['developmentGroup'];
  outcome: JourneyResult | null;
  /** Set by the office's cancelJourney; every wait ends on it. */
  stopRequest: CancelJourney | null;
}

export type Journey = ReturnType<typeof startJourney>;

export function startJourney(track: Track, input: JourneyInput, initial: Partial<JourneyState>) {
  const { journeyId, school, hasAspirantYearBehind, cycle } = input;
  const state: JourneyState = {
    phase: 'conversation',
    waitingFor: null,
    nextDeadline: null,
    round: null,
    plannedConversation: null,
    conversation: null,
    intake: null,
    application: null,
    schoolYear: null,
    expertTeam: [],
    aspirantOutcome: null,
    enrolment: null,
    forms: [],
    registration: null,
    developmentGroup: null,
    outcome: null,
    stopRequest: null,
    ...initial,
  };
  /** Extra conditions on actions the phase allows, e.g. answering only a conversation that was planned. */
  const availability = new Map<JourneyAction, () => boolean>();

  // Journey steps: queued by record(), stored in order by storeSteps().
  let stepsQueued = input.stepsRecorded;
  let stepsStored = input.stepsRecorded;
  const pendingSteps: JourneyStep[] = [];

  const now = () => new Date().toISOString();

  /**
   * Updates and signals that come with the start (or with a new run) reach the workflow before its
   * flow has entered its first phase; registered at once, their handlers ran first and the flow's
   * first step then overwrote what they did (a conversation planned at once lost its deadline).
   * So their handlers are registered once the flow has taken its first step (see run()): the SDK
   * keeps them until then, within the same workflow task. Journeys started before keep the order
   * their histories recorded.
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

  function view(): JourneyView {
    const { stopRequest: _, ...shown } = state;
    return {
      journeyId,
      track,
      school,
      cycle,
      hasAspirantYearBehind,
      ...shown,
      allowedActions: allowedActions(track, state.phase).filter((action) => availability.get(action)?.() ?? true),
      unrecordedSteps: stepsQueued - stepsStored,
    };
  }

  // ---- recording steps: one at a time, in order; callers may wait until theirs is stored ----
  function caseState(): CaseState {
    const { phase, waitingFor, nextDeadline, schoolYear, round, application, outcome } = state;
    return {
      journeyId,
      brin: school.brin,
      track,
      cycle,
      phase,
      waitingFor,
      nextDeadline,
      schoolYear: schoolYear ?? round?.schoolYear ?? null,
      roundId: round?.roundId ?? application?.roundId ?? null,
      outcome: outcome?.outcome ?? null,
    };
  }

  function record(event: JourneyEvent, actor: string): Promise<void> {
    const seq = ++stepsQueued;
    pendingSteps.push({ key: `${journeyId}#${seq}`, seq, at: now(), actor, caseState: caseState(), event });
    return condition(() => stepsStored >= seq);
  }

  async function storeSteps(): Promise<never> {
    for (;;) {
      await condition(() => pendingSteps.length > 0);
      const step = pendingSteps[0]!;
      await recordJourneyStep(step);
      pendingSteps.shift();
      stepsStored = step.seq;
    }
  }
  void storeSteps();

  // ---- mail to the school: sent beside the flow, so an SMTP outage never holds up a deadline ----
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

  // ---- waiting: every wait ends early when the office stops the journey ----
  /** True while the flow waits for a person, a round or the calendar: it has done all it can. */
  let flowIsWaiting = false;
  /** What the flow waits for: an action that made it true has woken the flow, even before the flow has run. */
  let flowWakesWhen: () => boolean = () => false;

  /**
   * The flow's wake-up condition. It clears flowIsWaiting the moment it holds, inside the check
   * itself: conditions are checked in the order they were made, so an action's `settled()` (made
   * later) never sees the flow as waiting when the action has just woken it.
   */
  function wakesWhen(ready: () => boolean): () => boolean {
    flowIsWaiting = true;
    flowWakesWhen = ready;
    return () => {
      const awake = ready() || state.stopRequest !== null;
      if (awake) flowIsWaiting = false;
      return awake;
    };
  }

  async function waitFor(ready: () => boolean): Promise<void> {
    await condition(wakesWhen(ready));
    if (state.stopRequest) throw new JourneyStopped();
  }

  /** Waits until `ready` or `deadline`; true when ready. */
  async function waitUntil(ready: () => boolean, deadline: string): Promise<boolean> {
    const ms = Date.parse(deadline) - Date.now();
    const wake = wakesWhen(ready);
    const isReady = ms > 0 ? await condition(wake, ms) : wake();
    flowIsWaiting = false; // also when the deadline, not the condition, ended the wait
    if (state.stopRequest) throw new JourneyStopped();
    return isReady;
  }

  const sleepUntil = (deadline: string) => waitUntil(() => false, deadline);

  /**
   * Resolves once the flow has done everything an action led to, and every step is stored. A
   * condition is first checked the moment it is made, before older ones: so "waiting" counts only
   * while what the flow waits for does not hold yet, or an action that woke the flow but recorded
   * nothing itself would answer before the flow had moved.
   */
  const flowIsSettled = () => flowIsWaiting && !flowWakesWhen() && state.stopRequest === null;
  const settled = () => condition(() => (flowIsSettled() || state.phase === 'closed') && stepsStored === stepsQueued);

  // ---- validators: refuse with a reason a person can act on ----
  function refuse(type: string, message: string, details?: unknown): never {
    throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
  }

  /** Refuses one field's value with a message for that field. */
  function refuseField(field: string, message: string, type: string = RefusalType.invalidInput): never {
    refuse(type, message, { issues: [{ path: [field], message }] });
  }

  function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
    const result = schema.safeParse(value);
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
      refuse(RefusalType.invalidInput, issues.map((i) => i.message).join(' '), { issues });
    }
    return result.data;
  }

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
    const validate = (raw: T): T => {
      allowOnly(definition.name as JourneyAction);
      const input = parse(schema, raw);
      check?.(input);
      return input;
    };
    afterFirstStep(() =>
      setHandler(
        definition,
        async (raw: T) => {
          // Validated again: a server may deliver an Update without running its validator (and
          // replay never runs it); a refusal here fails the Update, not the workflow task.
          await handle(validate(raw));
          // Answer with what the journey made of the action, e.g. the phase it moved on to.
          await settled();
          return view();
        },
        { validator: (raw: T) => void validate(raw) },
      ),
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

  async function close(closing: ClosingOutcome, reason: string, actor: string): Promise<JourneyResult> {
    const outcome = { outcome: closing, reason };
    state.outcome = outcome;
    await enter('closed', null, null, { type: 'journey_closed', outcome: closing, reason }, actor);
    return outcome;
  }

  /** Ends this run at a school-year boundary and starts the next with a fresh history. */
  async function nextRun(next: JourneyInput['entry'], changes: Partial<JourneyInput> = {}): Promise<never> {
    // Runs that handed over before signals were carried keep dropping them, as their histories say.
    handingOver = patched('journey-hand-over-carries-messages');
    await mailsSent();
    await waitFor(() => allHandlersFinished() && stepsStored === stepsQueued);
    // A journey started while the school's address was still in its input leaves it behind here.
    const { contactEmail: _, ...school } = input.school;
    const { carriedSignals: __, ...rest } = input;
    return continueAsNew<(input: JourneyInput) => Promise<JourneyResult>>({
      ...rest,
      ...changes,
      school,
      stepsRecorded: stepsStored,
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
      flowStarted = true;
      // First what reached the previous run while it handed over, in the order it arrived; then
      // what came with this run's start.
      for (const { name, args } of input.carriedSignals ?? []) {
        const handler = signalHandlers.get(name);
        if (handler) handler(...args);
        else log.warn('Carried signal has no handler in this run', { signal: name });
      }
      for (const register of deferred.splice(0)) register();
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

  setHandler(getJourney, view);
  // The office stops the journey: the flow's current wait ends and the journey closes as cancelled.
  onAction(cancelJourney, CancelJourney, async (request) => {
    state.stopRequest = request;
  });

  return {
    input,
    track,
    school,
    state,
    now,
    view,
    record,
    notify,
    enter,
    waitFor,
    waitUntil,
    sleepUntil,
    refuse,
    refuseField,
    onAction,
    onSignal,
    onlyWhen,
    close,
    nextRun,
    run,
  };
}
