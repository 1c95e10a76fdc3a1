/**
 * Koers on the Temporal server as production runs it (`npm run start:cluster`: frontend, history,
 * matching and worker as separate processes on PostgreSQL with SQL visibility, two Koers workers):
 * a round opens for 200 waiting journeys while one Koers worker is killed with SIGKILL, the history
 * service is restarted, and Temporal's PostgreSQL is stopped for a while. Nothing may be lost or
 * done twice: compared journey by journey and mail by mail with the same round on the dev server
 * (`npm start`) in this run, whose duration is printed beside the cluster's.
 * Driven from outside only: HTTP with an office session, SMTP (the mail catcher), the Temporal CLI.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../devtools/free-port';
import { ensureTemporalCli } from '../../scripts/provision';
import { run, startNpmStart, type NpmStart } from '../support/npm-start';
import { startPostgresProcess, type PostgresProcess } from '../support/postgres-process';
import { Office, settledMails, sleep } from './round-scenario';

const JOURNEYS = Number(process.env.KOERS_CLUSTER_JOURNEYS ?? 200);
const POSTGRES_OUTAGE_MS = 20_000;

interface Outcome {
  seconds: number;
  journeys: Map<string, { phase: string; steps: string[]; seqs: number[] }>;
  mails: string[];
  /** Signed in on that stack. */
  office: Office;
}

/** Sets up the waiting journeys, opens the round (with `meanwhile` running beside the fan-out), and collects what happened. */
async function roundOn(stack: NpmStart, meanwhile: (office: Office, started: number) => Promise<void>, mailsAtLeast = 0): Promise<Outcome> {
  const office = new Office(stack);
  await office.signIn();
  const ids = await office.journeysWaitingForARound(JOURNEYS);
  const started = performance.now();
  await office.openRound();
  let failed: unknown;
  const failures = meanwhile(office, started).catch((error: unknown) => {
    failed = error;
  });
  const deadline = Date.now() + 15 * 60_000;
  while ((await office.applying()) < JOURNEYS) {
    if (failed) throw failed;
    if (Date.now() > deadline) throw new Error(`the round reached only ${await office.applying()} of ${JOURNEYS} journeys in 15 minutes`);
    await sleep(250);
  }
  const seconds = (performance.now() - started) / 1000;
  await failures;
  const mails = await settledMails(stack, mailsAtLeast);
  return { seconds, journeys: await office.journeys(ids), mails, office };
}

/** `count` consecutive free ports on loopback (the cluster's internal services take 8 in a row). */
async function freePortRange(count: number): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (;;) {
    // Below 32768: Temporal stores membership ports as a PostgreSQL smallint.
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    let all = true;
    for (let port = base; port < base + count && all; port++) all = await free(port);
    if (all) return base;
  }
}

let dev: Outcome;
let cluster: Outcome;
let stack: NpmStart | undefined;
let restartedPostgres: PostgresProcess | undefined;
const events: string[] = [];
let sizes = '';

