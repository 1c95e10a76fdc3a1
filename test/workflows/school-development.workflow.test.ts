/**
 * A cohort of the school development trajectory on the time-skipping server, with a real worker
 * writing the record to PostgreSQL: registrations first come, first served (one on the waiting
 * list, moving up when a placed school is referred at intake), the grouping proposed and
 * confirmed, and a development group through its year and a half of evaluations, one school never
 * answering (reminded twice, then marked missed), every journey completed at the end.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { createCohort, registerForCohort } from '../../services/cohorts/manage-cohorts';
import { dayStartsAt } from '../../services/cohorts/cohort-record';
import type { AnswerForm, FormKind } from '../../domain/forms';
import type { JourneyPhase, JourneyView } from '../../domain/journey';
import { developmentEvaluations } from '../../domain/tracks';
import { cohortWorkflowId, confirmGroups, getCohort, proposeGroups } from '../../workflows/contracts/development-cohort';
import { answerForm, cancelJourney, getJourney, recordIntakeOutcome, submitRegistration } from '../../workflows/contracts/journey';
import { ActivityGate } from '../support/activity-gate';
import { cohortRequest, registration } from '../support/cohorts';
import { recordHistories } from '../support/histories';
import { createSchool } from '../support/fixtures';
import { startTimeSkippingHarness, TEST_PUBLIC_URL, type TimeSkippingHarness } from '../support/time-skipping';
import { until } from '../support/until';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const office = 'Anna Visser';
let h: TimeSkippingHarness;
const gate = new ActivityGate();

beforeAll(async () => {
  h = await startTimeSkippingHarness({ wrapActivities: (activities) => gate.wrap(activities) });
});
afterAll(async () => {
  await h?.close();
});

const scores: Record<FormKind, Record<string, number>> = {
  nulmeting: {},
  eindmeting: {},
  self_evaluation: {},
  interim_evaluation: { meetings: 4, learning: 4, progress: 3, board: 3 },
  final_evaluation: { goals: 4, students: 3, lasting: 4, network: 5 },
};

async function refusal(run: () => Promise<unknown>): Promise<{ type: string; message: string; issues: { path: string[]; message: string }[] }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const details = (error.cause.details?.[0] ?? {}) as { issues?: { path: string[]; message: string }[] };
      return { type: error.cause.type ?? '', message: error.cause.message, issues: details.issues ?? [] };
    }
    throw error;
  }
  throw new Error('accepted, expected a refusal');
}

/** Polls the journey's query until it is in `phase` with every step stored. */
function reach(handle: WorkflowHandle, phase: JourneyPhase, extra: (view: JourneyView) => boolean = () => true): Promise<JourneyView> {
  return until(
    () => handle.query(getJourney),
    (view) => view.phase === phase && view.unrecordedSteps === 0 && extra(view),
    `${handle.workflowId} in ${phase}`,
    300,
  );
}

/** Lets the test server's clock run to `moment` (plus a little), then gives the worker time to act. */
async function skipTo(moment: string | number, plus = HOUR): Promise<void> {
  const target = (typeof moment === 'string' ? Date.parse(moment) : moment) + plus;
  const now = await h.env.currentTimeMs();
  if (target > now) await h.env.sleep(target - now);
}

