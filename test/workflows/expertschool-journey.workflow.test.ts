/**
 * Whole journeys on the time-skipping test server: months pass in seconds, with a real worker
 * writing real records to PostgreSQL.
 */
import { getHub, hubWorkflowId, recordHubOutcome } from '../../workflows/contracts/hub-year';
import { temporal } from '@temporalio/proto';
import { recordHistories } from '../support/histories';
import { until } from '../support/until';
import { schoolYearBounds } from '../../domain/school-year';
import {
  cancelJourney,
  decideApplication,
  planConversation,
  recordAspirantOutcome,
  recordConversationReport,
  recordIntakeOutcome,
  registerExpertTeam,
  respondToConversation,
  saveApplicationDraft,
  submitApplication,
} from '../../workflows/contracts/journey';
import { completeApplication, createSchool, openRoundAt, schoolLeader } from '../support/fixtures';
import { JourneyDriver } from '../support/journey-driver';
import { startTimeSkippingHarness, TEST_PUBLIC_URL, type TimeSkippingHarness } from '../support/time-skipping';

const DAY = 24 * 60 * 60 * 1000;
let h: TimeSkippingHarness;

beforeAll(async () => {
  h = await startTimeSkippingHarness();
});
afterAll(async () => {
  await h?.close();
});

const office = 'Anna Visser';
const report = { conductedOn: '2026-11-20', report: 'Verkennend gesprek: de school werkt al jaren onderzoeksmatig aan lezen.', recordedBy: office };
const expertTeam = [schoolLeader, { name: 'Jan de Vries', email: 'j.devries@regenboog.example', role: 'teacher' as const }];

async function startedJourney(options: { hasAspirantYearBehind?: boolean; inspectionRating?: 'goed' | 'onvoldoende' | 'zeer_zwak' } = {}) {
  const school = await createSchool(h.db, { inspectionRating: options.inspectionRating ?? 'goed' });
  const journey = await JourneyDriver.start(
    { db: h.db, client: h.env.client, taskQueue: h.taskQueue },
    { brin: school.brin, hasAspirantYearBehind: options.hasAspirantYearBehind },
  );
  return { school, journey };
}

/** Conversation and intake done, a round open: the school can apply. */
async function journeyInOpenRound(options: Parameters<typeof startedJourney>[0] = {}) {
  const { school, journey } = await startedJourney(options);
  await journey.act(recordConversationReport, report);
  await journey.act(recordIntakeOutcome, { outcome: 'expertschool', notes: '', recordedBy: office });
  const round = openRoundAt(await h.env.currentTimeMs());
  await journey.openRound(round);
  await journey.reach('application');
  return { school, journey, round };
}

// First in the file: it skips a month while no other test's journeys, hubs and their timers are
// on the server yet (with them, the time-skipping server can fail to reach the deadline in time).
test('a school that misses the deadline waits for the next round and keeps what it wrote', async () => {
  const { journey, round } = await journeyInOpenRound();
  const form = completeApplication();
  await journey.act(saveApplicationDraft, { participants: form.participants, trajectories: form.trajectories });

  await h.env.sleep(Date.parse(round.closesAt) - (await h.env.currentTimeMs()) + 1_000);
  const waiting = await journey.reach('awaiting_round');
  expect(waiting.waitingFor).toBe('round');
  // One second after closing, an application is refused with the reason.
  const late = await journey.refusal(submitApplication, form);
  expect(late).toMatchObject({
    type: 'ActionNotAllowedNow',
    message: 'Er is nu geen subsidieronde open: aanvragen kan weer zodra de volgende ronde opengaat. De school krijgt daarover bericht.',
  });

  const next = openRoundAt(await h.env.currentTimeMs(), 30, { roundId: 'next-round' });
  await journey.openRound(next);
  const resumed = await journey.reach('application', (v) => v.application?.roundId === 'next-round');
  expect(resumed.application).toMatchObject({ status: 'draft', participants: form.participants, trajectories: form.trajectories });
  const events = await h.db.auditEvent.findMany({
    where: { journeyId: journey.journeyId, type: { in: ['round_joined', 'round_missed'] } },
    orderBy: { seq: 'asc' },
  });
  expect(events.map((e) => e.type)).toEqual(['round_joined', 'round_missed', 'round_joined']);

  await journey.recordHistories('misses-a-round');
});

