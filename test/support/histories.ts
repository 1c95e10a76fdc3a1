/**
 * Keeps workflow histories for the replay test (test/workflows/replay.workflow.test.ts): with
 * RECORD_HISTORIES=1, the history of every run of a workflow so far is written to test/histories,
 * unless it is there already. A history recorded on older workflow code stays, so the replay test
 * keeps proving that workflows started on that code still run. A new behaviour gets a new name.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export const HISTORIES_DIR = path.resolve(__dirname, '../histories');

type History = temporal.api.history.v1.IHistory;

/** Every run of the workflow, from its first: the first event of any run names the first run. */
export async function recordHistories(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  if (existsSync(path.join(HISTORIES_DIR, `${name}.run0.history.pb`))) return;
  const latest: History = await client.workflow.getHandle(workflowId).fetchHistory();
  const firstRunId = latest.events?.[0]?.workflowExecutionStartedEventAttributes?.firstExecutionRunId;
  if (!firstRunId) throw new Error(`${workflowId} has no first run in its history`);
  await mkdir(HISTORIES_DIR, { recursive: true });
  let runId: string | undefined = firstRunId;
  for (let run = 0; runId; run++) {
    const history: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    // Binary protobuf: the exact bytes the server sent, replayed as they are.
    await writeFile(path.join(HISTORIES_DIR, `${name}.run${run}.history.pb`), temporal.api.history.v1.History.encode(history).finish());
    const last: temporal.api.history.v1.IHistoryEvent | undefined = history.events?.[history.events.length - 1];
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
}