beforeAll(async () => {
  const devStack = await startNpmStart({}, 'start');
  try {
    dev = await roundOn(devStack, async () => {});
  } finally {
    await devStack.stop();
  }

  const temporalPostgresPort = await freePort();
  stack = await startNpmStart(
    { KOERS_TEMPORAL_POSTGRES_PORT: String(temporalPostgresPort), KOERS_TEMPORAL_INTERNAL_PORT_BASE: String(await freePortRange(8)) },
    'start:cluster',
  );
  const cluster_ = stack;
  const clusterOutcome = await roundOn(
    cluster_,
    async (office, started) => {
      const note = async (what: string) =>
        events.push(`${what}: ${await office.applying()}/${JOURNEYS} applying, ${((performance.now() - started) / 1000).toFixed(1)} s after opening`);
      const restarted = async (name: string, pid: number) => {
        while (cluster_.pidOf(name) === pid || cluster_.pidOf(name) === undefined) await sleep(100);
      };
      // (a) One of the two Koers workers, killed mid-fan-out: once the round has reached its first journey.
      while ((await office.applying()) === 0) await sleep(100);
      const worker = cluster_.pidOf('worker-1')!;
      process.kill(worker, 'SIGKILL');
      await note('worker-1 killed (SIGKILL)');
      // (b) The history service, restarted (stopped, then started again by start:cluster).
      await sleep(2_000);
      const history = cluster_.pidOf('temporal-history')!;
      process.kill(history, 'SIGTERM');
      await restarted('temporal-history', history);
      await note('history service restarted');
      // (c) Temporal's PostgreSQL, stopped (fast shutdown, as pg_ctl stop does) and started again later.
      await sleep(2_000);
      const dataDir = path.join(cluster_.dataDir, 'cluster', 'temporal-postgres');
      const postmaster = Number(readFileSync(path.join(realpathSync(dataDir), 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(postmaster, 'SIGINT');
      while (isAlive(postmaster)) await sleep(100);
      await note("Temporal's PostgreSQL stopped");
      await sleep(POSTGRES_OUTAGE_MS);
      restartedPostgres = await startPostgresProcess(dataDir, temporalPostgresPort);
      await note(`Temporal's PostgreSQL started again after ${POSTGRES_OUTAGE_MS / 1000} s`);
    },
    dev.mails.length,
  );
  sizes = await databaseSizes({ koers: cluster_.ports.postgres, temporal: temporalPostgresPort });
  cluster = clusterOutcome;
}, 1_500_000);

/** Sizes in MB of Koers's and Temporal's databases, for the README's sizing figures. */
async function databaseSizes(ports: Record<string, number>): Promise<string> {
  const sizes: string[] = [];
  for (const [port, names] of [
    [ports.koers!, ['koers']],
    [ports.temporal!, ['temporal', 'temporal_visibility']],
  ] as const) {
    const client = new Client({ connectionString: `postgresql://koers:koers@127.0.0.1:${port}/postgres` });
    await client.connect();
    for (const name of names) {
      const { rows } = await client.query<{ size: string }>('SELECT pg_database_size($1) AS size', [name]);
      sizes.push(`${name} ${(Number(rows[0]!.size) / 1024 / 1024).toFixed(1)} MB`);
    }
    await client.end();
  }
  return sizes.join(', ');
}

afterAll(async () => {
  // Temporal's PostgreSQL first, where this test started it again: the stack stops the rest.
  await restartedPostgres?.stop();
  await stack?.stop();
  if (dev && cluster) {
    console.log(
      [
        `A round opening for ${JOURNEYS} waiting journeys, until every one is applying:`,
        `  dev server (npm start):                 ${dev.seconds.toFixed(1)} s`,
        `  cluster (npm run start:cluster), with failures: ${cluster.seconds.toFixed(1)} s`,
        ...events.map((e) => `    ${e}`),
        `  databases after the cluster's round (every journey with its steps, mails and histories): ${sizes}`,
      ].join('\n'),
    );
  }
}, 180_000);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('the failures struck while the round was still reaching its journeys', () => {
  expect(events).toHaveLength(4);
  const applying = events.map((e) => Number(/: (\d+)\//.exec(e)![1]));
  expect(applying[0]).toBeGreaterThan(0);
  expect(applying[0]).toBeLessThan(JOURNEYS);
});

test('every journey ends in the right phase, with every step stored once and in order', () => {
  expect([...cluster.journeys.keys()].sort()).toEqual([...dev.journeys.keys()].sort());
  expect(cluster.journeys.size).toBe(JOURNEYS);
  for (const [journeyId, journey] of cluster.journeys) {
    expect({ journeyId, phase: journey.phase }).toEqual({ journeyId, phase: 'application' });
    // The same steps as on the dev server, none twice, in the order they were recorded.
    expect({ journeyId, steps: journey.steps }).toEqual({ journeyId, steps: dev.journeys.get(journeyId)!.steps });
    expect(journey.seqs).toEqual([...journey.seqs].sort((a, b) => a - b));
    expect(new Set(journey.seqs).size).toBe(journey.seqs.length);
  }
});

test('each mail arrives exactly once, counted on the SMTP server', () => {
  expect(dev.mails.length).toBeGreaterThanOrEqual(JOURNEYS);
  expect(new Set(cluster.mails).size).toBe(cluster.mails.length);
  expect(cluster.mails).toEqual(dev.mails);
});

test("the Temporal CLI's counts per KoersPhase over running workflows (SQL visibility) equal the office overview's", async () => {
  const office = cluster.office;
  const cli = ensureTemporalCli()!;
  const count = (query: string) => {
    const result = run(cli, ['workflow', 'count', '--address', `127.0.0.1:${stack!.ports.temporal}`, '--query', query, '--output', 'json']);
    if (result.status !== 0) throw new Error(result.stderr);
    return Number(JSON.parse(result.stdout).count ?? 0);
  };
  const overview = await office.countsByPhase();
  expect(overview.application).toBe(JOURNEYS);
  // Visibility follows the histories shortly after: the same numbers, once it caught up.
  let fromTemporal: Record<string, number> = {};
  for (let attempt = 0; attempt < 60; attempt++) {
    fromTemporal = Object.fromEntries(Object.keys(overview).map((phase) => [phase, count(`ExecutionStatus="Running" AND KoersPhase="${phase}"`)]));
    if (JSON.stringify(fromTemporal) === JSON.stringify(overview)) break;
    await sleep(1_000);
  }
  expect(fromTemporal).toEqual(overview);
  const total = Object.values(overview).reduce((a, b) => a + b, 0);
  expect(count('ExecutionStatus="Running" AND KoersPhase IS NOT NULL')).toBe(total);
});
