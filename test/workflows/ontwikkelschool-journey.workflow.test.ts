/**
 * Ontwikkelscholen on the time-skipping test server: applying in a round meant for them, enrolling
 * in an expertschool's trajectory ("vol = vol", waiting list, offer by mail), and the hub year with
 * its baseline and final measurement.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { School } from '../../domain/school';
import { schoolYearBounds, schoolYearOf } from '../../domain/school-year';
import type { JourneyView } from '../../domain/journey';
import { expertschoolJourney } from '../../workflows';
import {
  acceptPlace,
  answerForm,
  cancelJourney,
  chooseTrajectory,
  decideApplication,
  journeyWorkflowId,
  recordConversationReport,
  recordIntakeOutcome,
  submitApplication,
} from '../../workflows/contracts/journey';
import { getHub, hubWorkflowId, recordHubOutcome, releasePlace, trajectoryIdOf } from '../../workflows/contracts/hub-year';
import { ActivityGate } from '../support/activity-gate';
import { createSchool, openRoundAt, schoolLeader } from '../support/fixtures';
import { recordHistories } from '../support/histories';
import { JourneyDriver } from '../support/journey-driver';
import { startTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';
import { until } from '../support/until';

const DAY = 24 * 60 * 60 * 1000;
const office = 'Anna Visser';
let h: TimeSkippingHarness;
const gate = new ActivityGate();

beforeAll(async () => {
  h = await startTimeSkippingHarness({ wrapActivities: (activities) => gate.wrap(activities) });
});
afterAll(async () => {
  await h?.close();
});

const text = 'Wij willen begrijpend lezen in alle groepen onderzoeksmatig verbeteren.';
const ontwikkelschoolApplication = {
  participants: [schoolLeader, { name: 'Jan de Vries', email: 'j.devries@regenboog.example', role: 'teacher' as const }],
  sections: { improvement_question: text, support_and_commitment: text },
  trajectories: [],
  otherSubsidies: [],
};
const scores = { vision: 3, practice: 2, evidence: 2, leadership: 4, lasting: 1 };

/** An expertschool in its hub year (this school year), offering one trajectory of `places`. */
async function hubThisYear(places: number): Promise<{ hub: WorkflowHandle; trajectoryId: string; expertschool: WorkflowHandle; schoolYear: string }> {
  const school = await createSchool(h.db, { name: 'Expertschool De Vonk' });
  const schoolYear = schoolYearOf(new Date(await h.env.currentTimeMs()));
  const journeyId = journeyWorkflowId(school.brin, 'expertschool');
  const application = {
    id: `${journeyId}/r`,
    roundId: 'r',
    schoolYear,
    status: 'approved' as const,
    participants: [],
    sections: {},
    trajectories: [{ title: 'Begrijpend lezen', places }],
    otherSubsidies: [],
    amountEuros: null,
    submittedAt: null,
    decision: null,
  };
  const expertschool = await h.env.client.workflow.start(expertschoolJourney, {
    workflowId: journeyId,
    taskQueue: h.taskQueue,
    args: [
      {
        journeyId,
        school: snapshot(school),
        hasAspirantYearBehind: true,
        cycle: 0,
        stepsRecorded: 0,
        entry: { stage: 'hub_year', schoolYear, application, expertTeam: [] },
      },
    ],
  });
  const hubId = hubWorkflowId(school.brin, schoolYear);
  const hub = h.env.client.workflow.getHandle(hubId);
  // Schools choose from the hubs' record: wait until the hub has written it.
  await until(
    () => h.db.hubTrajectory.count({ where: { hubId } }),
    (n) => n === 1,
    'the hub to record its trajectory',
  );
  return { hub, trajectoryId: trajectoryIdOf(hubId, 1), expertschool, schoolYear };
}

function snapshot(school: School) {
  const { equalAccessMarkers: _, ...rest } = school;
  return rest;
}

