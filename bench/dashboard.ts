/**
 * The office's overview with a hundred thousand cases: p50 and p95 of listing, every filter and the
 * searches (part of a name, part of a BRIN) over HTTP, against an authenticated request that does no
 * listing (GET /api/session), both in this run. The record is seeded by devtools/overview-seed.ts
 * (a school has several cases, as over the years: a fifth as many schools as cases, at most 20,000).
 *
 *   npm run bench:dashboard -- [cases=100000] [requests=200]
 *
 * Writes bench/results/dashboard.json and prints a table.
 */
import { mkdtempSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { createApp } from '../api/app';
import { createDb } from '../platform/db';
import { startEmbeddedPostgres } from '../devtools/embedded-postgres';
import { seedOverview } from '../devtools/overview-seed';
import { freePort } from '../devtools/free-port';
import { listenOnLoopback, type Listening } from '../platform/listen';
import { createLogger } from '../platform/logger';
import { migrateDatabase } from '../platform/migrate';
import { addStaffMember } from '../services/staff/manage-staff';
import { percentile, writeResults } from './stack';

/** Signs in as a browser does (POST /api/session); answers the session cookie to send along. */
async function signInOverHttp(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`sign-in: ${response.status}`);
  return cookie;
}

async function main(): Promise<void> {
  const cases = Number(process.argv[2] ?? 100_000);
  const requests = Number(process.argv[3] ?? 200);
  const scratch = mkdtempSync(path.join(tmpdir(), 'koers-bench-'));
  await chmod(scratch, 0o755);
  const database = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), port: await freePort(), ephemeral: true });
  await migrateDatabase(database.url);
  const db = createDb(database.url);
  let server: Listening | undefined;
  try {
    const schools = Math.min(20_000, Math.ceil(cases / 5));
    console.log(`seeding ${cases} cases of ${schools} schools…`);
    await seedOverview(db, { schools, cases });

    const app = createApp({ db, temporal: new Client(), taskQueue: 'bench', log: createLogger('silent') });
    server = await listenOnLoopback(app);
    const base = server.url;
    const { password } = await addStaffMember(db, { email: 'bench@ontwikkelkracht.example', name: 'Bench', role: 'staff' });
    const cookie = await signInOverHttp(base, 'bench@ontwikkelkracht.example', password);

    const scenarios: [string, string][] = [
      ['baseline: who is signed in (GET /api/session)', '/api/session'],
      ['list, first page', '/api/cases'],
      ['list, page 100', '/api/cases?page=100'],
      ['filter: phase', '/api/cases?phase=application'],
      ['filter: track', '/api/cases?track=ontwikkelschool'],
      ['filter: sector', '/api/cases?sector=VO'],
      ['filter: region', '/api/cases?region=Utrecht'],
      ['filter: sector and region', '/api/cases?sector=VO&region=Utrecht'],
      ['filter: waiting for', '/api/cases?waitingFor=office'],
      ['filter: round', '/api/cases?roundId=ronde-2025'],
      ['filter: overdue', '/api/cases?attention=overdue'],
      ['filter: stuck', '/api/cases?attention=stuck'],
      ['filter: form missed', '/api/cases?attention=form_missed'],
      ['filter: new request', '/api/cases?attention=new_request'],
      ['search: school name', '/api/cases?q=Basisschool%204242'],
      ['search: part of a name, any case', '/api/cases?q=school%20424'],
      ['search: part of a BRIN, any case', '/api/cases?q=2qa'],
      ['search: start of a BRIN', '/api/cases?q=42'],
      ['overview page (HTML, all of the above and the problems)', '/kantoor?phase=decision'],
    ];
    const results = [];
    for (const [name, route] of scenarios) {
      const timings: number[] = [];
      for (let i = 0; i < requests + 20; i++) {
        const started = performance.now();
        const response = await fetch(`${base}${route}`, { headers: { cookie } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${route}: ${response.status}`);
        if (i >= 20) timings.push(performance.now() - started); // the first 20 warm up
      }
      timings.sort((a, b) => a - b);
      results.push({ name, route, p50: percentile(timings, 50), p95: percentile(timings, 95) });
    }
    const baseline = results[0]!;
    const rows = results.map((r) => ({
      ...r,
      p50: Math.round(r.p50 * 10) / 10,
      p95: Math.round(r.p95 * 10) / 10,
      ratioP95: Math.round((r.p95 / baseline.p95) * 10) / 10,
    }));
    const report = { measuredAt: new Date().toISOString(), cases, requestsPerScenario: requests, results: rows };
    writeResults('dashboard', report);
    console.log(`\n| ${cases.toLocaleString('en')} cases, ${requests} requests each | p50 ms | p95 ms | p95 / baseline |\n|---|---|---|---|`);
    for (const r of rows) console.log(`| ${r.name} | ${r.p50} | ${r.p95} | ${r.ratioP95} |`);
  } finally {
    await server?.close();
    await db.$disconnect();
    await database.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