test('a draft stored in PostgreSQL goes to the journey by reference: recorded with its content, absent from the history', async () => {
  const { journey } = await journeyInOpenRound();
  const form = completeApplication();
  const plan = 'Ons plan: elke week samen lezen met de onderbouw, en daarover leren met andere scholen.';
  const content = {
    participants: form.participants,
    sections: { ...form.sections, improvement_question: plan },
    trajectories: form.trajectories,
    otherSubsidies: [],
  };
  const draftId = `${journey.journeyId}/stored-draft`;
  await h.db.stagedDraft.create({ data: { id: draftId, journeyId: journey.journeyId, content } });

  const saved = await journey.act(saveApplicationDraft, { draftId });
  expect(saved.application).toMatchObject({ status: 'draft', draftId });
  const stored = await until(
    () => h.db.activityPlanSection.findFirst({ where: { applicationId: saved.application!.id, key: 'improvement_question' } }),
    (section) => section?.content === plan,
    'the stored draft to be recorded in the application',
  );
  expect(stored?.content).toBe(plan);
  // The history's bytes, as the server keeps them: the draft's id is there, its text is not.
  const history = Buffer.from(temporal.api.history.v1.History.encode(await journey.handle.fetchHistory()).finish());
  expect(history.includes(draftId)).toBe(true);
  expect(history.includes(plan)).toBe(false);

  expect(await journey.act(submitApplication, form)).toMatchObject({ phase: 'decision', application: { status: 'submitted' } });
  await journey.recordHistories('application-draft-by-reference');
});

test('the school answers the invitation and names its expert team through links it is mailed', async () => {
  const { school, journey } = await startedJourney();
  const now = await h.env.currentTimeMs();
  const plan = { durationMinutes: 60, location: 'Dorpsstraat 1, Utrecht', plannedBy: office };

  const past = await journey.refusal(planConversation, { ...plan, startsAt: new Date(now - DAY).toISOString() });
  expect(past).toMatchObject({ type: 'InvalidInput', issues: [{ path: ['startsAt'], message: 'Kies een moment in de toekomst.' }] });
  expect(await journey.refusal(respondToConversation, { answer: 'confirm', note: '' })).toMatchObject({ type: 'ActionNotAllowedNow' });

  const firstMoment = new Date(now + 7 * DAY).toISOString();
  const planned = await journey.act(planConversation, { ...plan, startsAt: firstMoment });
  expect(planned).toMatchObject({
    waitingFor: 'school',
    nextDeadline: firstMoment,
    allowedActions: ['planConversation', 'respondToConversation', 'recordConversationReport', 'cancelJourney'],
  });
  const invitation = await h.mail.waitFor((m) => m.to === school.contactEmail && m.subject.startsWith('Uitnodiging: verkennend gesprek'));
  expect(invitation.text).toMatch(new RegExp(`${TEST_PUBLIC_URL}/s/[A-Za-z0-9_-]{43}`));

  const noNote = await journey.refusal(respondToConversation, { answer: 'other_moment', note: '' });
  expect(noNote.issues).toEqual([{ path: ['note'], message: 'Laat weten welke momenten u wel uitkomen.' }]);
  const other = await journey.act(respondToConversation, { answer: 'other_moment', note: 'Liever op een dinsdag.' });
  expect(other).toMatchObject({ waitingFor: 'office', nextDeadline: null, allowedActions: ['planConversation', 'recordConversationReport', 'cancelJourney'] });
  expect(await journey.refusal(respondToConversation, { answer: 'confirm', note: '' })).toMatchObject({ message: 'Op deze uitnodiging is al geantwoord.' });

  const secondMoment = new Date(now + 9 * DAY).toISOString();
  await journey.act(planConversation, { ...plan, startsAt: secondMoment });
  const confirmed = await journey.act(respondToConversation, { answer: 'confirm', note: '' });
  expect(confirmed).toMatchObject({ waitingFor: 'office', nextDeadline: secondMoment, plannedConversation: { number: 2, response: { answer: 'confirm' } } });
  await h.mail.waitFor((m) => m.to === school.contactEmail && m.subject.startsWith('Nieuw moment: verkennend gesprek'));

  await journey.act(recordConversationReport, report);
  await journey.act(recordIntakeOutcome, { outcome: 'expertschool', notes: '', recordedBy: office });
  const round = openRoundAt(await h.env.currentTimeMs());
  await journey.openRound(round);
  await journey.reach('application');
  await journey.act(submitApplication, completeApplication());
  await journey.act(decideApplication, { decision: 'approved', reason: 'Voldoet aan alle criteria van de regeling.', decidedBy: office });
  await h.env.sleep(schoolYearBounds(round.schoolYear).start.getTime() - (await h.env.currentTimeMs()) + DAY);
  await journey.reach('aspirant_year');

  // The aspirant year asks for the expert team, by mail, with a link for that step.
  const ask = await h.mail.waitFor((m) => m.to === school.contactEmail && m.subject === `Geef uw expertteam door voor het aspirantjaar ${round.schoolYear}`);
  expect(ask.text).toMatch(new RegExp(`${TEST_PUBLIC_URL}/s/[A-Za-z0-9_-]{43}`));
  const links = await h.db.linkToken.findMany({ where: { journeyId: journey.journeyId }, orderBy: { createdAt: 'asc' } });
  expect(links.map((l) => [l.purpose, l.singleUse, l.revokedAt !== null])).toEqual([
    ['conversation', true, true], // replaced by the new moment's link
    ['conversation', true, false],
    ['application', false, false],
    ['expert-team', true, false],
  ]);
  expect(await journey.act(registerExpertTeam, { members: expertTeam })).toMatchObject({ waitingFor: 'calendar', expertTeam });
  await journey.recordHistories('school-acts-through-links-with-round-attribute');
});