/** An ontwikkelschool through conversation, intake, an ontwikkelschool round and approval: it may choose a trajectory. */
async function approvedOntwikkelschool(schoolYear: string, name: string): Promise<JourneyDriver> {
  const school = await createSchool(h.db, { name });
  const journey = await JourneyDriver.start({ db: h.db, client: h.env.client, taskQueue: h.taskQueue }, { brin: school.brin, track: 'ontwikkelschool' });
  await journey.act(recordConversationReport, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de verbetervraag van de school.',
    recordedBy: office,
  });
  await journey.act(recordIntakeOutcome, { outcome: 'ontwikkelschool', notes: '', recordedBy: office });
  // The extra opening for ontwikkelscholen, for the school year under way.
  await journey.openRound(openRoundAt(await h.env.currentTimeMs(), 30, { schoolYear, roundId: `ontwikkelscholen-${schoolYear}` }));
  await journey.reach('application');
  await journey.act(submitApplication, ontwikkelschoolApplication);
  await journey.act(decideApplication, { decision: 'approved', reason: 'De verbetervraag past bij het aanbod.', decidedBy: office });
  return journey;
}

test('ten ontwikkelscholen press the button at once for six places: six get one, four wait in line; a cancellation moves the first up once it accepts', async () => {
  const { hub, trajectoryId, schoolYear } = await hubThisYear(6);
  const journeys = await Promise.all(Array.from({ length: 10 }, (_, i) => approvedOntwikkelschool(schoolYear, `Ontwikkelschool ${i + 1}`)));
  for (const journey of journeys) {
    expect(await journey.reach('enrolment')).toMatchObject({ waitingFor: 'school', allowedActions: ['chooseTrajectory', 'cancelJourney'] });
  }

  const answers = await Promise.all(journeys.map((journey) => journey.act(chooseTrajectory, { trajectoryId })));
  const enrolled = answers.filter((v) => v.enrolment?.status === 'enrolled');
  const waiting = answers.filter((v) => v.enrolment?.status === 'waiting').sort((a, b) => a.enrolment!.position! - b.enrolment!.position!);
  expect(enrolled).toHaveLength(6);
  expect(waiting.map((v) => v.enrolment!.position)).toEqual([1, 2, 3, 4]);
  expect(waiting.map((v) => [v.waitingFor, v.phase, v.unrecordedSteps])).toEqual(Array(4).fill(['place', 'enrolment', 0]));

  // The hub holds the same list, in the same order; so does its record.
  const list = (await hub.query(getHub)).trajectories[0]!.list;
  expect(list.taken).toHaveLength(6);
  expect(list.waiting.map((w) => w.journeyId)).toEqual(waiting.map((v) => v.journeyId));
  const rows = await until(
    () => h.db.trajectoryEnrolment.findMany({ where: { trajectoryId }, orderBy: { waitingPosition: 'asc' } }),
    (r) => r.filter((e) => e.status === 'waiting').length === 4,
    'the record of the waiting list',
  );
  expect(rows.filter((e) => e.status === 'enrolled')).toHaveLength(6);
  expect(rows.filter((e) => e.status === 'waiting').map((e) => [e.journeyId, e.waitingPosition])).toEqual(waiting.map((v, i) => [v.journeyId, i + 1]));

  // Choosing twice, or choosing while in line, is refused with the reason.
  const again = await journeys[0]!.refusal(chooseTrajectory, { trajectoryId });
  expect(again.type).toBe('ActionNotAllowedNow');

  // An enrolled school stops: its place is offered to the first in line, by mail, with a deadline.
  const leaving = journeys.find((j) => j.journeyId === enrolled[0]!.journeyId)!;
  await leaving.act(cancelJourney, { reason: 'De school heeft de verbetervraag anders opgepakt.', cancelledBy: office });
  const first = journeys.find((j) => j.journeyId === waiting[0]!.journeyId)!;
  const offered = await first.reach('enrolment', (v) => v.enrolment?.status === 'offered');
  expect(offered).toMatchObject({ waitingFor: 'school', allowedActions: ['acceptPlace', 'cancelJourney'] });
  const acceptBefore = Date.parse(offered.enrolment!.acceptBefore!);
  expect(acceptBefore - (await h.env.currentTimeMs())).toBeGreaterThan(6 * DAY);
  await until(
    () => h.db.outboxMail.findMany({ where: { journeyId: first.journeyId, purpose: { startsWith: 'place-offered' } } }),
    (mails) => mails.length === 1 && mails[0]!.status === 'sent',
    'the offer by mail',
  );

  // Another school cannot take the offered place; the offered school accepts it.
  expect((await journeys.find((j) => j.journeyId === waiting[1]!.journeyId)!.refusal(acceptPlace, { trajectoryId })).type).toBe('ActionNotAllowedNow');
  const accepted = await first.act(acceptPlace, { trajectoryId });
  expect(accepted.enrolment).toMatchObject({ status: 'enrolled' });
  const after = (await hub.query(getHub)).trajectories[0]!.list;
  expect(after.taken.map((t) => t.journeyId)).toContain(first.journeyId);
  expect(after.taken).toHaveLength(6);
  expect(after.waiting.map((w) => w.journeyId)).toEqual(waiting.slice(1).map((v) => v.journeyId));
  expect((await leaving.state()).outcome).toMatchObject({ outcome: 'cancelled' });
  await first.recordHistories('ontwikkelschool-moves-up-from-the-waiting-list');
  await leaving.recordHistories('ontwikkelschool-leaves-its-place');
});

