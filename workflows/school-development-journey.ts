/**
 * A VO school's school development trajectory (in the style of Voortgezet Leren, 1.5 years), in
 * one cohort:
 *
 *   registration (the school leader sends themes, self-evaluation and who leads, by link;
 *     first come, first served: a place, or the waiting list until a place comes free or the kick-off)
 *   → intake (the office records its outcome: 'ontwikkelschool' goes on, anything else refers)
 *   → grouping (until the office confirms the school's development group)
 *   → preparation (the kick-off before summer, then the start day in September)
 *   → execution (a new run from the start day: interim evaluations every half year and a final
 *     one at 18 months, each by link with reminders, marked missed when not answered)
 *   → closed as completed when the final evaluation is due.
 *
 * The cohort's workflow holds the places and the groups; the journey asks it through activities
 * and hears back through signals (development-cohort.messages.ts).
 */
import { condition, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { SubmitRegistration, type CohortInput, type RegistrationView } from '../domain/cohort';
import { developmentThemeLabel } from '../domain/development-groups';
import type { FormRequestView } from '../domain/forms';
import { RecordIntakeOutcome, intakeOutcomeLabel } from '../domain/journey';
import { actionOpenWhen, developmentEvaluations, tracks } from '../domain/tracks';
import { cohortPlaceGranted, cohortPositionChanged, groupAssigned } from './contracts/development-cohort';
import { recordIntakeOutcome, submitRegistration, type JourneyInput, type JourneyResult } from './contracts/journey';
import { RefusalType } from './contracts/refusals';
import { type SchoolDevelopmentEntry } from './contracts/school-development-journey';
import { formSteps } from './journey/forms';
import { beginJourneyRun } from './journey/kernel';
import { retry } from './toolkit';

const { requestCohortPlace, completeCohortIntake, leaveCohortPlace } = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry });

function openRegistration(cohort: CohortInput): RegistrationView {
  return {
    cohortId: cohort.cohortId,
    cohortName: cohort.name,
    theme: null,
    secondTheme: null,
    schoolLeader: null,
    submittedAt: null,
    place: 'open',
    position: null,
    registrationClosesAt: cohort.registrationClosesAt,
    kickOffOn: cohort.kickOffOn,
    startDayOn: cohort.startDayOn,
  };
}