test('a new school goes from its first conversation through the aspirant year to its hub year', async () => {
  const { school, journey } = await startedJourney();
  expect(await journey.state()).toMatchObject({
    phase: 'conversation',
    waitingFor: 'office',
    allowedActions: ['planConversation', 'recordConversationReport', 'cancelJourney'],
  });

  const afterReport = await journey.act(recordConversationReport, report);
  expect(afterReport).toMatchObject({ phase: 'intake', conversation: { kind: 'exploratory' } });

  const afterIntake = await journey.act(recordIntakeOutcome, { outcome: 'expertschool', notes: 'Past bij de expertroute.', recordedBy: office });
  expect(afterIntake).toMatchObject({ phase: 'awaiting_round', waitingFor: 'round' });

  const round = openRoundAt(await h.env.currentTimeMs());
  await journey.openRound(round);
  const applying = await journey.reach('application');
  expect(applying).toMatchObject({ waitingFor: 'school', nextDeadline: round.closesAt, application: { status: 'draft', roundId: round.roundId } });

  // A half-filled application is kept, and the rest is added later.
  const form = completeApplication();
  await journey.act(saveApplicationDraft, { participants: form.participants });
  const submitted = await journey.act(submitApplication, form);
  expect(submitted).toMatchObject({ phase: 'decision', waitingFor: 'office', application: { status: 'submitted', amountEuros: 120_416 } });

  const approved = await journey.act(decideApplication, { decision: 'approved', reason: 'Voldoet aan alle criteria van de regeling.', decidedBy: office });
  const { start, end } = schoolYearBounds(round.schoolYear);
  expect(approved).toMatchObject({ phase: 'approved', waitingFor: 'calendar', nextDeadline: start.toISOString(), schoolYear: round.schoolYear });

  // The school year starts: a new run, the aspirant year.
  await h.env.sleep(start.getTime() - (await h.env.currentTimeMs()) + DAY);
  const aspirant = await journey.reach('aspirant_year');
  expect(aspirant).toMatchObject({ waitingFor: 'school', nextDeadline: end.toISOString(), schoolYear: round.schoolYear });

  expect(await journey.act(registerExpertTeam, { members: expertTeam })).toMatchObject({ waitingFor: 'calendar', expertTeam });
  await journey.act(recordAspirantOutcome, { outcome: 'expertschool', reason: 'De aanpak is overdraagbaar gemaakt.', recordedBy: office });
  expect(await journey.state()).toMatchObject({ phase: 'aspirant_year' }); // takes effect at year end

  await h.env.sleep(end.getTime() - (await h.env.currentTimeMs()) + DAY);
  const hub = await journey.reach('hub_year');
  expect(hub).toMatchObject({ hasAspirantYearBehind: true, expertTeam, application: { trajectories: form.trajectories } });
  expect(hub.schoolYear).not.toBe(round.schoolYear);

  // The hub year runs as its own workflow, offering the trajectories of the application; the
  // office decides before the year ends that the expertschool continues.
  const hubYear = h.env.client.workflow.getHandle(hubWorkflowId(school.brin, hub.schoolYear!));
  const hubView = await until(
    () => hubYear.query(getHub).catch(() => undefined),
    (v) => v !== undefined,
    'the hub year to start',
  );
  expect(hubView!.trajectories.map((t) => [t.title, t.places])).toEqual(form.trajectories.map((t) => [t.title, t.places]));
  await hubYear.executeUpdate(recordHubOutcome, { args: [{ outcome: 'continue', reason: 'Een goed jaar; de school vraagt opnieuw aan.', decidedBy: office }] });

  // After the hub year, the next programme year starts with an evaluation conversation.
  await h.env.sleep(schoolYearBounds(hub.schoolYear!).end.getTime() - (await h.env.currentTimeMs()) + DAY);
  const nextYear = await journey.reach('conversation', (v) => v.cycle === 1);
  expect(nextYear).toMatchObject({ hasAspirantYearBehind: true, allowedActions: ['planConversation', 'recordConversationReport', 'cancelJourney'] });
  const evaluation = await journey.act(recordConversationReport, report);
  expect(evaluation.conversation?.kind).toBe('evaluation');

  // The record in PostgreSQL follows every step.
  const record = await h.db.journey.findUniqueOrThrow({ where: { id: journey.journeyId } });
  expect(record).toMatchObject({ brin: school.brin, phase: 'intake', cycle: 1, outcome: null });
  const application = await h.db.application.findFirstOrThrow({
    where: { journeyId: journey.journeyId },
    include: { participants: true, trajectories: true, sections: true },
  });
  expect(application).toMatchObject({ status: 'approved', amountEuros: 120_416, decidedBy: office });
  expect(application.participants).toHaveLength(4);
  expect(application.trajectories.map((t) => t.places)).toEqual([6, 4]);
  expect(application.sections).toHaveLength(7);
  const aspirantYear = await h.db.aspirantYear.findFirstOrThrow({ where: { journeyId: journey.journeyId }, include: { expertTeam: true } });
  expect(aspirantYear).toMatchObject({ schoolYear: round.schoolYear, outcome: 'expertschool' });
  expect(aspirantYear.expertTeam).toHaveLength(2);
  expect(await h.db.conversation.count({ where: { journeyId: journey.journeyId } })).toBe(2);

  const events = await h.db.auditEvent.findMany({ where: { journeyId: journey.journeyId }, orderBy: { seq: 'asc' } });
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1)); // every step, once, in order
  expect(events.map((e) => e.type)).toEqual(
    expect.arrayContaining([
      'journey_started',
      'conversation_recorded',
      'intake_recorded',
      'round_joined',
      'application_saved',
      'application_decided',
      'expert_team_registered',
      'aspirant_outcome_recorded',
    ]),
  );
  expect(events.find((e) => e.type === 'application_decided')?.actor).toBe(office);

  await journey.recordHistories('new-school-to-hub-year-and-its-hub');
  await recordHistories(h.env.client, hubYear.workflowId, 'hub-year-continues');
  // Recorded again since a workflow task's steps are stored together (patch steps-stored-together).
  await journey.recordHistories('new-school-to-hub-year-steps-stored-together');
  await recordHistories(h.env.client, hubYear.workflowId, 'hub-year-continues-steps-stored-together');
});

