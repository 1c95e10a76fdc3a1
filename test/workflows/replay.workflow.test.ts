/**
 * Replays every recorded journey history (test/histories) on the current workflow code. A change
 * that would break a running journey fails here; guard such a change with `patched()`.
 * Record new histories with `npm run test:record-histories`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from '../support/histories';
import { quietTemporalRuntime, requiredEnv } from '../support/time-skipping';

const files = readdirSync(HISTORIES_DIR)
  .filter((file) => file.endsWith('.history.pb'))
  .sort();

function readHistory(file: string): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.decode(readFileSync(path.join(HISTORIES_DIR, file)));
}

function workflowTypeOf(history: temporal.api.history.v1.History): string | null | undefined {
  return history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
}

test('histories cover every track, every kind of journey ending and every school-year boundary', () => {
  const names = new Set(files.map((file) => file.split('.')[0]));
  expect([...names].sort()).toEqual([
    'application-draft-by-reference',
    'aspirant-drops-out',
    'conversation-planned-at-start', // an Update with the start, handled after the flow's first step (patch journey-handlers-after-first-step)
    'decision-mail-approved',
    'decision-mail-rejected',
    'development-cohort',
    'expertschool-stopped-in-its-hub-year',
    'expertschool-stops-after-its-hub-year',
    'hears-its-round-cancelled-before-applying',
    'hub-year-continues',
    'hub-year-continues-steps-stored-together', // a workflow task's steps stored together (patch steps-stored-together)
    'hub-year-stops-with-its-expertschool',
    'hub-year-tells-places-in-line',
    'hub-year-waits-for-its-outcome',
    'hub-year-with-enrolments-steps-stored-together',
    'hub-year-with-enrolments-stops',
    'joins-the-round-it-found-open', // a round found open is joined without a second read (patch found-round-not-reread)
    'joins-the-round-looked-up-while-parking', // the round looked up while the phase is stored (patch round-looked-up-while-parking)
    'misses-a-round',
    'misses-a-round-looked-up-while-parking',
    'misses-a-round-then-applies-in-the-next',
    'misses-a-round-then-applies-round-read-locally', // the round read by a local activity (patch round-read-locally)
    'new-school-to-hub-year', // recorded before the hub year became a workflow of its own: replays through the patch
    'new-school-to-hub-year-and-its-hub',
    'new-school-to-hub-year-steps-stored-together', // a workflow task's steps stored together (patch steps-stored-together)
    'office-rejects',
    'office-rejects-round-read-locally',
    'ontwikkelschool-learning-year-steps-stored-together',
    'ontwikkelschool-learning-year-with-a-missed-measurement',
    'ontwikkelschool-leaves-its-place',
    'ontwikkelschool-moves-up-from-the-waiting-list',
    'ontwikkelschool-moves-up-in-line',
    'ontwikkelschool-place-released-with-reason',
    'ontwikkelschool-place-withdrawn-while-handing-over', // a signal carried into the next run (patch journey-hand-over-carries-messages)
    'ontwikkelschool-stopped-while-choosing',
    'parked-after-intake-mail',
    'returning-aspirant-to-hub-year',
    'round-moved-while-opening',
    'round-reminds-in-batches',
    'school-acts-through-links',
    'school-acts-through-links-with-round-attribute',
    'school-development-completed',
    'school-development-from-the-waiting-list-missing-evaluations',
    'school-development-referred-at-intake',
    'school-development-stopped-while-registering',
    'submits-into-a-cancelled-round',
  ]);
  expect(files).toContain('new-school-to-hub-year-and-its-hub.run3.history.pb'); // three continueAsNew boundaries
  const types = new Set(files.map((file) => workflowTypeOf(readHistory(file))));
  expect([...types].sort()).toEqual([
    'developmentCohort',
    'expertschoolJourney',
    'hubYear',
    'ontwikkelschoolJourney',
    'schoolDevelopmentJourney',
    'subsidyRound',
  ]);
});

test('every recorded history replays on the current workflow code', async () => {
  quietTemporalRuntime();
  const histories = files.map((file) => ({
    workflowId: file,
    history: readHistory(file),
  }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: requiredEnv('KOERS_WORKFLOW_BUNDLE') } }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
});
