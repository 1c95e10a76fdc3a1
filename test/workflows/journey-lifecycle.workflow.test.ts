/**
 * The edges of a journey's runs on the time-skipping test server: what happens in its very first
 * moment, and what arrives while one run hands over to the next (continueAsNew).
 */
import { WithStartWorkflowOperation } from '@temporalio/client';
import { schoolYearOf } from '../../domain/school-year';
import { expertschoolJourney } from '../../workflows/expertschool-journey';
import {
  cancelJourney,
  chooseTrajectory,
  decideApplication,
  getJourney,
  journeyWorkflowId,
  planConversation,
  recordConversationReport,
  recordIntakeOutcome,
  submitApplication,
  type JourneyInput,
} from '../../workflows/contracts/journey';
import { type ExpertschoolEntry } from '../../workflows/contracts/expertschool-journey';
import { hubWorkflowId, releasePlace, trajectoryIdOf } from '../../workflows/contracts/hub-year';
import type { School } from '../../domain/school';
import { createSchool, openRoundAt, schoolLeader } from '../support/fixtures';
import { recordHistories } from '../support/histories';
import { JourneyDriver } from '../support/journey-driver';
import { startTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';
import { until } from '../support/until';

const DAY = 24 * 60 * 60 * 1000;
let h: TimeSkippingHarness;

beforeAll(async () => {
  h = await startTimeSkippingHarness();
});
afterAll(async () => {
  await h?.close();
});

function firstRunInput(school: School): JourneyInput<ExpertschoolEntry> {
  const { brin, name, sector, region, inspectionRating } = school;
  return {
    journeyId: journeyWorkflowId(brin, 'expertschool'),
    school: { brin, name, sector, region, inspectionRating },
    hasAspirantYearBehind: false,
    cycle: 0,
    stepsRecorded: 0,
    entry: { stage: 'conversation' },
  };
}

test("an action in the journey's very first workflow task keeps its effect: a conversation planned at once waits for the school", async () => {
  const school = await createSchool(h.db);
  const input = firstRunInput(school);
  const startsAt = new Date((await h.env.currentTimeMs()) + 7 * DAY).toISOString();
  // Update-with-start: the Update comes in the same workflow task as the start.
  const start = new WithStartWorkflowOperation(expertschoolJourney, {
    workflowId: input.journeyId,
    taskQueue: h.taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'FAIL',
  });
  const planned = await h.env.client.workflow.executeUpdateWithStart(planConversation, {
    args: [{ startsAt, durationMinutes: 60, location: 'Dorpsstraat 1, Utrecht', plannedBy: 'Anna Visser' }],
    startWorkflowOperation: start,
  });
  expect(planned).toMatchObject({ phase: 'conversation', waitingFor: 'school', nextDeadline: startsAt, plannedConversation: { number: 1 } });

  const handle = await start.workflowHandle();
  expect(await handle.query(getJourney)).toMatchObject({ waitingFor: 'school', nextDeadline: startsAt, unrecordedSteps: 0 });
  const row = await until(
    () => h.db.journey.findUnique({ where: { id: input.journeyId } }),
    (r) => r?.lastStep === 3,
    'the case row with every step',
  );
  expect(row).toMatchObject({ phase: 'conversation', waitingFor: 'school', nextDeadline: new Date(startsAt) });
  await h.mail.waitFor((m) => m.to === school.contactEmail && m.subject.startsWith('Uitnodiging: verkennend gesprek'));

  await recordHistories(h.env.client, input.journeyId, 'conversation-planned-at-start');
});

test("the school's contact address stays out of the journey's input, and so out of its history", async () => {
  const school = await createSchool(h.db);
  const journey = await JourneyDriver.start({ db: h.db, client: h.env.client, taskQueue: h.taskQueue }, { brin: school.brin });
  await journey.reach('conversation');
  const history = await journey.handle.fetchHistory();
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  const input = JSON.stringify(started?.input?.payloads?.map((p) => Buffer.from(p.data!).toString('utf8')));
  expect(input).toContain(school.brin);
  expect(input).not.toContain(school.contactEmail);
  expect(input).not.toMatch(/contactEmail|@/);
});

/** An expertschool in its hub year (this school year) offering one trajectory, and an ontwikkelschool approved to choose it. */
async function approvedOntwikkelschoolBesideAHub(): Promise<{ journey: JourneyDriver; school: School; hubId: string; trajectoryId: string }> {
  const expertschool = await createSchool(h.db, { name: 'Expertschool De Vonk' });
  const schoolYear = schoolYearOf(new Date(await h.env.currentTimeMs()));
  const input = firstRunInput(expertschool);
  const application = {
    id: `${input.journeyId}/r`,
    roundId: 'r',
    schoolYear,
    status: 'approved' as const,
    participants: [],
    sections: {},
    trajectories: [{ title: 'Begrijpend lezen', places: 2 }],
    otherSubsidies: [],
    amountEuros: null,
    submittedAt: null,
    decision: null,
  };
  await h.env.client.workflow.start(expertschoolJourney, {
    workflowId: input.journeyId,
    taskQueue: h.taskQueue,
    args: [{ ...input, hasAspirantYearBehind: true, entry: { stage: 'hub_year', schoolYear, application, expertTeam: [] } }],
  });
  const hubId = hubWorkflowId(expertschool.brin, schoolYear);
  await until(
    () => h.db.hubTrajectory.count({ where: { hubId } }),
    (n) => n === 1,
    'the hub to record its trajectory',
  );

  const school = await createSchool(h.db, { name: 'Ontwikkelschool De Kiem' });
  const journey = await JourneyDriver.start({ db: h.db, client: h.env.client, taskQueue: h.taskQueue }, { brin: school.brin, track: 'ontwikkelschool' });
  const office = 'Anna Visser';
  await journey.act(recordConversationReport, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de verbetervraag van de school.',
    recordedBy: office,
  });
  await journey.act(recordIntakeOutcome, { outcome: 'ontwikkelschool', notes: '', recordedBy: office });
  await journey.openRound(openRoundAt(await h.env.currentTimeMs(), 30, { schoolYear, roundId: `ontwikkelscholen-${schoolYear}` }));
  await journey.reach('application');
  const text = 'Wij willen begrijpend lezen in alle groepen onderzoeksmatig verbeteren.';
  await journey.act(submitApplication, {
    participants: [schoolLeader, { name: 'Jan de Vries', email: 'j.devries@kiem.example', role: 'teacher' as const }],
    sections: { improvement_question: text, support_and_commitment: text },
    trajectories: [],
    otherSubsidies: [],
  });
  await journey.act(decideApplication, { decision: 'approved', reason: 'De verbetervraag past bij het aanbod.', decidedBy: office });
  await journey.reach('enrolment');
  return { journey, school, hubId, trajectoryId: trajectoryIdOf(hubId, 1) };
}