test('a hub year: measurements by link with reminders, a school that never answers is marked, and the office decides how the year ends', async () => {
  const { hub, trajectoryId, expertschool, schoolYear } = await hubThisYear(6);
  const diligent = await approvedOntwikkelschool(schoolYear, 'Ontwikkelschool Ijverig');
  const silent = await approvedOntwikkelschool(schoolYear, 'Ontwikkelschool Stil');
  for (const journey of [diligent, silent]) await journey.act(chooseTrajectory, { trajectoryId });

  // The school year is under way: the learning year starts at once, and asks for the baseline.
  const baseline = (view: JourneyView) => view.forms.find((f) => f.kind === 'nulmeting');
  for (const journey of [diligent, silent]) {
    const view = await journey.reach('learning_year', (v) => baseline(v)?.status === 'requested');
    expect(view).toMatchObject({ waitingFor: 'calendar', allowedActions: ['answerForm', 'cancelJourney'], enrolment: { status: 'enrolled' } });
  }
  const nulmeting = baseline(await diligent.state())!;
  // Answering a form that was not asked, or without every score, is refused.
  expect((await diligent.refusal(answerForm, { kind: 'eindmeting', scope: schoolYear, scores, remarks: '' })).type).toBe('ActionNotAllowedNow');
  const incomplete = await diligent.refusal(answerForm, { kind: 'nulmeting', scope: schoolYear, scores: { vision: 3 }, remarks: '' });
  expect(incomplete.issues.map((i) => i.path.join('.'))).toContain('scores.practice');
  expect((await diligent.act(answerForm, { kind: 'nulmeting', scope: schoolYear, scores, remarks: 'Een eerlijk beeld.' })).forms[0]).toMatchObject({
    status: 'answered',
  });
  await silent.act(answerForm, { kind: 'nulmeting', scope: schoolYear, scores, remarks: '' });
  expect(Date.parse(nulmeting.dueAt)).toBeGreaterThan(Date.parse(nulmeting.requestedAt));

  // The final measurement goes out in May; the silent school never answers it.
  const { end } = schoolYearBounds(schoolYear);
  const finalDue = (view: JourneyView) => view.forms.find((f) => f.kind === 'eindmeting');
  await h.env.sleep(Date.parse(`${end.getUTCFullYear()}-05-16T12:00:00Z`) - (await h.env.currentTimeMs()));
  await diligent.reach('learning_year', (v) => finalDue(v)?.status === 'requested');
  await diligent.act(answerForm, { kind: 'eindmeting', scope: schoolYear, scores: { ...scores, practice: 4, lasting: 3 }, remarks: '' });

  // Past the due date: reminded twice, then marked as not answered, in the view and the record.
  await h.env.sleep(Date.parse(`${end.getUTCFullYear()}-06-16T12:00:00Z`) - (await h.env.currentTimeMs()));
  const marked = await silent.reach('learning_year', (v) => finalDue(v)?.status === 'missed');
  expect(finalDue(marked)).toMatchObject({ remindersSent: 2, answer: null });
  const reminders = await h.db.outboxMail.findMany({ where: { journeyId: silent.journeyId, purpose: { startsWith: 'form-reminder' } } });
  expect(reminders.map((m) => m.purpose).sort()).toEqual([`form-reminder-2d/eindmeting-${schoolYear}`, `form-reminder-7d/eindmeting-${schoolYear}`]);
  expect(await h.db.outboxMail.count({ where: { journeyId: diligent.journeyId, purpose: { startsWith: 'form-reminder' } } })).toBe(0);
  const records = await h.db.formRequest.findMany({ where: { journeyId: { in: [diligent.journeyId, silent.journeyId] } } });
  expect(records.map((r) => [r.journeyId === silent.journeyId ? 'silent' : 'diligent', r.kind, r.status]).sort()).toEqual([
    ['diligent', 'eindmeting', 'answered'],
    ['diligent', 'nulmeting', 'answered'],
    ['silent', 'eindmeting', 'missed'],
    ['silent', 'nulmeting', 'answered'],
  ]);

  // The year ends: the ontwikkelscholen complete it; the hub waits for the office's outcome.
  await h.env.sleep(end.getTime() - (await h.env.currentTimeMs()) + DAY);
  for (const journey of [diligent, silent]) expect((await journey.reach('closed')).outcome).toMatchObject({ outcome: 'completed' });
  await until(
    () => hub.query(getHub),
    (v) => v.status === 'awaiting_outcome',
    'the hub to ask for its outcome',
  );
  await hub.executeUpdate(recordHubOutcome, { args: [{ outcome: 'stop', reason: 'De school stopt na dit jaar als expertschool.', decidedBy: office }] });
  expect(await expertschool.result()).toMatchObject({ outcome: 'completed' });
  await silent.recordHistories('ontwikkelschool-learning-year-with-a-missed-measurement');
  await recordHistories(h.env.client, hub.workflowId, 'hub-year-with-enrolments-stops');
  // Recorded again since a workflow task's steps are stored together (patch steps-stored-together).
  await silent.recordHistories('ontwikkelschool-learning-year-steps-stored-together');
  await recordHistories(h.env.client, hub.workflowId, 'hub-year-with-enrolments-steps-stored-together');
  await recordHistories(h.env.client, expertschool.workflowId, 'expertschool-stops-after-its-hub-year');
});

