/**
 * Replays every recorded journey history (test/histories) on the current workflow code. A change
 * that would break a running journey fails here; guard such a change with `patched()`.
 * Record new histories with `npm run test:record-histories`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from '../support/journey-driver';
import { quietTemporalRuntime, requiredEnv } from '../support/time-skipping';

const files = readdirSync(HISTORIES_DIR)
  .filter((file) => file.endsWith('.history.pb'))
  .sort();

test('histories cover every kind of journey ending and every school-year boundary', () => {
  const names = new Set(files.map((file) => file.split('.')[0]));
  expect([...names].sort()).toEqual([
    'aspirant-drops-out',
    'misses-a-round',
    'misses-a-round-then-applies-in-the-next',
    'new-school-to-hub-year',
    'office-rejects',
    'returning-aspirant-to-hub-year',
    'school-acts-through-links',
    'school-acts-through-links-with-round-attribute',
  ]);
  expect(files).toContain('new-school-to-hub-year.run3.history.pb'); // three continueAsNew boundaries
});

test('every recorded history replays on the current workflow code', async () => {
  quietTemporalRuntime();
  const histories = files.map((file) => ({
    workflowId: file,
    history: temporal.api.history.v1.History.decode(readFileSync(path.join(HISTORIES_DIR, file))),
  }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: requiredEnv('KOERS_WORKFLOW_BUNDLE') } }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
});
