/**
 * A hub year on the time-skipping server, with a real worker writing the read model to
 * PostgreSQL: "vol = vol" under concurrent requests, offers to the first in line, offers that
 * lapse after seven days, and a year that ends waiting for the office's decision.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createHubActivities } from '../../activities/hub-years';
import type { HubView, PlaceRequest } from '../../domain/hub';
import type { SchoolSnapshot } from '../../domain/journey';
import { nextSchoolYear, schoolYearBounds, schoolYearOf } from '../../domain/school-year';
import { hubYear } from '../../workflows';
import {
  acceptPlace,
  getHub,
  hubWorkflowId,
  leaveTrajectory,
  OFFER_ACCEPT_DAYS,
  recordHubOutcome,
  recordKnowledgeSharing,
  recordTrajectorySession,
  releasePlace,
  requestPlace,
  trajectoryIdOf,
} from '../../workflows/contracts/hub-year';
import { createSchool } from '../support/fixtures';
import { recordHistories } from '../support/histories';
import { startTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';
import { until } from '../support/until';

const DAY = 86_400_000;
const office = 'Anna Visser';
let h: TimeSkippingHarness;

// A server per test: one test's skipping to the year's end must not end another's hub.
beforeEach(async () => {
  h = await startTimeSkippingHarness();
});
afterEach(async () => {
  await h?.close();
});

/** A hub of a new expertschool for the coming school year (so its year's end is always more than 7 days away). */
async function startHub(trajectories: { title: string; places: number }[]) {
  const { equalAccessMarkers: _, ...school } = await createSchool(h.db, { name: 'Expertschool De Linde' });
  const schoolYear = nextSchoolYear(schoolYearOf(new Date(await h.env.currentTimeMs())));
  const hubId = hubWorkflowId(school.brin, schoolYear);
  const handle = await h.env.client.workflow.start(hubYear, {
    workflowId: hubId,
    taskQueue: h.taskQueue,
    args: [{ hubId, journeyId: `journey-expertschool-${school.brin}`, school: school as SchoolSnapshot, schoolYear, trajectories }],
  });
  return { handle, hubId, schoolYear, trajectoryId: trajectoryIdOf(hubId, 1) };
}

/** Ontwikkelscholen asking for a place; their journeys do not exist, which the hub must survive. */
function ontwikkelscholen(trajectoryId: string, count: number): PlaceRequest[] {
  return Array.from({ length: count }, (_, i) => {
    const brin = `${String(i + 10)}OS`;
    return { trajectoryId, journeyId: `journey-ontwikkelschool-${brin}`, brin, schoolName: `Ontwikkelschool ${i + 1}` };
  });
}

const idsOf = (holders: { journeyId: string }[]) => holders.map((holder) => holder.journeyId);

function listOf(view: HubView, trajectoryId: string) {
  return view.trajectories.find((t) => t.trajectoryId === trajectoryId)!.list;
}

/** The read model's rows of a trajectory, as [journeyId, status, waitingPosition]. */
async function enrolmentRows(trajectoryId: string) {
  const rows = await h.db.trajectoryEnrolment.findMany({
    where: { trajectoryId },
    orderBy: [{ status: 'asc' }, { waitingPosition: 'asc' }, { journeyId: 'asc' }],
  });
  return rows.map((r) => [r.journeyId, r.status, r.waitingPosition] as const);
}

async function refusal(run: () => Promise<unknown>): Promise<{ type: string; message: string; issues: unknown[] }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const details = (error.cause.details?.[0] ?? {}) as { issues?: unknown[] };
      return { type: error.cause.type ?? '', message: error.cause.message, issues: details.issues ?? [] };
    }
    throw error;
  }
  throw new Error('accepted, expected a refusal');
}

/** Polls the query (the worker acts on timers in its own time). */
function hubWhere(handle: WorkflowHandle, done: (view: HubView) => boolean, what: string): Promise<HubView> {
  return until(() => handle.query(getHub), done, what);
}