export async function schoolDevelopmentJourney(input: JourneyInput<SchoolDevelopmentEntry>): Promise<JourneyResult> {
  const { entry, cycle, journeyId } = input;
  const { cohort } = entry;
  const journey = beginJourneyRun('schoolontwikkeling', input, {
    phase: entry.stage,
    schoolYear: cohort.schoolYear,
    registration: entry.stage === 'registration' ? openRegistration(cohort) : entry.registration,
    developmentGroup: entry.stage === 'execution' ? entry.developmentGroup : null,
    forms: entry.stage === 'execution' ? entry.forms : [],
  });
  const { state, school, onAction, onSignal, onlyWhen, record, notify, enter, refuse, waitFor, waitUntil, sleepUntil, close, nextRun, now } = journey;
  const { askForms } = formSteps(journey);
  const registration = () => state.registration!;

  // ---- registration: the school leader's form, then a place (or a place in line) in the cohort ----
  /** Set while the cohort answers a submission, so a second one is refused. */
  let submitting = false;
  /**
   * The cohort's news that arrives while it answers the submission (a place granted, a new place in
   * line): kept, and applied with the answer, instead of dropped.
   */
  let early: { granted: boolean; position: number | null } | null = null;
  const COHORT_RACES = 'cohort-registration-races';
  const registrationOpen = () => Date.now() < Date.parse(cohort.registrationClosesAt);
  onlyWhen('submitRegistration', () => actionOpenWhen.submitRegistration(state, Date.now()) && !submitting);

  onAction(
    submitRegistration,
    SubmitRegistration,
    async ({ theme, secondTheme, selfEvaluation, schoolLeader }) => {
      const submittedAt = now();
      submitting = true;
      const news = patched(COHORT_RACES) ? { granted: false, position: null as number | null } : null;
      early = news;
      const answer = await requestCohortPlace({
        cohortId: cohort.cohortId,
        journeyId,
        brin: school.brin,
        schoolName: school.name,
        theme,
        secondTheme,
        submittedAt,
      }).finally(() => {
        submitting = false;
        early = null;
      });
      if (answer.status === 'refused') return refuse(RefusalType.notNow, answer.message);
      if (answer.status === 'waiting' && news?.granted) placeGranted = true;
      const placed = answer.status === 'enrolled';
      state.registration = {
        ...registration(),
        theme,
        secondTheme,
        schoolLeader,
        submittedAt,
        place: placed ? 'placed' : 'waiting',
        position: answer.status === 'waiting' ? (news?.position ?? answer.position) : null,
      };
      const selfEvaluation_: FormRequestView = {
        kind: 'self_evaluation',
        scope: cohort.cohortId,
        requestedAt: submittedAt,
        dueAt: cohort.registrationClosesAt,
        status: 'answered',
        remindersSent: 0,
        answer: { scores: selfEvaluation.scores, remarks: selfEvaluation.remarks, at: submittedAt },
      };
      state.forms = [...state.forms, selfEvaluation_];
      await record({ type: 'registration_submitted', registration: state.registration, selfEvaluation: selfEvaluation_ }, 'school');
    },
    () => {
      if (registration().submittedAt !== null || submitting) refuse(RefusalType.notNow, 'De aanmelding is al verstuurd.');
      if (!registrationOpen()) refuse(RefusalType.notNow, `De aanmelding voor ${cohort.name} is gesloten.`);
    },
  );

  let placeGranted = false;
  onSignal(cohortPlaceGranted, ({ cohortId }) => {
    if (cohortId !== cohort.cohortId) return;
    if (registration().place === 'waiting') placeGranted = true;
    else if (early) early.granted = true;
  });
  onSignal(cohortPositionChanged, ({ cohortId, position }) => {
    if (cohortId !== cohort.cohortId) return;
    if (registration().place === 'waiting') state.registration = { ...registration(), position };
    else if (early) early.position = position;
  });

  // ---- intake: registered alone (the track has no conversation) ----
  onAction(recordIntakeOutcome, RecordIntakeOutcome, async ({ outcome, notes, recordedBy }) => {
    state.intake = { outcome, notes, recordedBy };
    await record({ type: 'intake_recorded', outcome, notes }, recordedBy);
  });

  // ---- grouping: the cohort tells the school its group once the office confirmed it ----
  onSignal(groupAssigned, (group) => {
    // In intake too: the cohort may confirm the group in the moment between telling it the intake passed and entering grouping.
    if ((state.phase === 'intake' || state.phase === 'grouping') && state.developmentGroup === null) state.developmentGroup = group;
  });

  const leave = (reason: string) => leaveCohortPlace({ cohortId: cohort.cohortId, journeyId, reason });

  async function register(): Promise<JourneyResult | null> {
    if (cycle === 0) void record({ type: 'journey_started', hasAspirantYearBehind: false }, 'system');
    await enter('registration', 'school', cohort.registrationClosesAt);
    notify({ kind: 'registration-requested', cohortId: cohort.cohortId, cohortName: cohort.name, closesAt: cohort.registrationClosesAt });
    const submitted = () => registration().submittedAt !== null;
    if (!(await waitUntil(submitted, cohort.registrationClosesAt))) {
      // A submission the cohort is still answering at the deadline counts: it arrived in time.
      await waitFor(() => !submitting);
      if (!submitted()) return close('dropped_out', `De school heeft zich niet aangemeld vóór de sluiting van ${cohort.name}.`, 'system');
    }
    if (registration().place === 'waiting') {
      // On the waiting list: a place that comes free before the kick-off goes to the first in line.
      await enter('registration', 'place', cohort.kickOffAt);
      if (!(await waitUntil(() => placeGranted, cohort.kickOffAt))) {
        await leave('Geen plaats vrijgekomen vóór de kick-off.');
        return close('dropped_out', `Er kwam vóór de kick-off geen plaats vrij in ${cohort.name}.`, 'system');
      }
      state.registration = { ...registration(), place: 'placed', position: null };
      await record({ type: 'cohort_place_granted', registration: state.registration }, 'system');
    }
    return null;
  }

  async function flow(): Promise<JourneyResult> {
    if (entry.stage === 'registration') {
      const closed = await register();
      if (closed) return closed;

      await enter('intake', 'office', null);
      await waitFor(() => state.intake !== null);
      const intake = state.intake!;
      if (intake.outcome !== tracks.schoolontwikkeling.continuesOnIntake) {
        await leave('Na de intake doorverwezen.');
        return close('referred', `Na de intake doorverwezen: ${intakeOutcomeLabel[intake.outcome]}.`, intake.recordedBy);
      }
      await completeCohortIntake({ cohortId: cohort.cohortId, journeyId });

      await enter('grouping', 'office', null);
      await waitFor(() => state.developmentGroup !== null);
      const group = state.developmentGroup!;

      // Preparation: the kick-off before the summer, then the start day; both shown as the next deadline.
      notify({ kind: 'development-group-assigned', cohortName: cohort.name, group });
      const kickOffAhead = Date.now() < Date.parse(cohort.kickOffAt);
      await enter('preparation', 'calendar', kickOffAhead ? cohort.kickOffAt : cohort.startDayAt, { type: 'development_group_assigned', group });
      if (kickOffAhead) {
        await sleepUntil(cohort.kickOffAt);
        await enter('preparation', 'calendar', cohort.startDayAt);
      }
      await sleepUntil(cohort.startDayAt);
      return nextRun({ stage: 'execution', cohort, registration: registration(), developmentGroup: group, forms: state.forms });
    }

    // Execution: from the start day until the final evaluation is due.
    const evaluations = developmentEvaluations(cohort.startDayAt);
    const end = evaluations[evaluations.length - 1]!.dueAt;
    await enter('execution', 'calendar', end);
    const forms = askForms(evaluations);
    await sleepUntil(end);
    await forms;
    const theme = developmentThemeLabel[entry.developmentGroup.theme];
    return close('completed', `Schoolontwikkeltraject afgerond in de ontwikkelgroep ${theme} van ${cohort.name}.`, 'system');
  }

  // A school that stops gives its place (or place in line) to the next; the cohort ignores one it does not know.
  return journey.run(flow, async () => {
    // A submission the cohort is still answering may bring a place: wait for it, then leave that too.
    if (patched(COHORT_RACES)) await condition(() => !submitting);
    if (registration().submittedAt !== null && state.phase !== 'execution') await leave('De school is gestopt.');
  });
}
