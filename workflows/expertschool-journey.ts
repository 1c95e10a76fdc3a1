/**
 * One school's journey towards, and through, being an expertschool.
 *
 *   conversation → intake → (awaiting a round) → application → decision → approved
 *     → aspirant year → hub year → (next programme year: evaluation conversation → …)
 *
 * A school that did the aspirant year skips it and goes from approval to its hub year. Every
 * school-year boundary starts a new run (continueAsNew), so a history holds at most one year.
 * People act through Updates whose validators refuse what is wrong or out of turn; every step is
 * recorded, in order, in PostgreSQL by the recordJourneyStep activity.
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
import type { UpdateDefinition } from '@temporalio/common';
import type { Activities } from '../activities';
import type { CaseState, JourneyEvent, JourneyStep } from '../activities/journey-step';
import type { NoticeContent } from '../activities/notify-school';
import { checkEligibility, type Ineligibility } from '../domain/eligibility';
import {
  CancelJourney,
  DecideApplication,
  PlanConversation,
  RecordAspirantOutcome,
  RecordConversationReport,
  RecordIntakeOutcome,
  RegisterExpertTeam,
  RespondToConversation,
  SaveApplicationDraft,
  SubmitApplication,
  phaseLabel,
  type ApplicationView,
  type ClosingOutcome,
  type JourneyAction,
  type JourneyPhase,
  type JourneyView,
  type OpenRound,
  type PlannedConversation,
  type WaitingFor,
} from '../domain/journey';
import { nextSchoolYear, schoolYearBounds, type SchoolYear } from '../domain/school-year';
import { subsidyAmount } from '../domain/subsidy-amount';
import type { z } from '../domain/zod';
import {
  RefusalType,
  cancelJourney,
  decideApplication,
  getJourney,
  planConversation,
  recordAspirantOutcome,
  recordConversationReport,
  recordIntakeOutcome,
  registerExpertTeam,
  respondToConversation,
  roundChanged,
  roundOpened,
  saveApplicationDraft,
  searchAttributes,
  submitApplication,
  JOURNEY_CLOSED_MESSAGE,
  type JourneyInput,
  type JourneyResult,
} from './expertschool-journey.messages';

// A database or mail outage must delay a journey, never lose a step: retry for as long as it takes.
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' } as const;
const { recordJourneyStep, findOpenRound, claimRoundPlace } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });
// Well above the mailer's own timeouts, so two attempts at one mail never overlap.
// The heartbeat notices a worker that died mid-send within seconds, so another retries it soon.
const { notifySchool } = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', heartbeatTimeout: '10 seconds', retry });

/** Thrown inside the journey's flow when the office stops the journey; ends the run cleanly. */
class JourneyStopped extends Error {}

const actionsByPhase: Record<JourneyPhase, JourneyAction[]> = {
  conversation: ['planConversation', 'respondToConversation', 'recordConversationReport', 'cancelJourney'],
  intake: ['recordIntakeOutcome', 'cancelJourney'],
  awaiting_round: ['cancelJourney'],
  application: ['saveApplicationDraft', 'submitApplication', 'cancelJourney'],
  decision: ['decideApplication', 'cancelJourney'],
  approved: ['cancelJourney'],
  aspirant_year: ['registerExpertTeam', 'recordAspirantOutcome', 'cancelJourney'],
  hub_year: ['cancelJourney'],
  closed: [],
};

