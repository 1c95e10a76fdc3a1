/**
 * An ontwikkelschool's journey: it learns an expertschool's proven approach.
 *
 *   conversation → intake → (awaiting a round for ontwikkelscholen) → application → decision
 *     → enrolment in a trajectory (a place, or the waiting list) → learning year → completed
 *
 * The learning year is a run of its own (continueAsNew), with the baseline measurement in the
 * autumn and the final one before the summer, each by link with reminders.
 */
import { patched } from '@temporalio/workflow';
import { learningYearForms } from '../domain/tracks';
import { schoolYearBounds } from '../domain/school-year';
import type { JourneyInput, JourneyResult } from './contracts/journey';
import type { OntwikkelschoolEntry } from './contracts/ontwikkelschool-journey';
import { conversationSteps } from './journey/conversation';
import { PLACE_RELEASE_TOLD, trajectoryEnrolment } from './journey/enrolment';
import { formSteps } from './journey/forms';
import { beginJourneyRun, type Journey } from './journey/kernel';
import { subsidyApplication } from './journey/subsidy-application';

export async function ontwikkelschoolJourney(input: JourneyInput<OntwikkelschoolEntry>): Promise<JourneyResult> {
  const { entry, cycle } = input;
  const journey = beginJourneyRun('ontwikkelschool', input, {
    phase: entry.stage === 'conversation' ? 'conversation' : 'learning_year',
    application: entry.stage === 'conversation' ? null : entry.application,
    schoolYear: entry.stage === 'conversation' ? null : entry.schoolYear,
    enrolment: entry.stage === 'conversation' ? null : entry.enrolment,
  });
  const { state, record, enter, close, nextRun, waitUntil, notify } = journey;
  conversationSteps(journey);
  const { applyForSubsidy } = subsidyApplication(journey as Journey & { track: 'ontwikkelschool' });
  const { enrol, leaveTrajectory, withdrawn, withdrawal } = trajectoryEnrolment(journey);
  const { askForms } = formSteps(journey);

  async function flow(): Promise<JourneyResult> {
    switch (entry.stage) {
      case 'conversation': {
        if (cycle === 0) void record({ type: 'journey_started', hasAspirantYearBehind: false }, 'system');
        const granted = await applyForSubsidy();
        if ('outcome' in granted) return granted;
        state.schoolYear = granted.schoolYear;
        if (!(await enrol(granted.schoolYear))) {
          return close('dropped_out', `Er kwam in schooljaar ${granted.schoolYear} geen plaats vrij in een leertraject.`, 'system');
        }
        return nextRun({ stage: 'learning_year', schoolYear: granted.schoolYear, application: granted, enrolment: state.enrolment! });
      }
      case 'learning_year': {
        const end = schoolYearBounds(entry.schoolYear).end.toISOString();
        await enter('learning_year', 'calendar', end);
        const forms = askForms(learningYearForms(entry.schoolYear));
        if (await waitUntil(withdrawn, end)) {
          const released = withdrawal()!;
          if (patched(PLACE_RELEASE_TOLD)) {
            // The school reads why, by mail; the case record keeps the reason with the outcome.
            notify({ kind: 'place-released', ...released, schoolYear: entry.schoolYear, participationEnds: true });
            const because = released.reason ? ` Reden: ${released.reason}` : '';
            return close('dropped_out', `De plaats in "${entry.enrolment.title}" is door het programmabureau ingetrokken.${because}`, 'system');
          }
          return close('dropped_out', `De plaats in "${entry.enrolment.title}" is door het programmabureau ingetrokken.`, 'system');
        }
        await forms;
        return close('completed', `Leerjaar in "${entry.enrolment.title}" bij ${entry.enrolment.expertschoolName} afgerond.`, 'system');
      }
    }
  }

  return journey.run(flow, () => leaveTrajectory('De school is gestopt.'));
}