test('a school back from its aspirant year has an evaluation conversation, a shorter plan, and goes straight to its hub year', async () => {
  const { journey, round } = await journeyInOpenRound({ hasAspirantYearBehind: true });
  const state = await journey.state();
  expect(state.conversation?.kind).toBe('evaluation');

  // The plan of a returning aspirant needs its evaluation report, not the evidence sections.
  const withoutReport = completeApplication(true);
  delete withoutReport.sections.evaluation_conversation_report;
  const refusal = await journey.refusal(submitApplication, withoutReport);
  expect(refusal.issues).toEqual([
    {
      path: ['sections', 'evaluation_conversation_report'],
      message: 'Het activiteitenplan mist de sectie "Verslag van het evaluatiegesprek".',
      code: 'missing_section',
    },
  ]);

  await journey.act(submitApplication, completeApplication(true));
  await journey.act(decideApplication, { decision: 'approved', reason: 'Het evaluatiegesprek was positief.', decidedBy: office });
  await h.env.sleep(schoolYearBounds(round.schoolYear).start.getTime() - (await h.env.currentTimeMs()) + DAY);
  const hub = await journey.reach('hub_year');
  expect(hub).toMatchObject({ schoolYear: round.schoolYear, waitingFor: 'calendar' });

  await journey.recordHistories('returning-aspirant-to-hub-year');
});