export async function expertschoolJourney(input: JourneyInput): Promise<JourneyResult> {
  const { journeyId, school, hasAspirantYearBehind, cycle, entry } = input;
  const track = 'expertschool' as const;

  // ---- state: everything the query shows ----
  let phase: JourneyPhase = entry.stage === 'conversation' ? 'conversation' : entry.stage;
  let waitingFor: WaitingFor | null = null;
  let nextDeadline: string | null = null;
  let round: OpenRound | null = null;
  let plannedConversation: PlannedConversation | null = null;
  let conversation: JourneyView['conversation'] = null;
  let intake: JourneyView['intake'] = null;
  let application: ApplicationView | null = entry.stage === 'conversation' ? null : entry.application;
  let schoolYear: SchoolYear | null = entry.stage === 'conversation' ? null : entry.schoolYear;
  let expertTeam: JourneyView['expertTeam'] = entry.stage === 'hub_year' ? entry.expertTeam : [];
  let aspirantOutcome: RecordAspirantOutcome | null = null;
  let stopRequest: CancelJourney | null = null;
  let outcome: JourneyResult | null = null;
  /** Set while a submission waits for its place in a round with a capacity, so a second one is refused. */
  let submitting = false;

  // Journey steps: queued by record(), stored in order by storeSteps().
  let stepsQueued = input.stepsRecorded;
  let stepsStored = input.stepsRecorded;
  const pendingSteps: JourneyStep[] = [];

  const now = () => new Date().toISOString();
  const roundIsOpen = () => round !== null && Date.now() < Date.parse(round.closesAt);
  const awaitingConversationAnswer = () => plannedConversation !== null && plannedConversation.response === null;

  function view(): JourneyView {
    return {
      journeyId,
      track,
      school,
      cycle,
      phase,
      waitingFor,
      nextDeadline,
      hasAspirantYearBehind,
      plannedConversation,
      conversation,
      intake,
      round,
      application,
      schoolYear,
      expertTeam,
      aspirantOutcome,
      outcome,
      allowedActions: actionsByPhase[phase].filter((action) => action !== 'respondToConversation' || awaitingConversationAnswer()),
      unrecordedSteps: stepsQueued - stepsStored,
    };
  }

  // ---- recording steps: one at a time, in order; callers may wait until theirs is stored ----
  function caseState(): CaseState {
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
    phase = next;
    waitingFor = who;
    nextDeadline = deadline;
    upsertSearchAttributes([
      { key: searchAttributes.phase, value: phase },
      { key: searchAttributes.waitingFor, value: waitingFor },
      { key: searchAttributes.nextDeadline, value: deadline === null ? null : new Date(deadline) },
      // The round, as on the office's overview; journeys from before it carry no round attribute.
      ...(patched('round-search-attribute') ? [{ key: searchAttributes.round, value: round?.roundId ?? application?.roundId ?? null }] : []),
    ]);
    return record(event, actor);
  }

  // ---- waiting: every wait ends early when the office stops the journey ----
  /** True while the flow waits for a person, a round or the calendar: it has done all it can. */
  let flowIsWaiting = false;

  /**
   * The flow's wake-up condition. It clears flowIsWaiting the moment it holds, inside the check
   * itself: conditions are checked in the order they were made, so an action's `settled()` (made
   * later) never sees the flow as waiting when the action has just woken it.
   */
  function wakesWhen(ready: () => boolean): () => boolean {
    flowIsWaiting = true;
    return () => {
      const awake = ready() || stopRequest !== null;
      if (awake) flowIsWaiting = false;
      return awake;
    };
  }

  async function waitFor(ready: () => boolean): Promise<void> {
    await condition(wakesWhen(ready));
    if (stopRequest) throw new JourneyStopped();
  }

  /** Waits until `ready` or `deadline`; true when ready. */
  async function waitUntil(ready: () => boolean, deadline: string): Promise<boolean> {
    const ms = Date.parse(deadline) - Date.now();
    const wake = wakesWhen(ready);
    const isReady = ms > 0 ? await condition(wake, ms) : wake();
    flowIsWaiting = false; // also when the deadline, not the condition, ended the wait
    if (stopRequest) throw new JourneyStopped();
    return isReady;
  }

  /** Resolves once the flow has done everything an action led to, and every step is stored. */
  const settled = () => condition(() => (flowIsWaiting || phase === 'closed') && stepsStored === stepsQueued);

  const sleepUntil = (deadline: string) => waitUntil(() => false, deadline);

  // ---- validators: refuse with a reason a person can act on ----
  function refuse(type: string, message: string, details?: unknown): never {
    throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
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
    if (phase === 'closed') refuse(RefusalType.notNow, JOURNEY_CLOSED_MESSAGE);
    if (phase === 'awaiting_round' && (action === 'submitApplication' || action === 'saveApplicationDraft')) {
      refuse(RefusalType.notNow, 'Er is nu geen subsidieronde open: aanvragen kan weer zodra de volgende ronde opengaat. De school krijgt daarover bericht.');
    }
    if (!actionsByPhase[phase].includes(action)) {
      refuse(RefusalType.notNow, `Dit kan nu niet: de reis van ${school.name} is in de fase "${phaseLabel[phase]}".`);
    }
  }

  function ineligible(problems: Ineligibility[]): never {
    const issues = problems.map((p) => ({ path: p.path.map(String), message: p.message, code: p.code }));
    refuse(RefusalType.notEligible, problems.map((p) => p.message).join(' '), { issues });
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
    );
  }

  // ---- handlers ----
  setHandler(getJourney, view);

  setHandler(roundOpened, (opened) => {
    const beforeApplying = phase === 'conversation' || phase === 'intake' || phase === 'awaiting_round';
    if (beforeApplying && Date.now() < Date.parse(opened.closesAt)) round = opened;
    else log.info('Round signal ignored', { roundId: opened.roundId, phase });
  });

  setHandler(roundChanged, (changed) => {
    if (round?.roundId === changed.roundId) round = changed;
  });

  onAction(
    planConversation,
    PlanConversation,
    async ({ startsAt, durationMinutes, location, plannedBy }) => {
      plannedConversation = {
        kind: hasAspirantYearBehind ? 'evaluation' : 'exploratory',
        number: (plannedConversation?.number ?? 0) + 1,
        startsAt: new Date(startsAt).toISOString(),
        durationMinutes,
        location,
        plannedBy,
        response: null,
      };
      notify({ kind: 'conversation-planned', conversation: plannedConversation });
      // Now the school is asked to confirm, before the conversation starts.
      await enter('conversation', 'school', plannedConversation.startsAt, { type: 'conversation_planned', conversation: plannedConversation }, plannedBy);
    },
    ({ startsAt }) => {
      if (Date.parse(startsAt) <= Date.now()) {
        const message = 'Kies een moment in de toekomst.';
        refuse(RefusalType.invalidInput, message, { issues: [{ path: ['startsAt'], message }] });
      }
    },
  );

  onAction(
    respondToConversation,
    RespondToConversation,
    async ({ answer, note }) => {
      plannedConversation = { ...plannedConversation!, response: { answer, note, at: now() } };
      const event = { type: 'conversation_answered', conversation: plannedConversation } as const;
      // Confirmed: the office holds the conversation. Another moment: the office plans again.
      await enter('conversation', 'office', answer === 'confirm' ? plannedConversation.startsAt : null, event, 'school');
    },
    () => {
      if (!plannedConversation) refuse(RefusalType.notNow, 'Er is nog geen gesprek gepland om op te antwoorden.');
      if (plannedConversation.response) refuse(RefusalType.notNow, 'Op deze uitnodiging is al geantwoord.');
    },
  );

  onAction(recordConversationReport, RecordConversationReport, async ({ conductedOn, report, recordedBy }) => {
    conversation = { kind: hasAspirantYearBehind ? 'evaluation' : 'exploratory', conductedOn, report, recordedBy };
    await record({ type: 'conversation_recorded', kind: conversation.kind, conductedOn, report }, recordedBy);
  });

  onAction(recordIntakeOutcome, RecordIntakeOutcome, async ({ outcome: routed, notes, recordedBy }) => {
    intake = { outcome: routed, notes, recordedBy };
    await record({ type: 'intake_recorded', outcome: routed, notes }, recordedBy);
  });

  /** The round the school's unsubmitted application belongs to, while it is still open. */
  function requireOpenDraft(): OpenRound {
    if (application?.status !== 'draft' || submitting) refuse(RefusalType.notNow, 'De aanvraag is al ingediend.');
    if (!round || !roundIsOpen()) {
      refuse(RefusalType.notNow, `De aanvraagtermijn is gesloten${round ? ` sinds ${round.closesAt}` : ''}; de school wacht op de volgende subsidieronde.`);
    }
    return round;
  }

  onAction(
    saveApplicationDraft,
    SaveApplicationDraft,
    async (draft) => {
      application = { ...application!, ...draft };
      await record({ type: 'application_saved', application }, 'school');
    },
    () => void requireOpenDraft(),
  );

  onAction(
    submitApplication,
    SubmitApplication,
    async (form) => {
      const { rates, capacity, roundId } = requireOpenDraft();
      if (capacity) {
        submitting = true;
        const { granted } = await claimRoundPlace({ roundId, journeyId }).finally(() => (submitting = false));
        if (!granted) refuse(RefusalType.notNow, 'Deze subsidieronde is vol: alle plaatsen zijn vergeven. De school doet mee in de volgende ronde.');
        requireOpenDraft(); // the round may have closed while the place was being taken
      }
      application = {
        ...application!,
        ...form,
        status: 'submitted',
        amountEuros: subsidyAmount(form.trajectories, rates),
        submittedAt: now(),
      };
      await record({ type: 'application_saved', application }, 'school');
    },
    (form) => {
      const { rates } = requireOpenDraft();
      const problems = checkEligibility({ application: form, inspectionRating: school.inspectionRating, hasAspirantYearBehind, rates });
      if (problems.length > 0) ineligible(problems);
    },
  );

  onAction(decideApplication, DecideApplication, async ({ decision, reason, decidedBy }) => {
    application = { ...application!, status: decision, decision: { decision, reason, decidedBy, decidedAt: now() } };
    await record({ type: 'application_decided', application }, decidedBy);
  });

  onAction(
    registerExpertTeam,
    RegisterExpertTeam,
    async ({ members }) => {
      expertTeam = members;
      await record({ type: 'expert_team_registered', schoolYear: schoolYear!, members }, 'school');
      // With its team named, the school has done its part; the year runs its course.
      if (waitingFor === 'school') await enter('aspirant_year', 'calendar', nextDeadline);
    },
    ({ members }) => {
      if (!members.some((m) => m.role === 'school_leader')) {
        const message = 'De schoolleider hoort bij het expertteam.';
        refuse(RefusalType.notEligible, message, { issues: [{ path: ['members'], message }] });
      }
    },
  );

  onAction(
    recordAspirantOutcome,
    RecordAspirantOutcome,
    async (decided) => {
      aspirantOutcome = decided;
      await record({ type: 'aspirant_outcome_recorded', schoolYear: schoolYear!, outcome: decided }, decided.recordedBy);
    },
    () => {
      if (aspirantOutcome) refuse(RefusalType.notNow, 'De uitkomst van het aspirantjaar is al vastgelegd.');
    },
  );

  onAction(cancelJourney, CancelJourney, async (request) => {
    stopRequest = request;
  });

  // ---- the flow ----
  async function close(closing: ClosingOutcome, reason: string, actor: string): Promise<JourneyResult> {
    outcome = { outcome: closing, reason };
    await enter('closed', null, null, { type: 'journey_closed', outcome: closing, reason }, actor);
    return outcome;
  }

  /** Waits for the school's submission until the round closes; the round may move its deadline. */
  async function applicationSubmittedInTime(): Promise<boolean> {
    for (;;) {
      const deadline = round!.closesAt;
      const submitted = () => application!.status === 'submitted';
      if (await waitUntil(() => submitted() || round!.closesAt !== deadline, deadline)) {
        if (submitted()) return true;
        // Rescheduled (or closed early): the same round, a new deadline.
        await enter('application', 'school', round!.closesAt);
        continue;
      }
      return submitted();
    }
  }

  /** Conversation, intake and an application in an open round, up to the office's decision. */
  async function applyForSubsidy(): Promise<JourneyResult | ApplicationView> {
    await enter('conversation', 'office', null);
    await waitFor(() => conversation !== null);

    await enter('intake', 'office', null);
    await waitFor(() => intake !== null);
    if (intake!.outcome !== 'expertschool') {
      return close('referred', `Na de intake is de beste vervolgstap: ${intake!.outcome}.`, intake!.recordedBy);
    }

    for (;;) {
      if (!roundIsOpen()) {
        await enter('awaiting_round', 'round', null);
        // Asked after the case record says "awaiting_round": a round that opens later finds this
        // journey there and signals it; one that opened before is found here.
        const alreadyOpen = await findOpenRound({ track });
        if (alreadyOpen && !roundIsOpen()) round = alreadyOpen;
        await waitFor(roundIsOpen);
      }
      const current = round!;
      application = {
        id: `${journeyId}/${current.roundId}`,
        roundId: current.roundId,
        schoolYear: current.schoolYear,
        status: 'draft',
        // What the school wrote for a round it missed stays: it resumes, not restarts.
        participants: application?.participants ?? [],
        sections: application?.sections ?? {},
        trajectories: application?.trajectories ?? [],
        otherSubsidies: application?.otherSubsidies ?? [],
        amountEuros: null,
        submittedAt: null,
        decision: null,
      };
      await enter('application', 'school', current.closesAt, { type: 'round_joined', roundId: current.roundId, closesAt: current.closesAt, application });
      notify({ kind: 'round-opened', round: current });
      if (await applicationSubmittedInTime()) break;

      await record({ type: 'round_missed', roundId: current.roundId }, 'system');
      notify({ kind: 'round-missed', round: round! });
      round = null;
    }

    await enter('decision', 'office', null);
    await waitFor(() => application!.decision !== null);
    const { decision, reason, decidedBy } = application!.decision!;
    if (decision === 'rejected') return close('rejected', reason, decidedBy);
    return application!;
  }

  /** Ends this run at a school-year boundary and starts the next with a fresh history. */
  async function nextRun(next: JourneyInput['entry'], changes: Partial<JourneyInput> = {}): Promise<never> {
    await mailsSent();
    await waitFor(() => allHandlersFinished() && stepsStored === stepsQueued);
    return continueAsNew<typeof expertschoolJourney>({
      ...input,
      ...changes,
      stepsRecorded: stepsStored,
      entry: next,
    });
  }

  async function run(): Promise<JourneyResult> {
    switch (entry.stage) {
      case 'conversation': {
        if (cycle === 0) void record({ type: 'journey_started', hasAspirantYearBehind }, 'system');
        const granted = await applyForSubsidy();
        if ('outcome' in granted) return granted;
        schoolYear = granted.schoolYear;
        const { start } = schoolYearBounds(granted.schoolYear);
        await enter('approved', 'calendar', start.toISOString());
        await sleepUntil(start.toISOString());
        return nextRun(
          hasAspirantYearBehind
            ? { stage: 'hub_year', schoolYear: granted.schoolYear, application: granted, expertTeam: [] }
            : { stage: 'aspirant_year', schoolYear: granted.schoolYear, application: granted },
        );
      }
      case 'aspirant_year': {
        const end = schoolYearBounds(entry.schoolYear).end.toISOString();
        await enter('aspirant_year', 'school', end);
        // Journeys that entered the aspirant year before schools had links were not asked by mail.
        if (patched('expert-team-link')) notify({ kind: 'expert-team-requested', schoolYear: entry.schoolYear });
        // A school that drops out does so at once; becoming an expertschool takes effect at year end.
        await waitUntil(() => aspirantOutcome?.outcome === 'dropped_out', end);
        if (aspirantOutcome === null) {
          // The year is over and the office has not said how it went: that is now on the office.
          await enter('aspirant_year', 'office', end);
          await waitFor(() => aspirantOutcome !== null);
        }
        const { outcome: yearOutcome, reason, recordedBy } = aspirantOutcome!;
        if (yearOutcome === 'dropped_out') return close('dropped_out', reason, recordedBy);
        return nextRun(
          { stage: 'hub_year', schoolYear: nextSchoolYear(entry.schoolYear), application: entry.application, expertTeam },
          { hasAspirantYearBehind: true },
        );
      }
      case 'hub_year': {
        const end = schoolYearBounds(entry.schoolYear).end.toISOString();
        await enter('hub_year', 'calendar', end);
        await sleepUntil(end);
        // Continuing means a new programme year: evaluation conversation, then the next round.
        return nextRun({ stage: 'conversation' }, { cycle: cycle + 1 });
      }
    }
  }

  let result: JourneyResult;
  try {
    result = await run();
  } catch (error) {
    // Set by the cancelJourney handler; TypeScript cannot see that a handler changed it.
    const request = stopRequest as CancelJourney | null;
    if (!(error instanceof JourneyStopped) || !request) throw error;
    result = await close('cancelled', request.reason, request.cancelledBy);
  }
  await mailsSent();
  await condition(allHandlersFinished);
  return result;
}
