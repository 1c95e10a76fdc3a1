/**
 * A programme year on the time-skipping server: rounds for two school years and an extra round
 * for ontwikkelscholen; journeys waiting before a round, joining during it, and missing its
 * deadline; every mail through real SMTP to a catcher on loopback.
 */
import type { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { daysBeforeInAmsterdam } from '../../domain/amsterdam-time';
import { subsidyRound } from '../../workflows';
import { recordConversationReport, recordIntakeOutcome, saveApplicationDraft, submitApplication } from '../../workflows/expertschool-journey.messages';
import { getRound, type SubsidyRoundState } from '../../workflows/subsidy-round.messages';
import { completeApplication, createRoundRecord, createSchool } from '../support/fixtures';
import { JourneyDriver } from '../support/journey-driver';
import { startTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

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

  await missing.journey.recordHistories('misses-a-round-then-applies-in-the-next');
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
  expect(await mailsTo(refused[0]!.to, 2)).toEqual([`round-opened/${round.id}`, `round-missed/${round.id}`]);
});
