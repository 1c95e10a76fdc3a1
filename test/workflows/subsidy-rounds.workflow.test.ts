/**
 * A programme year on the time-skipping server: rounds for two school years and an extra round
 * for ontwikkelscholen; journeys waiting before a round, joining during it, and missing its
 * deadline; every mail through real SMTP to a catcher on loopback.
 */
import type { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createRoundActivities } from '../../activities/subsidy-rounds';
import { remindersFor } from '../../domain/round';
import { daysBeforeInAmsterdam } from '../../domain/amsterdam-time';
import { subsidyRound } from '../../workflows';
import { REMINDER_BATCH } from '../../workflows/subsidy-round';
import { recordConversationReport, recordIntakeOutcome, roundChanged, saveApplicationDraft, submitApplication } from '../../workflows/contracts/journey';
import { cancelRound } from '../../services/rounds/manage-rounds';
import { getRound, roundRescheduled, type SubsidyRoundState } from '../../workflows/contracts/subsidy-round';
import { completeApplication, createRoundRecord, createSchool, openRoundAt } from '../support/fixtures';
import { JourneyDriver } from '../support/journey-driver';
import { startTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';
import { until } from '../support/until';
import { recordHistories } from '../support/histories';

const DAY = 86_400_000;
const office = 'Anna Visser';
let h: TimeSkippingHarness;

// A server, database and mail catcher per test: rounds left open by one test must not catch the
// journeys of the next.
beforeEach(async () => {
  h = await startTimeSkippingHarness();
});
afterEach(async () => {
  await h?.close();
});

/** A journey through conversation and intake: ready to apply, in `phase` (depends on any open round). */
async function journeyReadyToApply(phase: 'awaiting_round' | 'application'): Promise<{ journey: JourneyDriver; to: string }> {
  const school = await createSchool(h.db);
  const journey = await JourneyDriver.start({ db: h.db, client: h.env.client, taskQueue: h.taskQueue }, { brin: school.brin });
  await journey.act(recordConversationReport, { conductedOn: '2026-11-20', report: 'Verkennend gesprek over de aanpak van de school.', recordedBy: office });
  await journey.act(recordIntakeOutcome, { outcome: 'expertschool', notes: '', recordedBy: office });
  await journey.reach(phase);
  return { journey, to: school.contactEmail };
}

/** What the Schedule does at the opening moment: start the round's workflow. */
function openRound(roundId: string) {
  return h.env.client.workflow.start(subsidyRound, { workflowId: `round-${roundId}`, taskQueue: h.taskQueue, args: [{ roundId }] });
}

/**
 * The round's final state, read by query once it has ended. (Awaiting `result()` on the
 * time-skipping server lets time run free for a moment, which can jump it years ahead.)
 */
async function roundEnded(handle: WorkflowHandle<typeof subsidyRound>): Promise<SubsidyRoundState> {
  for (let i = 0; i < 300; i++) {
    const state = await handle.query(getRound);
    if (state.status === 'closed' || state.status === 'cancelled') return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the round did not end');
}

async function sleepUntil(moment: Date | number): Promise<void> {
  const ms = new Date(moment).getTime() - (await h.env.currentTimeMs());
  if (ms > 0) await h.env.sleep(ms);
}

/**
 * The purposes of the mails sent to `to`, in the order they were asked for, once `count` have
 * been sent (a journey sends beside its flow, so the last may still be on its way).
 */
async function mailsTo(to: string, count: number): Promise<string[]> {
  for (let i = 0; ; i++) {
    const rows = await h.db.outboxMail.findMany({ where: { to, status: 'sent' }, orderBy: { requestedAt: 'asc' } });
    if (rows.length >= count || i === 100) return rows.map((row) => row.purpose);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('a programme year: each school hears of each round, is reminded once per reminder, and is told when it missed one', async () => {
  const t0 = await h.env.currentTimeMs();
  const roundA = await createRoundRecord(h.db, t0, { id: `a-${t0}`, opensInDays: 10, openForDays: 50 });
  const extra = await createRoundRecord(h.db, t0, {
    id: `extra-${t0}`,
    opensInDays: 20,
    openForDays: 20,
    tracks: ['ontwikkelschool'],
    schoolYear: roundA.schoolYear,
  });
  const roundB = await createRoundRecord(h.db, t0, { id: `b-${t0}`, opensInDays: 400, openForDays: 30 });
  expect(roundB.schoolYear).not.toBe(roundA.schoolYear);

  // Waiting before round A opens: one school applies early, one never does.
  const early = await journeyReadyToApply('awaiting_round');
  const missing = await journeyReadyToApply('awaiting_round');

  await sleepUntil(roundA.opensAt);
  const a = await openRound(roundA.id);
  for (const { journey } of [early, missing]) {
    expect(await journey.reach('application')).toMatchObject({ application: { roundId: roundA.id }, nextDeadline: roundA.closesAt.toISOString() });
  }
  await early.journey.act(submitApplication, completeApplication());

  // A school that becomes ready while round A is open joins it directly.
  const during = await journeyReadyToApply('application');
  expect((await during.journey.state()).application?.roundId).toBe(roundA.id);

  // The extra round is for ontwikkelscholen only: no expertschool journey joins it.
  await sleepUntil(extra.opensAt);
  const extraRun = await openRound(extra.id);
  await sleepUntil(roundA.closesAt.getTime() - 14 * DAY + 60_000);
  expect((await extraRun.query(getRound)).journeysTold).toBe(0);

  // 14 days before closing: the two unfinished applications are reminded.
  await during.journey.act(saveApplicationDraft, { participants: completeApplication().participants });
  await during.journey.act(submitApplication, completeApplication());
  await sleepUntil(roundA.closesAt.getTime() - 3 * DAY + 60_000);
  // 3 days before: only the one still unfinished.
  await sleepUntil(roundA.closesAt.getTime() + 60_000);
  const missed = await missing.journey.reach('awaiting_round');
  expect(missed.round).toBeNull();

  const stateA = await roundEnded(a);
  expect(stateA).toMatchObject({ status: 'closed', closedReason: 'deadline', journeysTold: 2 });
  expect(stateA.remindersSent).toEqual([
    { daysBefore: 14, at: daysBeforeInAmsterdam(roundA.closesAt, 14).toISOString(), mails: 2 },
    { daysBefore: 3, at: daysBeforeInAmsterdam(roundA.closesAt, 3).toISOString(), mails: 1 },
  ]);
  expect(await h.db.subsidyRound.findUnique({ where: { id: roundA.id } })).toMatchObject({ status: 'closed', closedReason: 'deadline' });

  // The next school year's round: the school that missed A applies in B.
  await sleepUntil(roundB.opensAt);
  await openRound(roundB.id);
  await missing.journey.reach('application', (v) => v.application?.roundId === roundB.id);
  expect(await missing.journey.act(submitApplication, completeApplication())).toMatchObject({ phase: 'decision' });

  // Every mail exactly once, to the right school, asked for at the right moment.
  // A school parked after its intake first hears that it will hear when a round opens.
  expect(await mailsTo(early.to, 2)).toEqual(['awaiting-round/0', `round-opened/${roundA.id}`]);
  expect(await mailsTo(during.to, 2)).toEqual([`round-opened/${roundA.id}`, `round-reminder-14d/${roundA.id}`]);
  expect(await mailsTo(missing.to, 6)).toEqual([
    'awaiting-round/0',
    `round-opened/${roundA.id}`,
    `round-reminder-14d/${roundA.id}`,
    `round-reminder-3d/${roundA.id}`,
    `round-missed/${roundA.id}`,
    `round-opened/${roundB.id}`,
  ]);
  const reminder = await h.db.outboxMail.findFirstOrThrow({ where: { to: missing.to, purpose: `round-reminder-3d/${roundA.id}` } });
  expect(reminder.requestedAt.toISOString()).toBe(daysBeforeInAmsterdam(roundA.closesAt, 3).toISOString());
  // …and each arrived once over SMTP.
  const received = h.mail.messages().filter((m) => [early.to, during.to, missing.to].includes(m.to));
  expect(received).toHaveLength(2 + 2 + 6);
  expect(new Set(received.map((m) => m.messageId)).size).toBe(received.length);

  // Each reminder went out in bounded batches, each its own short activity, not one long one.
  const scheduled = ((await a.fetchHistory()).events ?? []).flatMap((e) =>
    e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes] : [],
  );
  const reminderActivities = scheduled.filter((s) => /^remind/.test(s.activityType?.name ?? ''));
  expect(reminderActivities.map((s) => s.activityType?.name)).toEqual(['remindApplicationsBatch', 'remindApplicationsBatch']);
  for (const activity of reminderActivities) {
    const input = defaultPayloadConverter.fromPayload<{ limit: number }>(activity.input!.payloads![0]!);
    expect(input.limit).toBe(REMINDER_BATCH);
    expect(Number(activity.startToCloseTimeout?.seconds)).toBeLessThanOrEqual(120);
  }

  await missing.journey.recordHistories('misses-a-round-then-applies-in-the-next');
  // Recorded again since the round is read by a local activity (patch round-read-locally).
  await missing.journey.recordHistories('misses-a-round-then-applies-round-read-locally');
  await recordHistories(h.env.client, a.workflowId, 'round-reminds-in-batches');
  // Joined the round it found open without reading it twice (patch found-round-not-reread).
  await during.journey.recordHistories('joins-the-round-it-found-open');
  // Looked the round up while storing that it waits for one (patch round-looked-up-while-parking).
  await during.journey.recordHistories('joins-the-round-looked-up-while-parking');
  await missing.journey.recordHistories('misses-a-round-looked-up-while-parking');
});

test('a reminder to more schools than one batch holds goes out batch by batch, to each school once', async () => {
  const t0 = await h.env.currentTimeMs();
  const round = await createRoundRecord(h.db, t0, { id: `batches-${t0}`, opensInDays: 1, openForDays: 20, reminderDaysBefore: [14] });
  const schools: { journey: JourneyDriver; to: string }[] = [];
  for (let i = 0; i < REMINDER_BATCH + 2; i++) schools.push(await journeyReadyToApply('awaiting_round'));

  await sleepUntil(round.opensAt);
  const run = await openRound(round.id);
  for (const { journey } of schools) await journey.reach('application');
  await sleepUntil(round.closesAt.getTime() - 14 * DAY + 60_000);
  const state = await until(
    () => run.query(getRound),
    (s) => s.remindersSent.length === 1,
    'the reminder to be sent',
  );
  expect(state.remindersSent).toEqual([{ daysBefore: 14, at: daysBeforeInAmsterdam(round.closesAt, 14).toISOString(), mails: REMINDER_BATCH + 2 }]);

  const batches = ((await run.fetchHistory()).events ?? []).filter(
    (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'remindApplicationsBatch',
  );
  expect(batches).toHaveLength(2);
  for (const { to } of schools) expect(await h.db.outboxMail.count({ where: { to, purpose: `round-reminder-14d/${round.id}`, status: 'sent' } })).toBe(1);
});

test('vol = vol: a round with 2 places takes 2 of 3 applications sent at once, then closes', async () => {
  const t0 = await h.env.currentTimeMs();
  const round = await createRoundRecord(h.db, t0, { id: `full-${t0}`, opensInDays: 1, openForDays: 30, capacity: 2 });
  const schools = await Promise.all([1, 2, 3].map(() => journeyReadyToApply('awaiting_round')));
  await sleepUntil(round.opensAt);
  const run = await openRound(round.id);
  for (const { journey } of schools) await journey.reach('application');

  const outcomes = await Promise.allSettled(schools.map(({ journey }) => journey.act(submitApplication, completeApplication())));
  expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
  const refused = schools.filter((_, i) => outcomes[i]!.status === 'rejected');
  expect(refused).toHaveLength(1);
  const rejection = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!.reason as WorkflowUpdateFailedError;
  expect(rejection.cause?.message).toBe('Deze subsidieronde is vol: alle plaatsen zijn vergeven. De school doet mee in de volgende ronde.');

  expect(await roundEnded(run)).toMatchObject({ status: 'closed', closedReason: 'full' });
  expect(await h.db.roundPlace.count({ where: { roundId: round.id } })).toBe(2);
  expect(await refused[0]!.journey.reach('awaiting_round')).toMatchObject({ round: null });
  // Whether the school was first told it waits for a round (parked) depends on what was open when it got there.
  const told = await until(
    () => mailsTo(refused[0]!.to, 0),
    (purposes) => purposes.includes(`round-missed/${round.id}`),
    'the round-missed mail',
  );
  expect(told.filter((purpose) => !purpose.startsWith('awaiting-round/'))).toEqual([`round-opened/${round.id}`, `round-missed/${round.id}`]);
});

test('a retried capacity claim still tells the round that it is full', async () => {
  const t0 = await h.env.currentTimeMs();
  const round = await createRoundRecord(h.db, t0, { id: `retry-${t0}`, opensInDays: 1, openForDays: 30, capacity: 1 });
  await sleepUntil(round.opensAt);
  const run = await openRound(round.id);
  await until(
    () => run.query(getRound),
    (state) => state.status === 'open',
    'the round to open',
  );
  // The first attempt took the last place, then failed before it could tell the round.
  await h.db.roundPlace.create({ data: { roundId: round.id, journeyId: 'journey-expertschool-00AA' } });
  const activities = createRoundActivities({ db: h.db, temporal: h.env.client, sendRoundReminder: async () => {} });
  const retried = await new MockActivityEnvironment().run(activities.claimRoundPlace, { roundId: round.id, journeyId: 'journey-expertschool-00AA' });
  expect(retried).toEqual({ granted: true });
  expect(await roundEnded(run)).toMatchObject({ status: 'closed', closedReason: 'full' });
});

/**
 * Until the journey has asked PostgreSQL about its round (an activity the flow runs on its own):
 * a local activity, whose marker is in the history once it answered (patch round-read-locally),
 * or, on the old path, an activity scheduled and completed.
 */
async function roundCheckedInDb(journey: JourneyDriver): Promise<void> {
  const answeredLocally = (e: temporal.api.history.v1.IHistoryEvent) =>
    e.markerRecordedEventAttributes?.markerName === 'core_local_activity' &&
    (e.markerRecordedEventAttributes.details?.data?.payloads ?? []).some((p) =>
      Buffer.from(p.data ?? [])
        .toString()
        .includes('"currentRound"'),
    );
  await until(
    () => journey.handle.fetchHistory(),
    (history) => {
      const events = history.events ?? [];
      const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'currentRound').map((e) => Number(e.eventId));
      const completed = events.filter((e) => scheduled.includes(Number(e.activityTaskCompletedEventAttributes?.scheduledEventId)));
      return events.some(answeredLocally) || (scheduled.length > 0 && completed.length === scheduled.length);
    },
    'the journey to check its round in PostgreSQL',
  );
}

test('a journey that heard of a round before it could apply hears that it was cancelled, and does not apply in it', async () => {
  const t0 = await h.env.currentTimeMs();
  const school = await createSchool(h.db);
  const journey = await JourneyDriver.start({ db: h.db, client: h.env.client, taskQueue: h.taskQueue }, { brin: school.brin });
  await journey.act(recordConversationReport, { conductedOn: '2026-11-20', report: 'Verkennend gesprek over de aanpak van de school.', recordedBy: office });
  await journey.reach('intake');

  const round = await createRoundRecord(h.db, t0, { id: `cancelled-${t0}`, opensInDays: 1, openForDays: 30 });
  await sleepUntil(round.opensAt);
  const run = await openRound(round.id);
  await until(
    () => journey.state(),
    (view) => view.round?.roundId === round.id,
    'the journey to hear of the round',
  );

  await cancelRound({ db: h.db, temporal: h.env.client, taskQueue: h.taskQueue }, round.id, 'Het budget is op.');
  expect(await roundEnded(run)).toMatchObject({ status: 'cancelled' });
  const { closedAt } = await h.db.subsidyRound.findUniqueOrThrow({ where: { id: round.id } });
  await until(
    () => journey.state(),
    (view) => view.round?.closesAt === closedAt!.toISOString(),
    'the journey to hear that the round was cancelled',
  );

  await journey.act(recordIntakeOutcome, { outcome: 'expertschool', notes: '', recordedBy: office });
  expect(await journey.reach('awaiting_round')).toMatchObject({ application: null });
  await journey.recordHistories('hears-its-round-cancelled-before-applying');
});

test('a move that arrives while the round opens and announces is not lost', async () => {
  const t0 = await h.env.currentTimeMs();
  const round = await createRoundRecord(h.db, t0, { id: `moved-${t0}`, opensInDays: 1, openForDays: 30 });
  await sleepUntil(round.opensAt);
  // The office moves the deadline while the opening has already read the old one.
  const later = new Date(round.closesAt.getTime() + 10 * DAY);
  const run = await h.env.client.workflow.signalWithStart(subsidyRound, {
    workflowId: `round-${round.id}`,
    taskQueue: h.taskQueue,
    args: [{ roundId: round.id }],
    signal: roundRescheduled,
    signalArgs: [{ closesAt: later.toISOString(), reminders: remindersFor(later, [14, 3]) }],
  });
  const opened = await until(
    () => run.query(getRound),
    (state) => state.status === 'open',
    'the round to open',
  );
  expect(opened.closesAt).toBe(later.toISOString());
  await sleepUntil(round.closesAt.getTime() + 60_000);
  expect(await run.query(getRound)).toMatchObject({ status: 'open', closesAt: later.toISOString() });
  await sleepUntil(later.getTime() + 60_000);
  expect(await roundEnded(run)).toMatchObject({ status: 'closed', closedReason: 'deadline' });
  await recordHistories(h.env.client, `round-${round.id}`, 'round-moved-while-opening');
});

test('a round that closes at its deadline tells every journey still applying, also one whose copy is off', async () => {
  const t0 = await h.env.currentTimeMs();
  const round = await createRoundRecord(h.db, t0, { id: `deadline-${t0}`, opensInDays: 1, openForDays: 30 });
  const { journey } = await journeyReadyToApply('awaiting_round');
  await sleepUntil(round.opensAt);
  const run = await openRound(round.id);
  const applying = await journey.reach('application');
  // A signal the journey missed: its copy of the deadline is ten days late.
  const stale = new Date(round.closesAt.getTime() + 10 * DAY).toISOString();
  await journey.handle.signal(roundChanged, { ...applying.round!, closesAt: stale });
  await journey.reach('application', (view) => view.nextDeadline === stale);

  await sleepUntil(round.closesAt.getTime() + 60_000);
  expect(await roundEnded(run)).toMatchObject({ closedReason: 'deadline' });
  expect(await journey.reach('awaiting_round')).toMatchObject({ round: null });
});

test('submitting re-checks the round in PostgreSQL: no application goes into a cancelled round the journey was not told of', async () => {
  const t0 = await h.env.currentTimeMs();
  const round = await createRoundRecord(h.db, t0, { id: `gone-${t0}`, opensInDays: 1, openForDays: 30 });
  const { journey } = await journeyReadyToApply('awaiting_round');
  await sleepUntil(round.opensAt);
  await openRound(round.id);
  await journey.reach('application');
  // Cancelled in the record; the journey's copy still says open.
  await h.db.subsidyRound.update({ where: { id: round.id }, data: { status: 'cancelled', closedAt: new Date(), closedReason: 'cancelled' } });

  const refusal = await journey.refusal(submitApplication, completeApplication());
  expect(refusal.message).toBe(
    'Deze subsidieronde is geannuleerd: aanvragen kan hierin niet meer. De school doet mee in de volgende ronde en krijgt bericht zodra die opengaat.',
  );
  expect(await journey.reach('awaiting_round')).toMatchObject({ round: null, application: { status: 'draft' } });
  await journey.recordHistories('submits-into-a-cancelled-round');
});

test('joining re-checks the round in PostgreSQL: a journey told of a round that was cancelled since keeps waiting', async () => {
  const t0 = await h.env.currentTimeMs();
  const round = await createRoundRecord(h.db, t0, { id: `stale-${t0}`, opensInDays: 0, openForDays: 30 });
  await h.db.subsidyRound.update({ where: { id: round.id }, data: { status: 'cancelled', closedAt: new Date(t0), closedReason: 'cancelled' } });
  const { journey } = await journeyReadyToApply('awaiting_round');
  await journey.openRound(openRoundAt(t0, 30, { roundId: round.id, schoolYear: round.schoolYear }));
  await roundCheckedInDb(journey);
  expect(await journey.reach('awaiting_round')).toMatchObject({ application: null });
});
