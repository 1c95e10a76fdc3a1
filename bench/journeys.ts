/**
 * Expertschool journeys driven from their start to the office's decision on the application, one
 * Update per action as the API sends them, against bare workflows taking the same Updates (same
 * names, same inputs) with handlers that only change state. Same concurrency, all in this run. A
 * second baseline, the engine floor, gives the bare workflows a journey's shape of work in
 * Temporal: each Update answers after a local activity (a journey's answers wait for its steps to
 * be stored), and a mail activity follows the actions after which a journey mails the school. A
 * third, the storage floor, is the engine floor doing the least of that work for real: each step
 * one row written to PostgreSQL, each mail sent by SMTP to the same catcher as Koers's. Beside the
 * timings, the CPU each variant costs per journey, by program (bench/process-cpu.ts): on two cores
 * throughput follows it, and it shows where the distance between the variants is spent.
 *
 *   npm run bench:journeys -- [journeys=200] [concurrency=20]
 *
 * Writes bench/results/journeys.json and prints a table.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { startJourney } from '../services/journeys/start-journey';
import { createRound } from '../services/rounds/manage-rounds';
import type { JourneyView } from '../domain/journey';
import { nextSchoolYear, schoolYearOf } from '../domain/school-year';
import { subsidyRatesFor } from '../domain/subsidy-rates';
import { completeApplication } from '../test/support/fixtures';
import { until } from '../test/support/until';
import {
  decideApplication,
  planConversation,
  recordConversationReport,
  recordIntakeOutcome,
  respondToConversation,
  saveApplicationDraft,
  submitApplication,
} from '../workflows/contracts/journey';
import { act, handleUpdates, updatesStoredBeforeAnswer } from './bare-workflows';
import { brinFor, createBenchSchools, inBatches, p50p95, ratio, startBenchStack, writeResults, type BenchStack } from './stack';
import { FLOOR_STEP_TABLE } from './floor-activities';
import { addCpu, countCpu, cpuMsPer, noCpu, type CpuSeconds } from './process-cpu';
import { createBareWorker, runWorker } from './workers';

const DAY = 86_400_000;
const OFFICE = 'Bench';
/** Journeys per variant driven first and not counted: bundles loaded, connections and caches warm. */
const WARM_UP = 5;

/** One action: its Update's name and input, and how Koers's journey takes it. */
interface Action {
  name: string;
  input: unknown;
  onJourney(handle: WorkflowHandle): Promise<JourneyView>;
}

function action<T>(update: UpdateDefinition<JourneyView, [T]>, input: T): Action {
  return { name: update.name, input, onJourney: (handle) => handle.executeUpdate(update, { args: [input] }) };
}

/** What the office and the school do, in order, from the first conversation to the decision (the round is open). */
function journeyActions(): Action[] {
  const form = completeApplication();
  return [
    action(planConversation, {
      startsAt: new Date(Date.now() + 7 * DAY).toISOString(),
      durationMinutes: 60,
      location: 'Dorpsstraat 1, Utrecht',
      plannedBy: OFFICE,
    }),
    action(respondToConversation, { answer: 'confirm', note: '' }),
    action(recordConversationReport, {
      conductedOn: '2026-11-20',
      report: 'Verkennend gesprek (benchmark): de school werkt onderzoeksmatig.',
      recordedBy: OFFICE,
    }),
    action(recordIntakeOutcome, { outcome: 'expertschool', notes: '', recordedBy: OFFICE }),
    action(saveApplicationDraft, { participants: form.participants, sections: form.sections }),
    action(submitApplication, form),
    action(decideApplication, { decision: 'approved', reason: 'Voldoet aan alle criteria van de regeling.', decidedBy: OFFICE }),
  ];
}
const ACTION_NAMES = ['start', ...journeyActions().map((a) => a.name)];

interface Variant {
  /** Starts workflow `i` (timed as the action "start"). */
  start(i: number): Promise<WorkflowHandle>;
  /** Sends one action's Update and checks the answer. */
  send(handle: WorkflowHandle, action: Action, last: boolean): Promise<void>;
}

interface Run {
  seconds: number;
  /** Milliseconds per action name, "start" included. */
  timings: Map<string, number[]>;
  /** CPU the run cost, by program (this process, the Temporal server, PostgreSQL). */
  cpu: CpuSeconds;
}

/** Drives workflows `indices` through every action, `concurrency` at a time. */
async function drive(variant: Variant, indices: number[], concurrency: number): Promise<Run> {
  const timings = new Map(ACTION_NAMES.map((name) => [name, [] as number[]]));
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timings.get(name)!.push(performance.now() - started);
    return result;
  };
  const cpu = noCpu();
  const started = performance.now();
  await countCpu(cpu, () =>
    inBatches(indices, concurrency, async (i) => {
      const handle = await timed('start', () => variant.start(i));
      const actions = journeyActions();
      for (const [k, a] of actions.entries()) await timed(a.name, () => variant.send(handle, a, k === actions.length - 1));
    }),
  );
  return { seconds: (performance.now() - started) / 1000, timings, cpu };
}

