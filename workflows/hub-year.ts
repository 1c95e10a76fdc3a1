/**
 * One hub: an expertschool in one school year, with the learning trajectories it offers
 * ontwikkelscholen.
 *
 *   open (requests, offers, sessions, knowledge sharing) → year's end
 *     → awaiting_outcome (until the office decides, unless it already did) → closed
 *
 * Each trajectory holds one PlaceList (domain/places.ts). Update handlers change a list without
 * awaiting anything first, so however many schools ask at once, each sees the list the previous
 * one left: places are never overbooked. A freed place is offered to the first in line, whose
 * journey is signalled; an offer not accepted in time passes to the next. Every change is stored,
 * in order, as one step by the recordHubYear activity; an Update answers once its step is stored.
 */
import { ApplicationFailure, allHandlersFinished, condition, getExternalWorkflowHandle, log, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { Activities } from '../activities';
import type { EnrolmentRow, HubChange, HubStep } from '../activities/hub-years';
import {
  MAX_PLACES_PER_TRAJECTORY,
  PlaceAcceptance,
  PlaceRequest,
  RecordHubOutcome,
  RecordKnowledgeSharing,
  RecordTrajectorySession,
  ReleasePlace,
  TrajectoryLeave,
  dateInSchoolYear,
  type HubOutcomeView,
  type HubStatus,
  type HubTrajectoryView,
  type HubView,
  type KnowledgeSharingView,
} from '../domain/hub';
import { acceptOffer, askForPlace, emptyPlaceList, expireOffer, leave, offerFreePlace, standing, type PlaceAnswer, type PlaceHolder } from '../domain/places';
import { schoolYearBounds } from '../domain/school-year';
import type { z } from '../domain/zod';
import { RefusalType } from './contracts/refusals';
import {
  HUB_CLOSED_MESSAGE,
  OFFER_ACCEPT_DAYS,
  acceptPlace,
  getHub,
  hubStopped,
  leaveTrajectory,
  placeInLine,
  placeOfferExpired,
  placeOffered,
  placeWithdrawn,
  recordHubOutcome,
  recordKnowledgeSharing,
  recordTrajectorySession,
  releasePlace,
  requestPlace,
  trajectoryIdOf,
  type HubInput,
  type HubResult,
} from './contracts/hub-year';

const DAY = 24 * 60 * 60 * 1000;

// A database outage must delay the hub, never lose a step: retry for as long as it takes.
const { recordHubYear } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** A trajectory as the hub holds it: the view, plus the schools that left it (kept for the record). */
interface TrajectoryState extends Omit<HubTrajectoryView, 'trainingsGiven'> {
  ended: { holder: PlaceHolder; status: 'released' | 'expired'; endedAt: string; reason?: string }[];
}

export async function hubYear(input: HubInput): Promise<HubResult> {
  const { hubId, journeyId, school, schoolYear } = input;
  const yearEnd = schoolYearBounds(schoolYear).end.getTime();
  // ---- state: everything the query shows ----
  let status: HubStatus = 'open';
  const trajectories: TrajectoryState[] = input.trajectories.map(({ title, places: asked }, index) => {
    // The application was checked against the round's rules; should more slip through, vol = vol still holds.
    const places = Number.isFinite(asked) ? Math.min(MAX_PLACES_PER_TRAJECTORY, Math.max(1, Math.floor(asked))) : 1;
    if (places !== asked) log.warn('Places per trajectory out of range', { hubId, position: index + 1, asked, places });
    return {
      trajectoryId: trajectoryIdOf(hubId, index + 1),
      position: index + 1,
      title,
      places,
      list: emptyPlaceList(places),
      startSession: null,
      trainings: [],
      ended: [],
    };
  });
  const knowledgeSharing: KnowledgeSharingView[] = [];
  let outcome: HubOutcomeView | null = null;
  /** Counts offers made, so the flow wakes to time a new one. */
  let offersMade = 0;

  const now = () => new Date().toISOString();
  const yearIsOver = () => Date.now() >= yearEnd;

  function view(): HubView {
    return {
      hubId,
      journeyId,
      school,
      schoolYear,
      status,
      trajectories: trajectories.map(({ ended: _, ...t }) => ({ ...t, trainingsGiven: t.trainings.length })),
      knowledgeSharing,
      outcome,
    };
  }

  // ---- recording steps: one activity call per step, in order; callers wait until theirs is stored ----
  let stepsQueued = 0;
  let stepsStored = 0;
  const pendingSteps: HubStep[] = [];

  function enrolmentRows(t: TrajectoryState): EnrolmentRow[] {
    const row = (h: PlaceHolder) => ({ trajectoryId: t.trajectoryId, journeyId: h.journeyId, brin: h.brin, requestedAt: h.askedAt });
    const listed = new Set<string>();
    const rows: EnrolmentRow[] = [];
    for (const h of t.list.taken) {
      listed.add(h.journeyId);
      rows.push({ ...row(h), status: 'enrolled', waitingPosition: null, enrolledAt: h.since, offerExpiresAt: null, endedAt: null });
    }
    if (t.list.offer) {
      const { holder, acceptBefore } = t.list.offer;
      listed.add(holder.journeyId);
      rows.push({ ...row(holder), status: 'offered', waitingPosition: null, enrolledAt: null, offerExpiresAt: acceptBefore, endedAt: null });
    }
    t.list.waiting.forEach((h, index) => {
      listed.add(h.journeyId);
      rows.push({ ...row(h), status: 'waiting', waitingPosition: index + 1, enrolledAt: null, offerExpiresAt: null, endedAt: null });
    });
    // One row per school: a school that left and asked again shows where it stands now.
    for (const e of t.ended) {
      if (listed.has(e.holder.journeyId)) continue;
      rows.push({
        ...row(e.holder),
        status: e.status,
        waitingPosition: null,
        enrolledAt: null,
        offerExpiresAt: null,
        endedAt: e.endedAt,
        endedReason: e.reason ?? null,
      });
    }
    return rows;
  }

  function record(change: HubChange, actor: string): Promise<void> {
    const seq = ++stepsQueued;
    pendingSteps.push({
      hubId,
      seq,
      at: now(),
      actor,
      change,
      hub: { journeyId, brin: school.brin, schoolYear, status, outcome },
      trajectories: trajectories.map((t) => ({
        trajectoryId: t.trajectoryId,
        position: t.position,
        title: t.title,
        places: t.places,
        startSessionOn: t.startSession?.heldOn ?? null,
        trainingsGiven: t.trainings.length,
      })),
      enrolments: trajectories.flatMap(enrolmentRows),
      knowledgeSharing: knowledgeSharing.map((k, index) => ({ id: `${hubId}#${index + 1}`, ...k })),
    });
    return condition(() => stepsStored >= seq);
  }

  /** Resolves once every step queued so far is stored. */
  function stored(): Promise<void> {
    const seq = stepsQueued;
    return condition(() => stepsStored >= seq);
  }

  async function storeSteps(): Promise<never> {
    for (;;) {
      await condition(() => pendingSteps.length > 0);
      const step = pendingSteps[0]!;
      await recordHubYear(step);
      pendingSteps.shift();
      stepsStored = step.seq;
    }
  }

  // Queued before any handler can run: the hub's first step is that it opened.
  void record('hub_opened', 'system');
  void storeSteps();

  // ---- telling ontwikkelscholen: a journey that no longer exists must not fail the hub ----
  function tell<Args extends unknown[]>(schoolJourneyId: string, signal: SignalDefinition<Args>, ...args: Args): void {
    getExternalWorkflowHandle(schoolJourneyId)
      .signal(signal, ...args)
      .catch((error: unknown) => {
        log.warn('Journey not told', { hubId, journeyId: schoolJourneyId, signal: signal.name, error: error instanceof Error ? error.message : String(error) });
      });
  }

  // ---- places in line ----
  /** The position each waiting school last heard (from its request's answer, or a later telling). */
  const toldPositions = new Map<string, number>();
  /** Tells every school still waiting whose place in line moved where it now stands. */
  function tellPlacesInLine(): void {
    if (!patched('hub-tells-places-in-line')) return;
    for (const t of trajectories) {
      t.list.waiting.forEach((holder, index) => {
        const key = `${t.trajectoryId} ${holder.journeyId}`;
        if (toldPositions.get(key) === index + 1) return;
        toldPositions.set(key, index + 1);
        tell(holder.journeyId, placeInLine, { trajectoryId: t.trajectoryId, position: index + 1 });
      });
    }
  }

  // ---- offers ----
  /** Offers each free place to the first in line, while the year runs. True when an offer was made. */
  function offerFreePlaces(): boolean {
    const made = offerFirstInLine();
    tellPlacesInLine();
    return made;
  }

  function offerFirstInLine(): boolean {
    if (status !== 'open' || yearIsOver()) return false;
    // Seven days, but never past the year's end: a place in a trajectory that is over is no place.
    const acceptBefore = new Date(Math.min(Date.now() + OFFER_ACCEPT_DAYS * DAY, yearEnd)).toISOString();
    let made = false;
    for (const t of trajectories) {
      const { list, offered } = offerFreePlace(t.list, acceptBefore);
      if (!offered) continue;
      t.list = list;
      made = true;
      offersMade++;
      tell(offered.holder.journeyId, placeOffered, { trajectoryId: t.trajectoryId, title: t.title, expertschoolName: school.name, acceptBefore });
    }
    return made;
  }

  /** Lets offers whose time is up lapse and passes their places on. True when any lapsed. */
  function expireDueOffers(): boolean {
    let expiredAny = false;
    for (const t of trajectories) {
      const { list, expired } = expireOffer(t.list, now());
      if (!expired) continue;
      t.list = list;
      t.ended = [...t.ended.filter((e) => e.holder.journeyId !== expired.journeyId), { holder: expired, status: 'expired', endedAt: now() }];
      expiredAny = true;
      tell(expired.journeyId, placeOfferExpired, { trajectoryId: t.trajectoryId });
    }
    if (expiredAny) offerFreePlaces();
    return expiredAny;
  }

  function earliestOfferDeadline(): number | null {
    const deadlines = trajectories.flatMap((t) => (t.list.offer ? [Date.parse(t.list.offer.acceptBefore)] : []));
    return deadlines.length ? Math.min(...deadlines) : null;
  }

  /** A school leaves a trajectory (on its own, or released by the office); its place goes to the next in line. */
  function removeFromList(t: TrajectoryState, schoolJourneyId: string, reason?: string): boolean {
    const holder = [...t.list.taken, ...t.list.waiting, ...(t.list.offer ? [t.list.offer.holder] : [])].find((h) => h.journeyId === schoolJourneyId);
    const { list, left } = leave(t.list, schoolJourneyId);
    if (!left || !holder) return false;
    t.list = list;
    const ended = { holder, status: 'released' as const, endedAt: now(), ...(reason === undefined ? {} : { reason }) };
    t.ended = [...t.ended.filter((e) => e.holder.journeyId !== schoolJourneyId), ended];
    offerFreePlaces();
    return true;
  }

  // ---- validators: refuse with a reason a person can act on ----
  function refuse(type: string, message: string, details?: unknown): never {
    throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
  }

  function refuseField(path: string, message: string): never {
    refuse(RefusalType.invalidInput, message, { issues: [{ path: [path], message }] });
  }

  function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
    const result = schema.safeParse(value);
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
      refuse(RefusalType.invalidInput, issues.map((i) => i.message).join(' '), { issues });
    }
    return result.data;
  }

  const whileOpen = () => {
    if (status !== 'open' || yearIsOver())
      refuse(RefusalType.notNow, `De leertrajecten van ${school.name} voor ${schoolYear} nemen geen aanmeldingen meer aan.`);
  };
  const untilClosed = () => {
    if (status === 'closed') refuse(RefusalType.notNow, HUB_CLOSED_MESSAGE);
  };

  function trajectory(trajectoryId: string): TrajectoryState {
    return trajectories.find((t) => t.trajectoryId === trajectoryId) ?? refuseField('trajectoryId', 'Dit leertraject hoort niet bij deze hub.');
  }

  function heldInThisYear(heldOn: string): void {
    if (!dateInSchoolYear(heldOn, schoolYear)) refuseField('heldOn', `De datum valt buiten het schooljaar ${schoolYear}.`);
  }

  /**
   * Registers an Update: its validator checks the hub's status (`allowed`), then the input's schema,
   * then `check`; the handler validates again (a server may deliver an Update without running its
   * validator, and replay never runs it), so a refusal fails the Update, never the workflow task.
   */
  function onUpdate<T, R>(
    definition: UpdateDefinition<R, [T]>,
    schema: z.ZodType<T>,
    rules: { allowed: () => void; check?: (input: T) => void },
    handle: (input: T) => Promise<R>,
  ): void {
    const validate = (raw: T): T => {
      rules.allowed();
      const valid = parse(schema, raw);
      rules.check?.(valid);
      return valid;
    };
    setHandler(definition, (raw: T) => handle(validate(raw)), { validator: (raw: T) => void validate(raw) });
  }

  // ---- handlers ----
  setHandler(getHub, view);

  /** Set when the expertschool's journey was stopped: the year ends now. */
  let stopped: { reason: string; stoppedBy: string } | null = null;
  setHandler(hubStopped, (request) => {
    stopped ??= request;
  });

  /** The expertschool stopped: every school with a place, an offer or a place in line loses it, and hears why. */
  function releaseEveryone(reason: string): void {
    const withdrawn = `${school.name} is gestopt als expertschool, daarom gaat het leertraject niet door. ${reason}`;
    for (const t of trajectories) {
      const holders = [...t.list.taken, ...(t.list.offer ? [t.list.offer.holder] : []), ...t.list.waiting];
      t.list = { ...t.list, taken: [], waiting: [], offer: null };
      const ids = new Set(holders.map((h) => h.journeyId));
      const endedAt = now();
      t.ended = [
        ...t.ended.filter((e) => !ids.has(e.holder.journeyId)),
        ...holders.map((holder) => ({ holder, status: 'released' as const, endedAt, reason: withdrawn })),
      ];
      for (const holder of holders) tell(holder.journeyId, placeWithdrawn, { trajectoryId: t.trajectoryId, reason: withdrawn });
    }
  }

  onUpdate(requestPlace, PlaceRequest, { allowed: whileOpen, check: (r) => void trajectory(r.trajectoryId) }, async (r): Promise<PlaceAnswer> => {
    const t = trajectory(r.trajectoryId);
    const at = now();
    const { list, answer } = askForPlace(t.list, { journeyId: r.journeyId, brin: r.brin, schoolName: r.schoolName, askedAt: at }, at);
    if (list !== t.list) {
      t.list = list;
      // The answer tells the school its place in line.
      if (answer.status === 'waiting') toldPositions.set(`${t.trajectoryId} ${r.journeyId}`, answer.position);
      offerFreePlaces();
      await record('place_requested', 'school');
    }
    await stored(); // asked twice: answer once what it says is on record
    return answer;
  });

  onUpdate(acceptPlace, PlaceAcceptance, { allowed: whileOpen, check: (a) => void trajectory(a.trajectoryId) }, async (a): Promise<PlaceAnswer> => {
    // An offer whose time is up lapses now, even if its timer has not fired yet.
    if (expireDueOffers()) void record('offer_expired', 'system');
    const t = trajectory(a.trajectoryId);
    const { list, answer } = acceptOffer(t.list, a.journeyId, now());
    if (list !== t.list) {
      t.list = list;
      await record('place_accepted', 'school');
    }
    await stored();
    return answer;
  });

  onUpdate(leaveTrajectory, TrajectoryLeave, { allowed: untilClosed, check: (l) => void trajectory(l.trajectoryId) }, async (l) => {
    const left = removeFromList(trajectory(l.trajectoryId), l.journeyId);
    if (left) await record('place_left', 'school');
    return { left };
  });

  onUpdate(
    releasePlace,
    ReleasePlace,
    {
      allowed: () => {
        untilClosed();
        if (status !== 'open' || yearIsOver()) refuse(RefusalType.notNow, 'Het schooljaar van deze hub is voorbij: er zijn geen plaatsen meer vrij te geven.');
      },
      check: (r) => {
        if (!standing(trajectory(r.trajectoryId).list, r.journeyId)) refuseField('journeyId', 'Deze school staat niet (meer) op de lijst van dit leertraject.');
      },
    },
    async ({ trajectoryId, journeyId: schoolJourneyId, reason, releasedBy }) => {
      // The reason is kept with the school's row: the school reads it in its mail.
      removeFromList(trajectory(trajectoryId), schoolJourneyId, reason);
      tell(schoolJourneyId, placeWithdrawn, { trajectoryId, reason });
      await record('place_released', releasedBy);
      return view();
    },
  );

  onUpdate(
    recordTrajectorySession,
    RecordTrajectorySession,
    {
      allowed: untilClosed,
      check: (s) => {
        trajectory(s.trajectoryId);
        heldInThisYear(s.heldOn);
      },
    },
    async ({ trajectoryId, kind, heldOn, notes, topic, recordedBy }) => {
      const t = trajectory(trajectoryId);
      // A start session recorded again corrects the earlier record.
      if (kind === 'start') t.startSession = { heldOn, notes };
      // ISO dates order as plain strings; localeCompare would depend on the worker's ICU data.
      else t.trainings = [...t.trainings, { heldOn, topic }].sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0));
      await record(kind === 'start' ? 'start_session_recorded' : 'training_recorded', recordedBy);
      return view();
    },
  );

  onUpdate(recordKnowledgeSharing, RecordKnowledgeSharing, { allowed: untilClosed, check: (k) => heldInThisYear(k.heldOn) }, async (k) => {
    knowledgeSharing.push({ kind: k.kind, title: k.title, heldOn: k.heldOn, attendees: k.attendees, recordedBy: k.recordedBy });
    await record('knowledge_sharing_recorded', k.recordedBy);
    return view();
  });

  onUpdate(
    recordHubOutcome,
    RecordHubOutcome,
    {
      allowed: () => {
        untilClosed();
        if (outcome) refuse(RefusalType.notNow, 'Het besluit over het vervolg van deze hub is al vastgelegd.');
      },
    },
    async ({ outcome: choice, reason, decidedBy }) => {
      outcome = { outcome: choice, reason, decidedBy, decidedAt: now() };
      await record('outcome_recorded', decidedBy);
      // After the year's end the decision closes the hub: answer with the hub closed.
      if (status === 'awaiting_outcome') await condition(() => status === 'closed' && stepsStored === stepsQueued);
      return view();
    },
  );

  // ---- the flow ----
  /** Until the year's end: times offers, and passes on those not accepted in time. */
  async function runTheYear(): Promise<void> {
    for (;;) {
      const current = Date.now();
      if (current >= yearEnd) return;
      const due = earliestOfferDeadline();
      const wakeAt = due === null ? yearEnd : Math.min(due, yearEnd);
      const offersBefore = offersMade;
      if (wakeAt > current) await condition(() => offersMade !== offersBefore || stopped !== null, wakeAt - current);
      if (stopped) return;
      if (expireDueOffers()) void record('offer_expired', 'system');
    }
  }

  await runTheYear();

  // Set by the signal handler; TypeScript cannot see that it changed it.
  const stop = stopped as { reason: string; stoppedBy: string } | null;
  if (stop && patched('hub-stops-with-its-expertschool')) {
    status = 'closed';
    outcome ??= { outcome: 'stop', reason: stop.reason, decidedBy: stop.stoppedBy, decidedAt: now() };
    releaseEveryone(stop.reason);
    await record('hub_closed', stop.stoppedBy);
    await condition(allHandlersFinished);
    return { outcome: 'stop', reason: stop.reason, decidedBy: stop.stoppedBy };
  }

  // The year's end: offers still open lapse (they end at the year's end at the latest).
  status = outcome ? 'closed' : 'awaiting_outcome';
  expireDueOffers();
  if (status === 'awaiting_outcome') {
    await record('year_ended', 'system');
    await condition(() => outcome !== null);
    status = 'closed';
  }
  await record('hub_closed', 'system');
  await condition(allHandlersFinished);
  const { outcome: decided, reason, decidedBy } = outcome!;
  return { outcome: decided, reason, decidedBy };
}
