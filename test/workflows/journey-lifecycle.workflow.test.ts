/**
 * The edges of a journey's runs on the time-skipping test server: what happens in its very first
 * moment, and what arrives while one run hands over to the next (continueAsNew).
 */
import { WithStartWorkflowOperation } from '@temporalio/client';
import { expertschoolJourney } from '../../workflows/expertschool-journey';
import { getJourney, journeyWorkflowId, planConversation, type ExpertschoolEntry, type JourneyInput } from '../../workflows/expertschool-journey.messages';
import type { School } from '../../domain/school';
import { createSchool } from '../support/fixtures';
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
