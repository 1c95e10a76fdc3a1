/**
 * One school's journey towards, and through, being an expertschool.
 *
 *   conversation → intake → (awaiting a round) → application → decision → approved
 *     → aspirant year → hub year → (next programme year: evaluation conversation → …)
 *
 * A school that did the aspirant year skips it and goes from approval to its hub year. Every
 * school-year boundary starts a new run (continueAsNew), so a history holds at most one year.
 * The hub year runs as its own workflow (hub-year.ts): the trajectories, the ontwikkelscholen in
 * them, and the office's end-of-year outcome, which decides whether the journey continues.
 */
import { ParentClosePolicy, patched, startChild } from '@temporalio/workflow';
import { RecordAspirantOutcome, RegisterExpertTeam } from '../domain/journey';
import { nextSchoolYear, schoolYearBounds } from '../domain/school-year';
import { recordAspirantOutcome, registerExpertTeam, type JourneyInput, type JourneyResult } from './contracts/journey';
import { RefusalType } from './contracts/refusals';
import { type ExpertschoolEntry } from './contracts/expertschool-journey';
import { hubYear } from './hub/hub-year';
import { hubStopped, hubWorkflowId, type HubResult } from './contracts/hub-year';
import { conversationSteps } from './journey/conversation';
import { beginJourneyRun, type Journey } from './journey/kernel';
import { subsidyApplication } from './journey/subsidy-application';
import { tell } from './toolkit';

export async function expertschoolJourney(input: JourneyInput<ExpertschoolEntry>): Promise<JourneyResult> {
  const { entry, cycle } = input;
  const journey = beginJourneyRun('expertschool', input, {
    phase: entry.stage === 'conversation' ? 'conversation' : entry.stage,
    application: entry.stage === 'conversation' ? null : entry.application,
    schoolYear: entry.stage === 'conversation' ? null : entry.schoolYear,
    expertTeam: entry.stage === 'hub_year' ? entry.expertTeam : [],
  });
  const { state, enter, record, notify, waitFor, waitUntil, sleepUntil, close, nextRun } = journey;
  conversationSteps(journey);
  const { applyForSubsidy } = subsidyApplication(journey as Journey & { track: 'expertschool' });
  aspirantYearSteps(journey);

  async function flow(): Promise<JourneyResult> {
    switch (entry.stage) {
      case 'conversation': {
        if (cycle === 0) void record({ type: 'journey_started', hasAspirantYearBehind: input.hasAspirantYearBehind }, 'system');
        const granted = await applyForSubsidy();
        if ('outcome' in granted) return granted;
        state.schoolYear = granted.schoolYear;
        const { start } = schoolYearBounds(granted.schoolYear);
        await enter('approved', 'calendar', start.toISOString());
        await sleepUntil(start.toISOString());
        return nextRun(
          input.hasAspirantYearBehind
            ? { stage: 'hub_year', schoolYear: granted.schoolYear, application: granted, expertTeam: [] }
            : { stage: 'aspirant_year', schoolYear: granted.schoolYear, application: granted },
        );
      }
      case 'aspirant_year': {
        const end = schoolYearBounds(entry.schoolYear).end.toISOString();
        await enter('aspirant_year', 'school', end);
        // Journeys that entered the aspirant year before schools had links were not asked by mail.
        if (patched('expert-team-link')) notify({ kind: 'expert-team-requested', schoolYear: entry.schoolYear });
        // A school that drops out does so at once; becoming an expertschool takes effect at year end.
        await waitUntil(() => state.aspirantOutcome?.outcome === 'dropped_out', end);
        if (state.aspirantOutcome === null) {
          // The year is over and the office has not said how it went: that is now on the office.
          await enter('aspirant_year', 'office', end);
          await waitFor(() => state.aspirantOutcome !== null);
        }
        const { outcome: yearOutcome, reason, recordedBy } = state.aspirantOutcome!;
        if (yearOutcome === 'dropped_out') return close('dropped_out', reason, recordedBy);
        return nextRun(
          { stage: 'hub_year', schoolYear: nextSchoolYear(entry.schoolYear), application: entry.application, expertTeam: state.expertTeam },
          { hasAspirantYearBehind: true },
        );
      }
      case 'hub_year': {
        const end = schoolYearBounds(entry.schoolYear).end.toISOString();
        await enter('hub_year', 'calendar', end);
        if (!patched('hub-year-workflow')) {
          // Hub years begun before hubs were workflows of their own simply run their course.
          await sleepUntil(end);
          return nextRun({ stage: 'conversation' }, { cycle: cycle + 1 });
        }
        const hubId = hubWorkflowId(input.school.brin, entry.schoolYear);
        // The hub runs on its own; a stopped journey closes it (see whenStopped).
        const child = await startChild(hubYear, {
          workflowId: hubId,
          parentClosePolicy: ParentClosePolicy.ABANDON,
          args: [{ hubId, journeyId: input.journeyId, school: input.school, schoolYear: entry.schoolYear, trajectories: entry.application.trajectories }],
        });
        hubUnderWay = hubId;
        const hub: { result?: HubResult } = {};
        void child.result().then((result) => (hub.result = result));
        await waitFor(() => hub.result !== undefined);
        const { outcome, reason, decidedBy } = hub.result!;
        if (outcome === 'stop') return close('completed', reason, decidedBy);
        // Continuing means a new programme year: evaluation conversation, then the next round.
        return nextRun({ stage: 'conversation' }, { cycle: cycle + 1 });
      }
    }
  }

  /** The hub this run started, while it runs: a stopped journey closes it (its schools hear why). */
  let hubUnderWay: string | null = null;
  async function whenStopped(): Promise<void> {
    const request = journey.state.stopRequest;
    if (hubUnderWay === null || request === null || !patched('hub-stops-with-its-expertschool')) return;
    // A hub that has already ended needs no telling.
    await tell(hubUnderWay, hubStopped, [{ reason: request.reason, stoppedBy: request.cancelledBy }], 'Hub not told of the stop', { hubId: hubUnderWay });
  }

  return journey.run(flow, whenStopped);
}

/** The aspirant year: the school names its expert team; the office records how the year went. */
function aspirantYearSteps(journey: Journey): void {
  const { state, onAction, record, enter, refuse, refuseField } = journey;

  onAction(
    registerExpertTeam,
    RegisterExpertTeam,
    async ({ members }) => {
      state.expertTeam = members;
      await record({ type: 'expert_team_registered', schoolYear: state.schoolYear!, members }, 'school');
      // With its team named, the school has done its part; the year runs its course.
      if (state.waitingFor === 'school') await enter('aspirant_year', 'calendar', state.nextDeadline);
    },
    ({ members }) => {
      if (!members.some((m) => m.role === 'school_leader')) refuseField('members', 'De schoolleider hoort bij het expertteam.', RefusalType.notEligible);
    },
  );

  onAction(
    recordAspirantOutcome,
    RecordAspirantOutcome,
    async (decided) => {
      state.aspirantOutcome = decided;
      await record({ type: 'aspirant_outcome_recorded', schoolYear: state.schoolYear!, outcome: decided }, decided.recordedBy);
    },
    () => {
      if (state.aspirantOutcome) refuse(RefusalType.notNow, 'De uitkomst van het aspirantjaar is al vastgelegd.');
    },
  );
}
