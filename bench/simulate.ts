/**
 * A decade for the whole country, on the time-skipping server: schools enter over the school years,
 * every journey is driven by simulated schools and office staff, and it ends in the office's KPI
 * report and the planning answer "how many expertschool places will we need?". Against a baseline
 * measured in the same run on the same server: as many bare workflows, sleeping through the same
 * years and taking as many Updates at the same moments.
 *
 *   npm run simulate -- [--schools 300] [--years 10] [--places 6] [--seed 1] [--expertschool-share 0.12] [--concurrency 16]
 *
 * Writes bench/results/simulate.json and prints tables.
 */
import { parseArgs } from 'node:util';
import { WorkflowNotFoundError } from '@temporalio/client';
import { schoolYearBounds, schoolYearOf, nextSchoolYear } from '../domain/school-year';
import { act, updatesThroughYears, wake } from './bare-workflows';
import { afterYear, stepMoment } from './simulation/calendar';
import {
  checkOptions,
  DEFAULT_OPTIONS,
  simulateDecade,
  type PlacesInYear,
  type SimulationOptions,
  type SimulationResult,
  type StepRecord,
} from './simulation/decade';
import { checkAgainstRecord } from './simulation/record-check';
import { createTimeSkippingEnvironment } from '../devtools/temporal-test-server';
import { ensureTestServer } from '../scripts/provision';
import { inBatches, ratio, startTimeSkippingBenchStack, writeResults } from './stack';
import { createBareWorker, runWorker } from './workers';