test('when a place frees up, every school still waiting sees its new place in line', async () => {
  const { hub, trajectoryId, schoolYear } = await hubThisYear(1);
  const [holder, first, second] = [
    await approvedOntwikkelschool(schoolYear, 'Ontwikkelschool Eerst'),
    await approvedOntwikkelschool(schoolYear, 'Ontwikkelschool Tweede'),
    await approvedOntwikkelschool(schoolYear, 'Ontwikkelschool Derde'),
  ];
  expect((await holder.act(chooseTrajectory, { trajectoryId })).enrolment).toMatchObject({ status: 'enrolled' });
  expect((await first.act(chooseTrajectory, { trajectoryId })).enrolment).toMatchObject({ status: 'waiting', position: 1 });
  expect((await second.act(chooseTrajectory, { trajectoryId })).enrolment).toMatchObject({ status: 'waiting', position: 2 });

  // The school with the place stops: the first in line is offered it, and the second moves up to first.
  await holder.act(cancelJourney, { reason: 'De school stopt met het programma.', cancelledBy: office });
  await first.reach('enrolment', (v) => v.enrolment?.status === 'offered');
  const movedUp = await second.reach('enrolment', (v) => v.enrolment?.position === 1);
  expect(movedUp.enrolment).toMatchObject({ status: 'waiting', position: 1 });
  expect((await hub.query(getHub)).trajectories[0]!.list.waiting.map((w) => w.journeyId)).toEqual([second.journeyId]);
  await second.recordHistories('ontwikkelschool-moves-up-in-line');
  await recordHistories(h.env.client, hub.workflowId, 'hub-year-tells-places-in-line');
});