test('an aspirant that drops out leaves the programme at once, with the reason on record', async () => {
  const { journey, round } = await journeyInOpenRound();
  await journey.act(submitApplication, completeApplication());
  await journey.act(decideApplication, { decision: 'approved', reason: 'Voldoet aan alle criteria.', decidedBy: office });
  await h.env.sleep(schoolYearBounds(round.schoolYear).start.getTime() - (await h.env.currentTimeMs()) + DAY);
  await journey.reach('aspirant_year');

  const reason = 'De aanpak bleek binnen het jaar niet overdraagbaar te maken.';
  const closed = await journey.act(recordAspirantOutcome, { outcome: 'dropped_out', reason, recordedBy: office });
  expect(closed).toMatchObject({ phase: 'closed', outcome: { outcome: 'dropped_out', reason }, allowedActions: [] });
  expect(await journey.handle.result()).toEqual({ outcome: 'dropped_out', reason });
  expect(await h.db.journey.findUnique({ where: { id: journey.journeyId } })).toMatchObject({ phase: 'closed', outcome: 'dropped_out' });

  await journey.recordHistories('aspirant-drops-out');
});

test('the office rejects an application, with a reason', async () => {
  const { journey } = await journeyInOpenRound();
  await journey.act(submitApplication, completeApplication());
  const reason = 'Onvoldoende onderbouwing van de resultaten.';
  const rejected = await journey.act(decideApplication, { decision: 'rejected', reason, decidedBy: office });
  expect(rejected).toMatchObject({ phase: 'closed', application: { status: 'rejected' }, outcome: { outcome: 'rejected', reason } });
  expect(await h.db.application.findFirst({ where: { journeyId: journey.journeyId } })).toMatchObject({ status: 'rejected', decisionReason: reason });

  await journey.recordHistories('office-rejects');
  // Recorded again since the round is read by a local activity (patch round-read-locally).
  await journey.recordHistories('office-rejects-round-read-locally');
});

test('an intake that routes the school elsewhere closes the expertschool journey', async () => {
  const { journey } = await startedJourney();
  await journey.act(recordConversationReport, report);
  const closed = await journey.act(recordIntakeOutcome, { outcome: 'ontwikkelschool', notes: 'Beter als ontwikkelschool.', recordedBy: office });
  expect(closed).toMatchObject({ phase: 'closed', outcome: { outcome: 'referred' } });
});