function options(): SimulationOptions {
  const { values } = parseArgs({
    options: {
      schools: { type: 'string' },
      years: { type: 'string' },
      places: { type: 'string' },
      seed: { type: 'string' },
      'expertschool-share': { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
  const number = (value: string | undefined, fallback: number, name: string): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`--${name} takes a number, not "${value}"`);
    return n;
  };
  return {
    schools: number(values.schools, DEFAULT_OPTIONS.schools, 'schools'),
    years: number(values.years, DEFAULT_OPTIONS.years, 'years'),
    places: number(values.places, DEFAULT_OPTIONS.places, 'places'),
    seed: number(values.seed, DEFAULT_OPTIONS.seed, 'seed'),
    expertschoolShare: number(values['expertschool-share'], DEFAULT_OPTIONS.expertschoolShare, 'expertschool-share'),
    aspirantBehindShare: DEFAULT_OPTIONS.aspirantBehindShare,
    concurrency: number(values.concurrency, DEFAULT_OPTIONS.concurrency, 'concurrency'),
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

/** `stalledAt`: the step the baseline gave up on, when it did. */
type Baseline = { seconds: number; stalledAt?: string };

/** How long one step of the baseline may take before it counts as stalled: five times Koers's, and at least two minutes. */
const stallLimitMs = (step: StepRecord) => Math.max(120_000, 5_000 * (step.sleepSeconds + step.actSeconds));

/**
 * The baseline: the simulation's schedule replayed with bare workflows on a fresh time-skipping
 * server, as Koers started on one. At each step's moment, as many start as journeys started then,
 * they take as many Updates (round robin) at the same concurrency, and as many end as journeys
 * closed by then; each sleeps from one school-year boundary to the next. A step that takes far
 * longer than Koers's (the server stopped answering) ends the baseline as stalled, with its time so far.
 */
async function bareDecade(result: SimulationResult): Promise<Baseline> {
  const env = await createTimeSkippingEnvironment(ensureTestServer());
  const { years, concurrency } = result.options;
  const taskQueue = 'bench-bare';
  const stopWorker = runWorker(await createBareWorker(env.nativeConnection, taskQueue));
  const firstStart = Number(nextSchoolYear(schoolYearOf(new Date(await env.currentTimeMs()))).slice(0, 4));
  const wakeAt = Array.from({ length: years + 1 }, (_, k) => schoolYearBounds(`${firstStart + k}-${firstStart + k + 1}`).start.toISOString());
  const live: string[] = [];
  let [started, closed, turn] = [0, 0, 0];
  const since = performance.now();
  const seconds = () => (performance.now() - since) / 1000;
  const play = async (step: StepRecord) => {
    const moment = step.step === 'end' ? afterYear(firstStart + years - 1) : stepMoment(firstStart + step.year, step.step);
    const ms = moment.getTime() - (await env.currentTimeMs());
    if (ms > 0) await env.sleep(ms);
    const ids = Array.from({ length: step.journeysStarted }, () => `bare-${started++}`);
    await inBatches(ids, concurrency, (workflowId) => env.client.workflow.start(updatesThroughYears, { workflowId, taskQueue, args: [wakeAt] }));
    live.push(...ids);
    if (live.length > 0) {
      const targets = Array.from({ length: step.updates }, () => live[turn++ % live.length]!);
      await inBatches(targets, concurrency, (id) => env.client.workflow.getHandle(id).executeUpdate(act, { args: [step.step, null] }));
    }
    const ending = live.splice(0, Math.max(0, Math.min(live.length, step.journeysClosed - closed)));
    closed += ending.length;
    // Past the decade's last moment the bare workflows have ended by themselves.
    await inBatches(ending, concurrency, (id) =>
      env.client.workflow
        .getHandle(id)
        .signal(wake)
        .catch((error: unknown) => {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }),
    );
  };
  try {
    for (const step of result.steps) {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<'stalled'>((resolve) => (timer = setTimeout(() => resolve('stalled'), stallLimitMs(step))));
      const outcome = await Promise.race([play(step), stalled]).finally(() => clearTimeout(timer));
      if (outcome === 'stalled') return { seconds: seconds(), stalledAt: `${step.year}:${step.step}` };
      if (step.step === 'hubOutcomes' || step.step === 'end')
        process.stderr.write(
          `  baseline: ${step.step === 'end' ? 'past the last school year' : `school year ${step.year + 1} done`} after ${seconds().toFixed(0)} s\n`,
        );
    }
    return { seconds: seconds() };
  } finally {
    // A stalled server may not let the worker drain: the teardown ends it either way.
    await Promise.race([stopWorker(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    await env.teardown();
  }
}

function table(header: string[], rows: (string | number | null)[][]): string {
  const line = (cells: (string | number | null)[]) => `| ${cells.map((c) => (c === null ? '–' : String(c))).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The planning answer: per school year, and the most places short in any one year. */
function planning(result: SimulationResult) {
  const worst = result.places.reduce<PlacesInYear | null>((a, b) => (a === null || b.placesNeeded > a.placesNeeded ? b : a), null);
  const hubs = result.places.reduce((sum, p) => sum + p.hubs, 0);
  const placesPerHub = hubs === 0 ? result.options.places : result.places.reduce((sum, p) => sum + p.placesOffered, 0) / hubs;
  return {
    mostPlacesNeeded: worst?.placesNeeded ?? 0,
    inSchoolYear: worst && worst.placesNeeded > 0 ? worst.schoolYear : null,
    placesShortOverTheDecade: result.places.reduce((sum, p) => sum + p.placesNeeded, 0),
    placesPerHub: Number(placesPerHub.toFixed(1)),
    moreExpertschoolsInWorstYear: Math.ceil((worst?.placesNeeded ?? 0) / placesPerHub),
  };
}

/** Koers's part of the report: everything but the baseline, written before the baseline runs so a stalled one loses nothing. */
function koersReport(result: SimulationResult, recordCheck: Awaited<ReturnType<typeof checkAgainstRecord>>) {
  return {
    benchmark: 'simulate',
    measuredAt: new Date().toISOString(),
    options: result.options,
    schoolYears: `${result.firstSchoolYear} … ${result.lastSchoolYear}`,
    koers: {
      seconds: Number(result.seconds.total.toFixed(1)),
      sleepingSeconds: Number(result.seconds.sleeping.toFixed(1)),
      actingSeconds: Number(result.seconds.acting.toFixed(1)),
      journeysPerSecond: Number((result.journeys.total / result.seconds.total).toFixed(2)),
    },
    journeys: result.journeys,
    hubYears: result.hubYears,
    updates: result.updates,
    stepsStored: result.stepsStored,
    mailsSent: result.mailsSent,
    forms: { answered: result.formsAnswered, missed: result.formsMissed },
    refusals: result.refusals,
    outcomesLost: result.outcomesLost,
    recordCheck,
    kpis: result.reports.kpis,
    subsidyByRound: result.reports.subsidyByRound,
    outcomes: result.outcomes,
    places: result.places,
    planning: planning(result),
    secondsPerYear: result.places.map((p, year) => {
      const steps = result.steps.filter((s) => s.year === year);
      return {
        schoolYear: p.schoolYear,
        sleeping: Number(steps.reduce((t, s) => t + s.sleepSeconds, 0).toFixed(1)),
        acting: Number(steps.reduce((t, s) => t + s.actSeconds, 0).toFixed(1)),
      };
    }),
  };
}

function printKoersReport(result: SimulationResult, report: ReturnType<typeof koersReport>): void {
  const { recordCheck, planning: answer } = report;
  console.log(`\n${result.options.schools} schools entering over ${result.options.years} school years (${report.schoolYears}), seed ${result.options.seed}\n`);
  console.log(
    table(
      ['measure', 'value'],
      [
        ['journeys (expertschool / ontwikkelschool)', `${result.journeys.total} (${result.journeys.expertschool} / ${result.journeys.ontwikkelschool})`],
        ['hub years', result.hubYears],
        ['Updates sent (office and schools)', result.updates],
        ['steps stored in PostgreSQL / mails sent', `${result.stepsStored} / ${result.mailsSent}`],
        ['measurement forms answered / missed', `${result.formsAnswered} / ${result.formsMissed}`],
        ['refused actions', result.refusals.length],
        ['actions whose outcome the test server lost', result.outcomesLost.length],
        ['Koers: seconds (time skipping / acting)', `${report.koers.seconds} (${report.koers.sleepingSeconds} / ${report.koers.actingSeconds})`],
        ['Koers: journeys per second', report.koers.journeysPerSecond],
      ],
    ),
  );
  console.log(
    recordCheck.exact
      ? `\nThe report agrees with the record: ${recordCheck.kpisCompared} KPIs counted again in SQL, places per school year adding up, no trajectory overbooked.`
      : `\nThe report does NOT agree with the record:\n${recordCheck.mismatches.map((m) => `- ${m}`).join('\n')}`,
  );
  console.log('\nKPIs (office report)\n');
  console.log(
    table(
      ['KPI', 'sector', 'target', 'actual'],
      result.reports.kpis.map((k) => [k.label, k.sector, k.target, k.actual]),
    ),
  );
  console.log('\nExpertschool places per school year\n');
  console.log(
    table(
      [
        'school year',
        'hubs',
        'places offered',
        'ontwikkelscholen wanting one',
        'enrolled',
        'unplaced (longest waiting list)',
        'places needed',
        'completed',
        'never placed',
        'stopped',
      ],
      result.places.map((p) => [
        p.schoolYear,
        p.hubs,
        p.placesOffered,
        p.schoolsWanting,
        p.enrolled,
        `${p.unplaced} (${p.longestWaitingList})`,
        p.placesNeeded,
        p.completed,
        p.withoutPlace,
        p.stopped,
      ]),
    ),
  );
  console.log(
    answer.mostPlacesNeeded === 0
      ? '\nEvery ontwikkelschool that wanted a place got one: the places offered meet the simulated demand.'
      : `\nPlaces needed: at most ${answer.mostPlacesNeeded} short in one school year (${answer.inSchoolYear}), ${answer.placesShortOverTheDecade} over the decade; ` +
          `at ${answer.placesPerHub} places per hub that is ${answer.moreExpertschoolsInWorstYear} more expertschool(s) in that year.`,
  );
}

/** Resolves to the exit code. */
async function main(): Promise<number> {
  const opts = options();
  checkOptions(opts);
  let result: SimulationResult;
  let report: ReturnType<typeof koersReport>;
  const stack = await startTimeSkippingBenchStack();
  try {
    process.stderr.write(`simulating ${opts.years} school years, ${opts.schools} schools entering, ${opts.places} places per trajectory…\n`);
    result = await simulateDecade({ env: stack.env, client: stack.env.client, db: stack.db, taskQueue: stack.taskQueue }, opts);
    report = koersReport(result, await checkAgainstRecord(stack.db, result));
    writeResults('simulate', report);
    printKoersReport(result, report);
  } catch (error) {
    // Said before the stack stops: stopping it may end the process with an error of its own.
    console.error(error);
    return 1;
  } finally {
    await stack.stop();
  }

  process.stderr.write('baseline: as many bare workflows through the same years and Updates, on a fresh server…\n');
  const baseline = await bareDecade(result);
  const measured = {
    ...report,
    baseline: {
      seconds: Number(baseline.seconds.toFixed(1)),
      ...(baseline.stalledAt ? { stalledAt: baseline.stalledAt } : { workflowsPerSecond: Number((result.journeys.total / baseline.seconds).toFixed(2)) }),
    },
    ratio: baseline.stalledAt ? null : ratio(result.seconds.total, baseline.seconds),
  };
  writeResults('simulate', measured);
  console.log(
    `\n${table(
      ['measure', 'value'],
      [
        ['baseline: seconds, bare workflows through the same years and Updates', measured.baseline.seconds],
        ['ratio (Koers / baseline)', measured.ratio ?? `none: the baseline stalled at ${baseline.stalledAt}`],
      ],
    )}`,
  );
  return baseline.stalledAt ? 1 : 0;
}

// Exits explicitly: embedded PostgreSQL's exit hook ends a process whose work has drained with
// code 0, whatever process.exitCode says, so a failed simulation would look like a passed one.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