test('a place offered while the school is still waiting for the answer to its own request is kept: the school is offered the place', async () => {
  const { hub, trajectoryId, schoolYear } = await hubThisYear(1);
  const holder = await approvedOntwikkelschool(schoolYear, 'Ontwikkelschool Houder');
  const late = await approvedOntwikkelschool(schoolYear, 'Ontwikkelschool Laat Antwoord');
  expect((await holder.act(chooseTrajectory, { trajectoryId })).enrolment).toMatchObject({ status: 'enrolled' });
  await late.reach('enrolment');

  // The hub has put the school in line, but the answer has not reached the journey yet.
  const request = gate.hold('requestTrajectoryPlace', late.journeyId);
  const choice = late.act(chooseTrajectory, { trajectoryId });
  await request.reached;
  expect((await hub.query(getHub)).trajectories[0]!.list.waiting.map((w) => w.journeyId)).toEqual([late.journeyId]);

  // Meanwhile the place frees up, and the hub's offer reaches the journey before its answer does.
  await holder.act(cancelJourney, { reason: 'De school stopt met het programma.', cancelledBy: office });
  await until(
    async () => (await late.handle.fetchHistory()).events ?? [],
    (events) => events.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'placeOffered'),
    'the offer to reach the journey',
  );
  request.release();

  expect((await choice).enrolment).toMatchObject({ status: 'offered', position: null });
  const offered = await late.reach('enrolment', (v) => v.enrolment?.status === 'offered');
  expect(offered).toMatchObject({ waitingFor: 'school', allowedActions: ['acceptPlace', 'cancelJourney'] });
  expect((await late.act(acceptPlace, { trajectoryId })).enrolment).toMatchObject({ status: 'enrolled' });
  expect((await hub.query(getHub)).trajectories[0]!.list.taken.map((t) => t.journeyId)).toEqual([late.journeyId]);
});

test('the office releases a place in the learning year: the school reads the reason by mail, and the reason is stored', async () => {
  const { hub, trajectoryId, schoolYear } = await hubThisYear(2);
  const school = await approvedOntwikkelschool(schoolYear, 'Ontwikkelschool Afwezig');
  await school.act(chooseTrajectory, { trajectoryId });
  await school.reach('learning_year');
  const reason = 'De school kwam niet naar de startbijeenkomst en de eerste twee trainingen, en liet niets horen.';
  await hub.executeUpdate(releasePlace, { args: [{ trajectoryId, journeyId: school.journeyId, reason, releasedBy: office }] });

  const closed = await school.reach('closed');
  expect(closed.outcome).toMatchObject({ outcome: 'dropped_out' });
  expect(closed.outcome!.reason).toContain(reason);
  const { contactEmail } = await h.db.school.findUniqueOrThrow({ where: { brin: closed.school.brin } });
  const mail = await until(
    async () => h.mail.messages().find((m) => m.to === contactEmail && /ingetrokken/.test(m.subject)),
    (m) => m !== undefined,
    'the mail about the released place',
  );
  expect(mail!.text).toContain(reason);
  const row = await until(
    () => h.db.trajectoryEnrolment.findUnique({ where: { trajectoryId_journeyId: { trajectoryId, journeyId: school.journeyId } } }),
    (r) => r?.status === 'released',
    'the released place on record',
  );
  expect(row!.endedReason).toBe(reason);
  await school.recordHistories('ontwikkelschool-place-released-with-reason');
});