test('what reaches a journey while its run hands over to the next is not lost: a signal is carried over, an action is sent again', async () => {
  const { journey, hubId, trajectoryId } = await approvedOntwikkelschoolBesideAHub();
  // Every mail so far is out, so the next one the catcher holds is the enrolment's.
  await until(
    () => h.db.outboxMail.findMany({ where: { OR: [{ status: 'pending' }, { journeyId: journey.journeyId }] }, select: { status: true, purpose: true } }),
    (rows) => rows.some((r) => r.purpose.startsWith('trajectory-choice-requested')) && rows.every((r) => r.status === 'sent'),
    'every mail sent',
  );
  const held = h.mail.holdNextMail();

  // The school year is under way: with its place, the school's run ends at once and hands over to
  // its learning year, but the enrolment mail is not out yet, so the hand-over waits for it.
  const chosen = journey.act(chooseTrajectory, { trajectoryId });
  await held.held;

  // An action now is refused with a reason the API retries (executeJourneyUpdate), not lost.
  expect(await journey.refusal(cancelJourney, { reason: 'De school stopt met het programma.', cancelledBy: 'Anna Visser' })).toMatchObject({
    type: 'JourneyHandingOver',
  });

  // The office releases the school's place; the hub tells the journey by signal, mid-hand-over.
  await h.env.client.workflow
    .getHandle(hubId)
    .executeUpdate(releasePlace, { args: [{ trajectoryId, journeyId: journey.journeyId, reason: 'De school heeft afgezegd.', releasedBy: 'Anna Visser' }] });
  await until(
    () => journey.handle.fetchHistory(),
    (history) => (history.events ?? []).some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'placeWithdrawn'),
    'the signal in the history of the run handing over',
  );
  held.release();
  expect(await chosen).toMatchObject({ enrolment: { status: 'enrolled' } });

  // The learning year's run heard it: the place is gone, so the journey closes.
  const closed = await journey.reach('closed');
  expect(closed.outcome).toMatchObject({ outcome: 'dropped_out', reason: expect.stringContaining('ingetrokken') });
  await journey.recordHistories('ontwikkelschool-place-withdrawn-while-handing-over');
});

test("an Update's steps are stored together in its own workflow task, each once and in order, and its answer shows them on record", async () => {
  const office = 'Anna Visser';
  const school = await createSchool(h.db);
  const journey = await JourneyDriver.start({ db: h.db, client: h.env.client, taskQueue: h.taskQueue }, { brin: school.brin });
  await journey.act(recordConversationReport, { conductedOn: '2026-11-20', report: 'Verkennend gesprek over de aanpak van de school.', recordedBy: office });
  // The intake leads to more than one step: the outcome, then the journey waiting for a round.
  const view = await journey.act(recordIntakeOutcome, { outcome: 'expertschool', notes: '', recordedBy: office });
  expect(view).toMatchObject({ phase: 'awaiting_round', unrecordedSteps: 0 });

  const events = await h.db.auditEvent.findMany({ where: { journeyId: journey.journeyId }, orderBy: { seq: 'asc' } });
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(await h.db.journey.findUniqueOrThrow({ where: { id: journey.journeyId } })).toMatchObject({ phase: 'awaiting_round', lastStep: events.length });

  // No activity per step through the server: local activities (patch steps-stored-together), fewer than the steps.
  const history = (await journey.handle.fetchHistory()).events ?? [];
  expect(history.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordJourneyStep')).toEqual([]);
  const together = history.filter(
    (e) =>
      e.markerRecordedEventAttributes?.markerName === 'core_local_activity' &&
      (e.markerRecordedEventAttributes.details?.data?.payloads ?? []).some((p) =>
        Buffer.from(p.data ?? [])
          .toString()
          .includes('"recordJourneySteps"'),
      ),
  );
  expect(together.length).toBeGreaterThan(0);
  expect(together.length).toBeLessThan(events.length);
});