/**
 * The variants warmed up, then timed in alternating halves (each in turn, twice): on a machine
 * others share, a change in load mid-run then falls on all alike.
 */
async function measureAlternately(variants: Variant[], count: number, concurrency: number): Promise<Run[]> {
  const warmUp = Array.from({ length: WARM_UP }, (_, i) => i);
  for (const variant of variants) await drive(variant, warmUp, concurrency);
  const runs: Run[][] = variants.map(() => []);
  const half = Math.ceil(count / 2);
  for (const from of [0, half]) {
    const indices = Array.from({ length: Math.min(half, count - from) }, (_, k) => WARM_UP + from + k);
    for (const [v, variant] of variants.entries()) runs[v]!.push(await drive(variant, indices, concurrency));
  }
  return runs.map((parts) => ({
    seconds: parts.reduce((sum, r) => sum + r.seconds, 0),
    timings: new Map(ACTION_NAMES.map((name) => [name, parts.flatMap((r) => r.timings.get(name)!)])),
    cpu: addCpu(parts.map((r) => r.cpu)),
  }));
}

function koersJourneys(stack: BenchStack): Variant {
  const deps = { db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue };
  return {
    async start(i) {
      const { journeyId } = await startJourney(deps, { brin: brinFor(i), track: 'expertschool', hasAspirantYearBehind: false });
      return stack.client.workflow.getHandle(journeyId);
    },
    async send(handle, a, last) {
      const view = await a.onJourney(handle);
      if (last && view.phase !== 'approved') throw new Error(`${handle.workflowId} ended in ${view.phase}, expected approved`);
    },
  };
}

/** The actions after which a journey mails the school: the invitation, the round it joins on the intake, the decision. */
const MAIL_AFTER = [planConversation.name, recordIntakeOutcome.name, decideApplication.name];

/**
 * Bare workflows taking the same Updates: `floor` with a journey's local activity per Update and its
 * mails, `storage` with those writing a row and sending by SMTP (see the top).
 */
function bareWorkflows(stack: BenchStack, taskQueue: string, shape: 'bare' | 'floor' | 'storage'): Variant {
  const updates = journeyActions().length;
  return {
    start: (i) =>
      shape === 'bare'
        ? stack.client.workflow.start(handleUpdates, { workflowId: `bare-journey-${i}`, taskQueue, args: [updates] })
        : stack.client.workflow.start(updatesStoredBeforeAnswer, {
            workflowId: `${shape}-journey-${i}`,
            taskQueue,
            args: [updates, MAIL_AFTER, shape === 'storage' ? 'database' : 'counted'],
          }),
    async send(handle, a, last) {
      const state = await handle.executeUpdate(act, { args: [a.name, a.input] });
      if (last && state.actions.length !== updates) throw new Error(`${handle.workflowId} took ${state.actions.length} Updates, expected ${updates}`);
    },
  };
}