test('a school never holds places in two trajectories: of two choices sent at once (two tabs), one is refused', async () => {
  const a = await hubThisYear(3);
  const b = await hubThisYear(3);
  const school = await approvedOntwikkelschool(a.schoolYear, 'Ontwikkelschool Twee Tabbladen');
  await school.reach('enrolment');
  const outcomes = await Promise.allSettled([a, b].map(({ trajectoryId }) => school.act(chooseTrajectory, { trajectoryId })));
  expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  const listed = async ({ hub }: { hub: WorkflowHandle }) => {
    const list = (await hub.query(getHub)).trajectories[0]!.list;
    return [...list.taken, ...list.waiting].filter((holder) => holder.journeyId === school.journeyId).length;
  };
  expect((await listed(a)) + (await listed(b))).toBe(1);
});

test('a school stopped while its choice is under way does not keep the place', async () => {
  const { hub, trajectoryId, schoolYear } = await hubThisYear(2);
  const school = await approvedOntwikkelschool(schoolYear, 'Ontwikkelschool Bedenkt Zich');
  await school.reach('enrolment');
  const choice = school.act(chooseTrajectory, { trajectoryId }).catch(() => null);
  await school.act(cancelJourney, { reason: 'De school ziet af van deelname.', cancelledBy: office });
  await choice;
  expect((await school.reach('closed')).outcome).toMatchObject({ outcome: 'cancelled' });
  const list = await until(
    async () => (await hub.query(getHub)).trajectories[0]!.list,
    (l) => ![...l.taken, ...l.waiting].some((holder) => holder.journeyId === school.journeyId),
    'the place to be given up',
    50,
  );
  expect(list.taken).toHaveLength(0);
  await school.recordHistories('ontwikkelschool-stopped-while-choosing');
});

test('the office stops an expertschool in its hub year: the hub closes, and its enrolled and waiting schools hear why', async () => {
  const { hub, trajectoryId, expertschool, schoolYear } = await hubThisYear(1);
  const enrolled = await approvedOntwikkelschool(schoolYear, 'Ontwikkelschool Binnen');
  const waiting = await approvedOntwikkelschool(schoolYear, 'Ontwikkelschool Wachtend');
  await enrolled.act(chooseTrajectory, { trajectoryId });
  await enrolled.reach('learning_year');
  expect((await waiting.act(chooseTrajectory, { trajectoryId })).enrolment).toMatchObject({ status: 'waiting', position: 1 });

  const reason = 'De expertschool heeft haar subsidie teruggegeven.';
  await expertschool.executeUpdate(cancelJourney, { args: [{ reason, cancelledBy: office }] });
  const closedHub = await until(
    () => hub.query(getHub),
    (v) => v.status === 'closed',
    'the hub to close',
  );
  expect(closedHub.outcome).toMatchObject({ outcome: 'stop', reason });
  expect(closedHub.trajectories[0]!.list).toMatchObject({ taken: [], waiting: [], offer: null });

  const dropped = await enrolled.reach('closed');
  expect(dropped.outcome).toMatchObject({ outcome: 'dropped_out' });
  expect(dropped.outcome!.reason).toContain(reason);
  // The school in line may choose another trajectory.
  expect(await waiting.reach('enrolment', (v) => v.enrolment === null)).toMatchObject({ waitingFor: 'school' });
  for (const school of [enrolled, waiting]) {
    await until(
      () => h.db.outboxMail.findMany({ where: { journeyId: school.journeyId, purpose: { startsWith: 'place-released' } } }),
      (mails) => mails.length === 1,
      'the mail about the released place',
    );
  }
  await recordHistories(h.env.client, hub.workflowId, 'hub-year-stops-with-its-expertschool');
  await recordHistories(h.env.client, expertschool.workflowId, 'expertschool-stopped-in-its-hub-year');
});