test('vol = vol: ten schools ask at once for 6 places; 6 get one, 4 wait in the order the hub took them', async () => {
  // A second trajectory asks for more than the rules allow: it gets 6 places all the same.
  const { handle, hubId, trajectoryId } = await startHub([
    { title: 'Begrijpend lezen', places: 6 },
    { title: 'Rekenen', places: 8 },
  ]);
  expect((await handle.query(getHub)).trajectories.map((t) => t.places)).toEqual([6, 6]);
  const schools = ontwikkelscholen(trajectoryId, 10);

  const answers = await Promise.all(schools.map((school) => handle.executeUpdate(requestPlace, { args: [school] })));

  expect(answers.filter((a) => a.status === 'enrolled')).toHaveLength(6);
  const waiting = answers.flatMap((a, i) => (a.status === 'waiting' ? [{ position: a.position, journeyId: schools[i]!.journeyId }] : []));
  expect(waiting.map((w) => w.position).sort()).toEqual([1, 2, 3, 4]);

  const list = listOf(await handle.query(getHub), trajectoryId);
  expect(list.taken).toHaveLength(6);
  // The line is the order in which the hub took the requests: each school was told its place in it.
  expect(idsOf(list.waiting)).toEqual(waiting.sort((a, b) => a.position - b.position).map((w) => w.journeyId));
  const askedAt = [...list.taken, ...list.waiting].map((holder) => Date.parse(holder.askedAt));
  expect(askedAt).toEqual([...askedAt].sort((a, b) => a - b));

  // The read model agrees (each Update answered once its step was stored).
  const rows = await enrolmentRows(trajectoryId);
  expect(
    rows
      .filter(([, status]) => status === 'enrolled')
      .map(([id]) => id)
      .sort(),
  ).toEqual(idsOf(list.taken).sort());
  expect(rows.filter(([, status]) => status === 'waiting')).toEqual(list.waiting.map((holder, i) => [holder.journeyId, 'waiting', i + 1]));
  expect(await h.db.hubYear.findUniqueOrThrow({ where: { id: hubId } })).toMatchObject({ status: 'open', brin: hubId.slice(4, 8) });
  expect(await h.db.hubTrajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toMatchObject({
    hubId,
    position: 1,
    title: 'Begrijpend lezen',
    places: 6,
  });

  // Asking again changes nothing; an unknown trajectory is refused.
  expect(await handle.executeUpdate(requestPlace, { args: [schools[0]!] })).toEqual(answers[0]);
  const unknown = await refusal(() => handle.executeUpdate(requestPlace, { args: [{ ...schools[0]!, trajectoryId: trajectoryIdOf(hubId, 9) }] }));
  expect(unknown).toMatchObject({ type: 'InvalidInput', message: 'Dit leertraject hoort niet bij deze hub.' });
});

test('a school leaves: the first in line is offered its place, accepts it, and the line moves up', async () => {
  const { handle, trajectoryId } = await startHub([{ title: 'Rekenen met inzicht', places: 2 }]);
  const [first, second, third, fourth, fifth] = ontwikkelscholen(trajectoryId, 5) as [PlaceRequest, PlaceRequest, PlaceRequest, PlaceRequest, PlaceRequest];
  for (const school of [first, second, third, fourth, fifth]) await handle.executeUpdate(requestPlace, { args: [school] });

  const now = await h.env.currentTimeMs();
  expect(await handle.executeUpdate(leaveTrajectory, { args: [{ trajectoryId, journeyId: first.journeyId, reason: 'De school stopt.' }] })).toEqual({
    left: true,
  });
  const offered = listOf(await handle.query(getHub), trajectoryId);
  expect(offered.offer?.holder.journeyId).toBe(third.journeyId);
  const acceptBefore = Date.parse(offered.offer!.acceptBefore);
  expect(acceptBefore - now).toBeGreaterThanOrEqual(OFFER_ACCEPT_DAYS * DAY);
  expect(acceptBefore - now).toBeLessThan(OFFER_ACCEPT_DAYS * DAY + 60_000);
  expect(idsOf(offered.waiting)).toEqual([fourth.journeyId, fifth.journeyId]);
  expect(await handle.executeUpdate(leaveTrajectory, { args: [{ trajectoryId, journeyId: first.journeyId, reason: 'Nogmaals.' }] })).toEqual({ left: false });

  // The offered school's journey does not exist: telling it failed, and the hub carried on.
  await until(
    () => handle.fetchHistory(),
    (history) => history.events?.some((e) => e.signalExternalWorkflowExecutionFailedEventAttributes) ?? false,
    'the failed signal in the history',
  );
  expect((await handle.describe()).status.name).toBe('RUNNING');

  // Only the school with the offer can accept it.
  expect(await handle.executeUpdate(acceptPlace, { args: [{ trajectoryId, journeyId: fourth.journeyId }] })).toMatchObject({
    status: 'refused',
    reason: 'not_listed',
  });
  expect(await handle.executeUpdate(acceptPlace, { args: [{ trajectoryId, journeyId: third.journeyId }] })).toEqual({ status: 'enrolled' });
  const accepted = listOf(await handle.query(getHub), trajectoryId);
  expect(idsOf(accepted.taken)).toEqual([second.journeyId, third.journeyId]);
  expect(accepted.offer).toBeNull();
  expect(await handle.executeUpdate(requestPlace, { args: [fifth] })).toEqual({ status: 'waiting', position: 2 });

  expect(await enrolmentRows(trajectoryId)).toEqual([
    [second.journeyId, 'enrolled', null],
    [third.journeyId, 'enrolled', null],
    [first.journeyId, 'released', null],
    [fourth.journeyId, 'waiting', 1],
    [fifth.journeyId, 'waiting', 2],
  ]);

  // The office releases a waiting school, with a reason; one not on the list cannot be released.
  const released = await handle.executeUpdate(releasePlace, {
    args: [{ trajectoryId, journeyId: fourth.journeyId, reason: 'De school heeft zich afgemeld bij het bureau.', releasedBy: office }],
  });
  expect(idsOf(listOf(released, trajectoryId).waiting)).toEqual([fifth.journeyId]);
  const notListed = await refusal(() =>
    handle.executeUpdate(releasePlace, { args: [{ trajectoryId, journeyId: fourth.journeyId, reason: 'Nog een keer vrijgeven.', releasedBy: office }] }),
  );
  expect(notListed).toMatchObject({
    type: 'InvalidInput',
    issues: [{ path: ['journeyId'], message: 'Deze school staat niet (meer) op de lijst van dit leertraject.' }],
  });
});

test('an offer not accepted within 7 days lapses and passes to the next in line', async () => {
  const { handle, trajectoryId } = await startHub([{ title: 'Formatief handelen', places: 1 }]);
  const [first, second, third] = ontwikkelscholen(trajectoryId, 3) as [PlaceRequest, PlaceRequest, PlaceRequest];
  for (const school of [first, second, third]) await handle.executeUpdate(requestPlace, { args: [school] });
  await handle.executeUpdate(leaveTrajectory, { args: [{ trajectoryId, journeyId: first.journeyId, reason: 'De school stopt.' }] });
  const offer = listOf(await handle.query(getHub), trajectoryId).offer!;
  expect(offer.holder.journeyId).toBe(second.journeyId);

  // One minute before the deadline the offer still stands.
  await h.env.sleep(Date.parse(offer.acceptBefore) - (await h.env.currentTimeMs()) - 60_000);
  expect(listOf(await handle.query(getHub), trajectoryId).offer?.holder.journeyId).toBe(second.journeyId);

  await h.env.sleep(2 * 60_000);
  const passedOn = await hubWhere(handle, (v) => listOf(v, trajectoryId).offer?.holder.journeyId === third.journeyId, 'the offer to pass on');
  const next = listOf(passedOn, trajectoryId);
  expect(next.waiting).toEqual([]);
  expect(Date.parse(next.offer!.acceptBefore)).toBeGreaterThan(Date.parse(offer.acceptBefore) + 6 * DAY);
  expect(await handle.executeUpdate(acceptPlace, { args: [{ trajectoryId, journeyId: second.journeyId }] })).toMatchObject({
    status: 'refused',
    reason: 'not_listed',
  });

  const rows = await until(
    () => enrolmentRows(trajectoryId),
    (r) => r.some(([id, status]) => id === second.journeyId && status === 'expired'),
    'the lapse on record',
  );
  expect(rows).toEqual([
    [second.journeyId, 'expired', null],
    [third.journeyId, 'offered', null],
    [first.journeyId, 'released', null],
  ]);
});

test("the year ends without the office's decision: the hub waits for it, then closes with it", async () => {
  const { handle, hubId, trajectoryId, schoolYear } = await startHub([{ title: 'Begrijpend lezen', places: 6 }]);
  const [school] = ontwikkelscholen(trajectoryId, 1) as [PlaceRequest];
  // The ontwikkelschool's journey reaches the hub through its activities.
  const activities = createHubActivities({ db: h.db, temporal: h.env.client });
  expect(await new MockActivityEnvironment().run(activities.requestTrajectoryPlace, school)).toEqual({ status: 'enrolled' });

  const { start, end } = schoolYearBounds(schoolYear);
  const heldOn = new Date(start.getTime() + 40 * DAY).toISOString().slice(0, 10);
  const outside = await refusal(() =>
    handle.executeUpdate(recordTrajectorySession, { args: [{ trajectoryId, kind: 'start', heldOn: '2020-09-01', notes: '', topic: '', recordedBy: office }] }),
  );
  expect(outside.issues).toEqual([{ path: ['heldOn'], message: `De datum valt buiten het schooljaar ${schoolYear}.` }]);
  const noTopic = await refusal(() =>
    handle.executeUpdate(recordTrajectorySession, { args: [{ trajectoryId, kind: 'training', heldOn, notes: '', topic: '', recordedBy: office }] }),
  );
  expect(noTopic.issues).toEqual([{ path: ['topic'], message: 'Vul het onderwerp van de training in.' }]);
  await handle.executeUpdate(recordTrajectorySession, {
    args: [{ trajectoryId, kind: 'start', heldOn, notes: 'Afspraken gemaakt.', topic: '', recordedBy: office }],
  });
  await handle.executeUpdate(recordTrajectorySession, { args: [{ trajectoryId, kind: 'training', heldOn, notes: '', topic: 'Modelen', recordedBy: office }] });
  const shared = await handle.executeUpdate(recordKnowledgeSharing, {
    args: [{ kind: 'webinar', title: 'Lezen met begrip', heldOn, attendees: 48, recordedBy: office }],
  });
  expect(shared.trajectories[0]).toMatchObject({ startSession: { heldOn, notes: 'Afspraken gemaakt.' }, trainings: [{ heldOn, topic: 'Modelen' }] });
  expect(shared.knowledgeSharing).toEqual([{ kind: 'webinar', title: 'Lezen met begrip', heldOn, attendees: 48, recordedBy: office }]);

  await h.env.sleep(end.getTime() - (await h.env.currentTimeMs()) + 60_000);
  await hubWhere(handle, (v) => v.status === 'awaiting_outcome', 'the year to end');
  expect(
    await until(
      () => h.db.hubYear.findUniqueOrThrow({ where: { id: hubId } }),
      (row) => row.status === 'awaiting_outcome',
      'the record',
    ),
  ).toMatchObject({
    outcome: null,
  });

  // Too late to ask for a place: refused by the hub, and answered as "closed" to the journey.
  const late = ontwikkelscholen(trajectoryId, 2)[1]!;
  expect(await refusal(() => handle.executeUpdate(requestPlace, { args: [late] }))).toMatchObject({ type: 'ActionNotAllowedNow' });
  expect(await new MockActivityEnvironment().run(activities.requestTrajectoryPlace, late)).toMatchObject({ status: 'refused', reason: 'closed' });

  const tooShort = await refusal(() => handle.executeUpdate(recordHubOutcome, { args: [{ outcome: 'continue', reason: 'Kort', decidedBy: office }] }));
  expect(tooShort).toMatchObject({ type: 'InvalidInput', issues: [{ path: ['reason'], message: 'Geef een reden voor het besluit (minstens 10 tekens).' }] });
  const reason = 'De hub liep goed: alle plaatsen bezet, twee webinars.';
  const closed = await handle.executeUpdate(recordHubOutcome, { args: [{ outcome: 'continue', reason, decidedBy: office }] });
  expect(closed).toMatchObject({ status: 'closed', outcome: { outcome: 'continue', reason, decidedBy: office } });
  expect(await handle.result()).toEqual({ outcome: 'continue', reason, decidedBy: office });
  await recordHistories(h.env.client, handle.workflowId, 'hub-year-waits-for-its-outcome');

  expect(await h.db.hubYear.findUniqueOrThrow({ where: { id: hubId } })).toMatchObject({
    status: 'closed',
    outcome: 'continue',
    outcomeReason: reason,
    decidedBy: office,
  });
  expect(await h.db.hubTrajectory.findUniqueOrThrow({ where: { id: trajectoryId } })).toMatchObject({ startSessionOn: new Date(heldOn), trainingsGiven: 1 });
  expect(await h.db.knowledgeSharing.findMany({ where: { hubId } })).toMatchObject([
    { id: `${hubId}#1`, kind: 'webinar', attendees: 48, heldOn: new Date(heldOn) },
  ]);
  // A hub that no longer runs answers the journey's activities without failing them.
  expect(await new MockActivityEnvironment().run(activities.acceptTrajectoryPlace, { trajectoryId, journeyId: school.journeyId })).toMatchObject({
    status: 'refused',
    reason: 'closed',
  });
  await expect(
    new MockActivityEnvironment().run(activities.leaveTrajectoryPlace, { trajectoryId, journeyId: school.journeyId, reason: 'Gestopt.' }),
  ).resolves.toBeUndefined();
});