test('a cohort: first come first served, grouping confirmed, a year and a half of evaluations, every journey completed', async () => {
  const deps = { db: h.db, temporal: h.env.client, taskQueue: h.taskQueue };
  const request = cohortRequest(await h.env.currentTimeMs(), { capacity: 6 });
  const cohort = await createCohort(deps, request);
  expect(cohort).toMatchObject({ id: request.id, capacity: 6, status: 'registration', kickOffOn: request.kickOffOn, startDayOn: request.startDayOn });
  const cohortHandle = h.env.client.workflow.getHandle(cohortWorkflowId(request.id));

  // Seven VO schools are registered by the office; each school leader is mailed the link to complete it.
  const schools: Awaited<ReturnType<typeof createSchool>>[] = [];
  for (let i = 1; i <= 7; i++) schools.push(await createSchool(h.db, { name: `VO-school ${i}`, sector: 'VO' }));
  const handles: WorkflowHandle[] = [];
  for (const school of schools) {
    const { journeyId } = await registerForCohort(deps, request.id, school.brin);
    expect(journeyId).toBe(`journey-schoolontwikkeling-${school.brin}`);
    handles.push(h.env.client.workflow.getHandle(journeyId));
  }
  const first = await reach(handles[0]!, 'registration');
  expect(first).toMatchObject({
    waitingFor: 'school',
    allowedActions: ['submitRegistration', 'cancelJourney'],
    registration: { place: 'open', cohortId: request.id },
  });
  const invitation = await h.mail.waitFor((m) => m.to === schools[0]!.contactEmail && m.subject.startsWith(`Meld uw school aan voor ${request.name}`));
  expect(invitation.text).toMatch(new RegExp(`${TEST_PUBLIC_URL}/s/[A-Za-z0-9_-]{43}`));
  expect(await h.db.linkToken.findFirst({ where: { journeyId: handles[0]!.workflowId } })).toMatchObject({
    purpose: 'form',
    scope: `self_evaluation/${request.id}`,
  });

  // A registration without the self-evaluation is refused field by field, in Dutch.
  const incomplete = await refusal(() =>
    handles[0]!.executeUpdate(submitRegistration, { args: [{ ...registration('wellbeing'), selfEvaluation: { scores: { vision: 4 }, remarks: '' } }] }),
  );
  expect(incomplete.issues).toContainEqual({ path: ['selfEvaluation', 'scores', 'goals'], message: 'Kies bij deze stelling een score van 1 tot en met 5.' });

  // Submitted in order: the first six get a place, the seventh waits first in line.
  const themes = ['wellbeing', 'wellbeing', 'wellbeing', 'wellbeing', 'wellbeing', 'wellbeing', 'wellbeing'] as const;
  const answers: JourneyView[] = [];
  for (const [i, handle] of handles.entries()) answers.push(await handle.executeUpdate(submitRegistration, { args: [registration(themes[i]!, 'motivation')] }));
  for (const answer of answers.slice(0, 6))
    expect(answer).toMatchObject({ phase: 'intake', waitingFor: 'office', registration: { place: 'placed', theme: 'wellbeing' } });
  expect(answers[6]).toMatchObject({
    phase: 'registration',
    waitingFor: 'place',
    nextDeadline: dayStartsAt(request.kickOffOn),
    registration: { place: 'waiting', position: 1 },
  });
  expect(await refusal(() => handles[0]!.executeUpdate(submitRegistration, { args: [registration('motivation')] }))).toMatchObject({
    type: 'ActionNotAllowedNow',
  });

  const afterRegistration = await cohortHandle.query(getCohort);
  expect(afterRegistration.places.taken.map((p) => p.journeyId)).toEqual(handles.slice(0, 6).map((x) => x.workflowId));
  expect(afterRegistration.places.waiting.map((p) => p.journeyId)).toEqual([handles[6]!.workflowId]);
  // The record: each journey's cohort, and the self-evaluation as an answered form.
  const rows = await h.db.journey.findMany({ where: { id: { in: handles.map((x) => x.workflowId) } } });
  expect(rows.map((r) => r.cohortId)).toEqual(rows.map(() => request.id));
  const selfEvaluation = await h.db.formRequest.findUnique({ where: { id: `${handles[0]!.workflowId}/self_evaluation-${request.id}` } });
  expect(selfEvaluation).toMatchObject({ status: 'answered', answers: { scores: { vision: 4, goals: 3, support: 4, time: 3 } } });

  // Intake: the sixth school is referred elsewhere; its place goes to the seventh at once.
  for (const handle of handles.slice(0, 5)) {
    expect(await handle.executeUpdate(recordIntakeOutcome, { args: [{ outcome: 'ontwikkelschool', notes: '', recordedBy: office }] })).toMatchObject({
      phase: 'grouping',
      waitingFor: 'office',
    });
  }
  const referred = await handles[5]!.executeUpdate(recordIntakeOutcome, {
    args: [{ outcome: 'other_pillar', notes: 'Past beter bij Groeikracht.', recordedBy: office }],
  });
  expect(referred).toMatchObject({ phase: 'closed', outcome: { outcome: 'referred' } });
  const movedUp = await reach(handles[6]!, 'intake');
  expect(movedUp.registration).toMatchObject({ place: 'placed', position: null });
  await handles[6]!.executeUpdate(recordIntakeOutcome, { args: [{ outcome: 'ontwikkelschool', notes: '', recordedBy: office }] });
  const group = [...handles.slice(0, 5), handles[6]!];
  await reach(handles[6]!, 'grouping');

  // Grouping: six schools on one theme make one group; the office confirms it.
  expect(await refusal(() => cohortHandle.executeUpdate(confirmGroups, { args: [{ confirmedBy: office }] }))).toMatchObject({ type: 'ActionNotAllowedNow' });
  const proposed = await cohortHandle.executeUpdate(proposeGroups, { args: [{ requestedBy: office }] });
  expect(proposed.proposal).toMatchObject({ problems: [], ungrouped: [] });
  expect(proposed.proposal!.groups.map((g) => [g.theme, g.members.map((m) => m.journeyId)])).toEqual([['wellbeing', group.map((x) => x.workflowId)]]);
  const confirmed = await cohortHandle.executeUpdate(confirmGroups, { args: [{ confirmedBy: office }] });
  const groupId = `${request.id}/wellbeing-1`;
  expect(confirmed.groups).toMatchObject([{ groupId, theme: 'wellbeing', confirmedBy: office }]);
  expect(await h.db.developmentGroup.findUnique({ where: { id: groupId } })).toMatchObject({ status: 'confirmed', confirmedBy: office, cohortId: request.id });

  // Preparation: the kick-off first, then the start day, as the next deadline; each school is mailed its group.
  for (const handle of group) {
    const view = await reach(handle, 'preparation');
    expect(view).toMatchObject({ waitingFor: 'calendar', nextDeadline: dayStartsAt(request.kickOffOn), developmentGroup: { groupId, theme: 'wellbeing' } });
    expect(view.developmentGroup!.members).toHaveLength(6);
  }
  expect((await h.db.journey.findUnique({ where: { id: group[0]!.workflowId } }))?.developmentGroupId).toBe(groupId);
  const groupMail = await h.mail.waitFor((m) => m.to === schools[0]!.contactEmail && m.subject.startsWith('Uw ontwikkelgroep: Welbevinden'));
  expect(groupMail.text).toContain('VO-school 7');
  await skipTo(dayStartsAt(request.kickOffOn));
  await reach(group[0]!, 'preparation', (v) => v.nextDeadline === dayStartsAt(request.startDayOn));

  // Execution from the start day (a new run), until the final evaluation is due.
  const evaluations = developmentEvaluations(dayStartsAt(request.startDayOn));
  const end = evaluations[evaluations.length - 1]!.dueAt;
  await skipTo(dayStartsAt(request.startDayOn));
  for (const handle of group) expect(await reach(handle, 'execution')).toMatchObject({ waitingFor: 'calendar', nextDeadline: end });

  // Each evaluation: five schools answer; the last one never does.
  const silent = group[5]!;
  const silentSchool = schools[6]!;
  for (const moment of evaluations) {
    await skipTo(moment.requestAt);
    for (const handle of group) await reach(handle, 'execution', (v) => v.forms.some((f) => f.kind === moment.kind && f.scope === moment.scope));
    for (const handle of group.slice(0, 5)) {
      const answer: AnswerForm = { kind: moment.kind, scope: moment.scope, scores: scores[moment.kind], remarks: '' };
      await handle.executeUpdate(answerForm, { args: [answer] });
    }
    await skipTo(moment.dueAt);
    const missed = await reach(silent, moment === evaluations[evaluations.length - 1] ? 'closed' : 'execution', (v) =>
      v.forms.some((f) => f.kind === moment.kind && f.scope === moment.scope && f.status === 'missed'),
    );
    expect(missed.forms.find((f) => f.kind === moment.kind && f.scope === moment.scope)).toMatchObject({ status: 'missed', remindersSent: 2, answer: null });
  }

  // The silent school was reminded a week and two days before each due date, and its forms are marked missed in the record.
  const reminders = h.mail.messages().filter((m) => m.to === silentSchool.contactEmail && m.subject.startsWith('Herinnering: de tussenevaluatie'));
  expect(reminders.length).toBeGreaterThanOrEqual(4);
  const silentForms = await h.db.formRequest.findMany({ where: { journeyId: silent.workflowId, kind: { not: 'self_evaluation' } }, orderBy: { dueAt: 'asc' } });
  expect(silentForms.map((f) => [f.kind, f.scope, f.status, f.remindersSent])).toEqual([
    ['interim_evaluation', '1', 'missed', 2],
    ['interim_evaluation', '2', 'missed', 2],
    ['final_evaluation', 'eind', 'missed', 2],
  ]);
  const answeredForms = await h.db.formRequest.findMany({ where: { journeyId: group[0]!.workflowId, kind: { not: 'self_evaluation' } } });
  expect(answeredForms.map((f) => f.status)).toEqual(['answered', 'answered', 'answered']);

  // Every journey of the group completed, the referred one closed as referred.
  for (const handle of group) {
    const view = await reach(handle, 'closed');
    expect(view.outcome).toMatchObject({ outcome: 'completed' });
    expect(await handle.result()).toMatchObject({ outcome: 'completed' });
  }
  const record = await h.db.journey.findMany({ where: { id: { in: handles.map((x) => x.workflowId) } }, orderBy: { id: 'asc' } });
  expect(record.map((r) => r.outcome).sort()).toEqual(['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'referred']);
  await until(
    () => h.db.developmentCohort.findUnique({ where: { id: request.id } }),
    (c) => c?.status === 'finished',
    'the cohort finished',
  );
  await recordHistories(h.env.client, group[0]!.workflowId, 'school-development-completed');
  await recordHistories(h.env.client, silent.workflowId, 'school-development-from-the-waiting-list-missing-evaluations');
  await recordHistories(h.env.client, handles[5]!.workflowId, 'school-development-referred-at-intake');
  await recordHistories(h.env.client, cohortHandle.workflowId, 'development-cohort');
});

test('a school stopped while its registration is under way does not keep the place it brings', async () => {
  const deps = { db: h.db, temporal: h.env.client, taskQueue: h.taskQueue };
  const request = cohortRequest(await h.env.currentTimeMs(), { capacity: 2 });
  await createCohort(deps, request);
  const cohortHandle = h.env.client.workflow.getHandle(cohortWorkflowId(request.id));
  const school = await createSchool(h.db, { name: 'VO-school Bedenkt Zich', sector: 'VO' });
  const { journeyId } = await registerForCohort(deps, request.id, school.brin);
  const handle = h.env.client.workflow.getHandle(journeyId);
  await reach(handle, 'registration');

  const submitted = handle.executeUpdate(submitRegistration, { args: [registration('wellbeing')] }).catch(() => null);
  await handle.executeUpdate(cancelJourney, { args: [{ reason: 'De school ziet af van deelname.', cancelledBy: office }] });
  await submitted;
  expect((await reach(handle, 'closed')).outcome).toMatchObject({ outcome: 'cancelled' });
  const places = await until(
    async () => (await cohortHandle.query(getCohort)).places,
    (list) => ![...list.taken, ...list.waiting].some((holder) => holder.journeyId === journeyId),
    'the place to be given up',
    50,
  );
  expect(places.taken).toHaveLength(0);
  await recordHistories(h.env.client, journeyId, 'school-development-stopped-while-registering');
});

test('a place granted while the school is still waiting for the answer to its registration is kept: the school goes on to intake', async () => {
  const deps = { db: h.db, temporal: h.env.client, taskQueue: h.taskQueue };
  const request = cohortRequest(await h.env.currentTimeMs(), { capacity: 1 });
  await createCohort(deps, request);
  const cohortHandle = h.env.client.workflow.getHandle(cohortWorkflowId(request.id));
  const [placed, late] = await Promise.all(
    ['VO-school Voorop', 'VO-school Laat Antwoord'].map(async (name) => {
      const school = await createSchool(h.db, { name, sector: 'VO' });
      const handle = h.env.client.workflow.getHandle((await registerForCohort(deps, request.id, school.brin)).journeyId);
      await reach(handle, 'registration');
      return handle;
    }),
  );
  expect(await placed!.executeUpdate(submitRegistration, { args: [registration('wellbeing')] })).toMatchObject({ registration: { place: 'placed' } });

  // The cohort has put the school in line, but its answer has not reached the journey yet.
  const held = gate.hold('requestCohortPlace', late!.workflowId);
  const submitted = late!.executeUpdate(submitRegistration, { args: [registration('wellbeing')] });
  await held.reached;
  expect((await cohortHandle.query(getCohort)).places.waiting.map((p) => p.journeyId)).toEqual([late!.workflowId]);

  // Meanwhile the placed school is referred at intake: the cohort grants its place before the answer arrives.
  await placed!.executeUpdate(recordIntakeOutcome, { args: [{ outcome: 'other_pillar', notes: 'Past beter bij Groeikracht.', recordedBy: office }] });
  await until(
    async () => (await late!.fetchHistory()).events ?? [],
    (events) => events.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'cohortPlaceGranted'),
    'the grant to reach the journey',
  );
  held.release();
  await submitted;

  const granted = await reach(late!, 'intake');
  expect(granted).toMatchObject({ waitingFor: 'office', registration: { place: 'placed', position: null }, outcome: null });
  expect((await cohortHandle.query(getCohort)).places.taken.map((p) => p.journeyId)).toEqual([late!.workflowId]);
});