describe('eligibility: each failure is refused with its reason, and nothing is written', () => {
  const cases = [
    {
      name: '3 participants',
      form: () => completeApplication(false, { participants: completeApplication().participants.slice(0, 3) }),
      code: 'too_few_participants',
      message: 'Er doen minstens 4 mensen van de school mee; u noemt er 3.',
    },
    {
      name: 'no school leader',
      form: () => completeApplication(false, { participants: completeApplication().participants.map((p) => ({ ...p, role: 'teacher' as const })) }),
      code: 'no_school_leader',
      message: 'Minstens één deelnemer is schoolleider.',
    },
    {
      name: '7 places in a trajectory',
      form: () => completeApplication(false, { trajectories: [{ title: 'Begrijpend lezen', places: 7 }] }),
      code: 'too_many_places',
      message: 'Een leertraject heeft hoogstens 6 plaatsen voor ontwikkelscholen; "Begrijpend lezen" heeft er 7.',
    },
    {
      name: 'another Ontwikkelkracht subsidy',
      form: () => completeApplication(false, { otherSubsidies: ['groeikracht'] }),
      code: 'excluded_by_other_subsidy',
      message: 'Een school die al subsidie ontvangt voor Groeikracht kan deze subsidie niet aanvragen.',
    },
    {
      name: 'a missing section of the activity plan',
      form: () => {
        const form = completeApplication();
        delete form.sections.evidence_of_research_culture;
        return form;
      },
      code: 'missing_section',
      message: 'Het activiteitenplan mist de sectie "Aantoonbaar goede onderzoeks- en verbetercultuur".',
    },
  ];

  test.each(cases)('$name', async ({ form, code, message }) => {
    const { journey } = await journeyInOpenRound();
    const refusal = await journey.refusal(submitApplication, form());
    expect(refusal).toMatchObject({ type: 'NotEligible', message });
    expect(refusal.issues.map((i) => i.code)).toEqual([code]);
    expect(await journey.state()).toMatchObject({ phase: 'application', application: { status: 'draft', participants: [] } });
    expect(await h.db.applicationParticipant.count({ where: { application: { journeyId: journey.journeyId } } })).toBe(0);
  });

  test.each([
    ['onvoldoende', 'onvoldoende'],
    ['zeer_zwak', 'zeer zwak'],
  ] as const)('an inspection rating of %s', async (inspectionRating, label) => {
    const { journey } = await journeyInOpenRound({ inspectionRating });
    const refusal = await journey.refusal(submitApplication, completeApplication());
    expect(refusal.message).toBe(`De Inspectie van het Onderwijs beoordeelde de kwaliteit van de school als "${label}"; dan is deze subsidie niet mogelijk.`);
  });

  test('several failures are reported together', async () => {
    const { journey } = await journeyInOpenRound();
    const form = completeApplication(false, { participants: [{ ...schoolLeader, role: 'teacher' }], trajectories: [{ title: 'Lezen', places: 9 }] });
    const refusal = await journey.refusal(submitApplication, form);
    expect(refusal.issues.map((i) => i.code)).toEqual(['too_few_participants', 'no_school_leader', 'too_many_places']);
  });
});

test('wrong types and actions out of turn are refused with a reason', async () => {
  const { journey } = await startedJourney();
  const outOfTurn = await journey.refusal(decideApplication, { decision: 'approved', reason: 'Alles is in orde hier.', decidedBy: office });
  expect(outOfTurn).toMatchObject({ type: 'ActionNotAllowedNow', message: 'Dit kan nu niet: de reis van Basisschool De Regenboog is in de fase "gesprek".' });

  const wrongTypes = await journey.refusal(recordConversationReport, { conductedOn: 'gisteren', report: 42, recordedBy: office } as never);
  expect(wrongTypes.type).toBe('InvalidInput');
  expect(wrongTypes.issues.map((i) => i.path)).toEqual([['conductedOn'], ['report']]);
  expect(await journey.state()).toMatchObject({ phase: 'conversation', conversation: null });
});

test('the office can stop a journey at any phase, with a reason', async () => {
  const { journey } = await journeyInOpenRound();
  const reason = 'De school heeft zich teruggetrokken.';
  const stopped = await journey.act(cancelJourney, { reason, cancelledBy: office });
  expect(stopped).toMatchObject({ phase: 'closed', outcome: { outcome: 'cancelled', reason } });
  expect(await journey.handle.result()).toEqual({ outcome: 'cancelled', reason });
  const closedEvent = await h.db.auditEvent.findFirstOrThrow({ where: { journeyId: journey.journeyId, type: 'journey_closed' } });
  expect(closedEvent.actor).toBe(office);
});