/** A round open now for expertschools: an intake joins it at once (the journey finds it by itself). */
async function openRound(stack: BenchStack): Promise<void> {
  await createRound(
    { db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue },
    {
      id: 'bench-round',
      name: 'Benchmarkronde',
      schoolYear: nextSchoolYear(schoolYearOf(new Date())),
      tracks: ['expertschool'],
      capacity: null,
      reminderDaysBefore: [14, 3],
      opensAt: new Date().toISOString(),
      closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      rates: subsidyRatesFor('2026-2027'),
    },
  );
  await until(
    () => stack.db.subsidyRound.findUniqueOrThrow({ where: { id: 'bench-round' } }),
    (round) => round.status === 'open',
    'the round to open',
  );
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 200);
  const concurrency = Number(process.argv[3] ?? 20);
  const stack = await startBenchStack();
  try {
    await createBenchSchools(stack.db, WARM_UP + count);
    await openRound(stack);
    const taskQueue = 'bench-bare';
    await stack.db.$executeRawUnsafe(FLOOR_STEP_TABLE);
    const stopBareWorker = runWorker(await createBareWorker(stack.connection, taskQueue, { storage: { db: stack.db, smtpUrl: stack.services.smtpUrl } }));
    process.stderr.write(
      `driving ${count} journeys to the decision, and ${count} each of bare workflows, the engine floor and the storage floor through as many Updates, ${concurrency} at a time…\n`,
    );
    const [koers, bare, floor, storage] = (await measureAlternately(
      [koersJourneys(stack), bareWorkflows(stack, taskQueue, 'bare'), bareWorkflows(stack, taskQueue, 'floor'), bareWorkflows(stack, taskQueue, 'storage')],
      count,
      concurrency,
    )) as [Run, Run, Run, Run];
    await stopBareWorker();
    const floorSteps = await stack.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "FloorStep"`;
    if (floorSteps[0]!.n !== (WARM_UP + count) * (ACTION_NAMES.length - 1)) throw new Error(`the storage floor stored ${floorSteps[0]!.n} steps`);

    // What each journey left in PostgreSQL and the outbox, for the explanation of the ratio.
    const journeys = WARM_UP + count;
    const approved = await stack.db.journey.count({ where: { phase: 'approved' } });
    if (approved !== journeys) throw new Error(`${approved} of ${journeys} journeys approved in the case record`);
    const stepsPerJourney = (await stack.db.auditEvent.count()) / journeys;
    const mailsPerJourney = (await stack.db.outboxMail.count()) / journeys;
    if (mailsPerJourney !== MAIL_AFTER.length)
      throw new Error(`a journey sent ${mailsPerJourney} mails; the engine floor sends ${MAIL_AFTER.length}: update MAIL_AFTER`);

    const throughput = { koers: count / koers.seconds, bare: count / bare.seconds, floor: count / floor.seconds, storage: count / storage.seconds };
    const actions = ACTION_NAMES.map((name) => {
      const k = p50p95(koers.timings.get(name)!);
      const b = p50p95(bare.timings.get(name)!);
      const f = p50p95(floor.timings.get(name)!);
      const st = p50p95(storage.timings.get(name)!);
      return {
        action: name,
        koers: k,
        bare: b,
        ratioP95: ratio(k.p95, b.p95, 1),
        floor: f,
        floorRatioP95: ratio(k.p95, f.p95, 1),
        storageFloor: st,
        storageFloorRatioP95: ratio(k.p95, st.p95, 1),
      };
    });
    const report = {
      benchmark: 'journeys',
      measuredAt: new Date().toISOString(),
      journeys: count,
      concurrency,
      updatesPerJourney: ACTION_NAMES.length - 1,
      stepsStoredPerJourney: stepsPerJourney,
      mailsPerJourney,
      koers: { seconds: Number(koers.seconds.toFixed(2)), journeysPerSecond: Number(throughput.koers.toFixed(2)), cpuMsPerJourney: cpuMsPer(koers.cpu, count) },
      bare: { seconds: Number(bare.seconds.toFixed(2)), journeysPerSecond: Number(throughput.bare.toFixed(2)), cpuMsPerJourney: cpuMsPer(bare.cpu, count) },
      throughputRatio: ratio(throughput.koers, throughput.bare),
      /** The engine floor (see the top): Temporal carrying a journey's local activities and mails. */
      floor: { seconds: Number(floor.seconds.toFixed(2)), journeysPerSecond: Number(throughput.floor.toFixed(2)), cpuMsPerJourney: cpuMsPer(floor.cpu, count) },
      floorThroughputRatio: ratio(throughput.koers, throughput.floor),
      /** The storage floor (see the top): the engine floor writing each step to PostgreSQL and sending each mail by SMTP. */
      storageFloor: {
        seconds: Number(storage.seconds.toFixed(2)),
        journeysPerSecond: Number(throughput.storage.toFixed(2)),
        cpuMsPerJourney: cpuMsPer(storage.cpu, count),
      },
      storageFloorThroughputRatio: ratio(throughput.koers, throughput.storage),
      actions,
    };
    writeResults('journeys', report);
    console.log(`\n| ${count} journeys, ${concurrency} at a time | Koers | bare workflows | Koers / bare |\n|---|---|---|---|`);
    console.log(`| journeys per second | ${report.koers.journeysPerSecond} | ${report.bare.journeysPerSecond} | ${report.throughputRatio} |`);
    console.log(
      `| engine floor: journeys per second, Koers / floor | ${report.koers.journeysPerSecond} | ${report.floor.journeysPerSecond} | ${report.floorThroughputRatio} |`,
    );
    console.log(
      `| storage floor: journeys per second, Koers / floor | ${report.koers.journeysPerSecond} | ${report.storageFloor.journeysPerSecond} | ${report.storageFloorThroughputRatio} |`,
    );
    console.log(
      `\n| action | Koers p50 ms | Koers p95 ms | bare p50 ms | bare p95 ms | p95 Koers / bare | floor p95 ms | p95 Koers / floor | storage floor p95 ms | p95 Koers / storage floor |\n|---|---|---|---|---|---|---|---|---|---|`,
    );
    for (const r of actions) {
      console.log(
        `| ${r.action} | ${r.koers.p50} | ${r.koers.p95} | ${r.bare.p50} | ${r.bare.p95} | ${r.ratioP95} | ${r.floor.p95} | ${r.floorRatioP95} | ${r.storageFloor.p95} | ${r.storageFloorRatioP95} |`,
      );
    }
    console.log(`\nper journey: ${stepsPerJourney} steps stored in PostgreSQL, ${mailsPerJourney} mails`);
    console.log(
      `\n| CPU ms per journey | this process (client, worker, mail catcher) | its main thread | its SDK core | its other threads (workflows, GC) | Temporal server | PostgreSQL |\n|---|---|---|---|---|---|---|`,
    );
    for (const [name, variant] of [
      ['Koers', report.koers],
      ['bare workflows', report.bare],
      ['engine floor', report.floor],
      ['storage floor', report.storageFloor],
    ] as const) {
      const cpu = variant.cpuMsPerJourney;
      console.log(`| ${name} | ${cpu.node} | ${cpu.mainThread} | ${cpu.sdkCore} | ${cpu.otherThreads} | ${cpu.temporal} | ${cpu.postgres} |`);
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
