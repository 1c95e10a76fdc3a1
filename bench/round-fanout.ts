/**
 * How long a round opening takes to reach thousands of waiting journeys, against Temporal's own
 * cost of signalling the same number of bare workflows, both measured in this run. A second
 * baseline, the engine floor, gives the bare workflows a journey's shape of work when it joins:
 * a step stored by a local activity, then a mail sent by an activity (both doing nothing).
 *
 *   npm run bench:round-fanout -- [journeys=5000]
 *
 * Writes bench/results/round-fanout.json and prints a table.
 */
import { startJourney } from '../services/journeys/start-journey';
import { createRound } from '../services/rounds/manage-rounds';
import { nextSchoolYear, schoolYearOf } from '../domain/school-year';
import { subsidyRatesFor } from '../domain/subsidy-rates';
import { recordConversationReport, recordIntakeOutcome } from '../workflows/contracts/journey';
import { isWaiting, joinOnSignal, waitForOneSignal, wake } from './bare-workflows';
import { floorCounts } from './floor-activities';
import { brinFor, createBenchSchools, inBatches, startBenchStack, writeResults, type BenchStack } from './stack';
import { createBareWorker, runWorker } from './workers';

const DAY = 86_400_000;
const CONCURRENCY = 50;

async function journeysWaitingForARound(stack: BenchStack, count: number): Promise<void> {
  await createBenchSchools(stack.db, count);
  const office = 'Bench';
  await inBatches(
    Array.from({ length: count }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      const { journeyId } = await startJourney(
        { db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue },
        { brin: brinFor(i), track: 'expertschool', hasAspirantYearBehind: false },
      );
      const handle = stack.client.workflow.getHandle(journeyId);
      await handle.executeUpdate(recordConversationReport, {
        args: [{ conductedOn: '2026-11-20', report: 'Verkennend gesprek (benchmark).', recordedBy: office }],
      });
      await handle.executeUpdate(recordIntakeOutcome, { args: [{ outcome: 'expertschool', notes: '', recordedBy: office }] });
    },
  );
  while ((await stack.db.journey.count({ where: { phase: 'awaiting_round' } })) < count) await new Promise((r) => setTimeout(r, 200));
}

/** Seconds from opening the round until every journey is applying in it (as the case record says). */
async function roundOpening(stack: BenchStack, count: number): Promise<number> {
  const schoolYear = nextSchoolYear(schoolYearOf(new Date()));
  const started = performance.now();
  await createRound(
    { db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue },
    {
      id: 'bench-round',
      name: 'Benchmarkronde',
      schoolYear,
      tracks: ['expertschool'],
      capacity: null,
      reminderDaysBefore: [14, 3],
      opensAt: new Date().toISOString(),
      closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      rates: subsidyRatesFor('2026-2027'),
    },
  );
  while ((await stack.db.journey.count({ where: { phase: 'application', roundId: 'bench-round' } })) < count) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return (performance.now() - started) / 1000;
}

/**
 * Seconds to signal `count` bare workflows (same concurrency) until all have completed; or, for the
 * engine floor (`joinOnSignal`), until all have stored their step, as the journeys are timed until
 * the record has them applying.
 */
async function bareSignalLoop(stack: BenchStack, count: number, shape: 'bare' | 'floor'): Promise<number> {
  const taskQueue = `bench-${shape}`;
  const stopWorker = runWorker(await createBareWorker(stack.connection, taskQueue));
  const ids = Array.from({ length: count }, (_, i) => `${shape}-${i}`);
  const workflow = shape === 'bare' ? waitForOneSignal : joinOnSignal;
  await inBatches(ids, CONCURRENCY, (workflowId) => stack.client.workflow.start(workflow, { workflowId, taskQueue }));
  // Like the journeys, every bare workflow is already waiting before the clock starts.
  await inBatches(ids, CONCURRENCY, (id) => stack.client.workflow.getHandle(id).query(isWaiting));
  const stored = floorCounts.stepsStored;
  const started = performance.now();
  await inBatches(ids, CONCURRENCY, (id) => stack.client.workflow.getHandle(id).signal(wake));
  if (shape === 'bare') await inBatches(ids, CONCURRENCY, (id) => stack.client.workflow.getHandle(id).result());
  else while (floorCounts.stepsStored - stored < count) await new Promise((r) => setTimeout(r, 100));
  const seconds = (performance.now() - started) / 1000;
  // The floor's mails are still under way: they finish before the worker stops, outside the time.
  if (shape === 'floor') await inBatches(ids, CONCURRENCY, (id) => stack.client.workflow.getHandle(id).result());
  await stopWorker();
  return seconds;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 5000);
  const stack = await startBenchStack();
  try {
    process.stderr.write(`preparing ${count} journeys waiting for a round…\n`);
    await journeysWaitingForARound(stack, count);
    process.stderr.write('opening the round…\n');
    const koers = await roundOpening(stack, count);
    process.stderr.write('baseline: signalling as many bare workflows…\n');
    const bare = await bareSignalLoop(stack, count, 'bare');
    process.stderr.write('engine floor: as many bare workflows storing a step and sending a mail on the signal…\n');
    const floor = await bareSignalLoop(stack, count, 'floor');
    const result = {
      benchmark: 'round-fanout',
      journeys: count,
      koersSeconds: Number(koers.toFixed(2)),
      bareSignalSeconds: Number(bare.toFixed(2)),
      ratio: Number((koers / bare).toFixed(2)),
      /** Bare workflows with a joining journey's local activity and activity: Temporal's part of Koers's work. */
      floorSeconds: Number(floor.toFixed(2)),
      floorRatio: Number((koers / floor).toFixed(2)),
      journeysPerSecond: Math.round(count / koers),
      measuredAt: new Date().toISOString(),
    };
    writeResults('round-fanout', result);
    console.table([
      { measure: `round opening: ${count} journeys applying`, seconds: result.koersSeconds },
      { measure: `baseline: signal ${count} bare workflows to completion`, seconds: result.bareSignalSeconds },
      { measure: 'ratio (Koers / baseline)', seconds: result.ratio },
      { measure: `engine floor: ${count} bare workflows storing a step (local activity), then mailing (activity)`, seconds: result.floorSeconds },
      { measure: 'ratio (Koers / engine floor)', seconds: result.floorRatio },
    ]);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
