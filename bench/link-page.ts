/**
 * A school's link page under load: 50 clients at once opening their conversation invitation (link
 * check in PostgreSQL, the journey read from its case record, the page rendered), against a bare
 * Express handler sending the same page, all measured in this run, interleaved in rounds so a
 * busy moment of the machine falls on each. A third server, the database floor, makes the page's
 * two reads (link, case record) and sends the same page: what PostgreSQL and its client cost
 * before Koers does anything of its own.
 *
 *   npm run bench:link-page -- [requests=2000] [clients=50]
 *
 * Writes bench/results/link-page.json and prints a table.
 */
import express from 'express';
import { createApp } from '../api/app';
import { startJourney } from '../services/journeys/start-journey';
import { issueLink } from '../services/links/issue-link';
import { openLink } from '../services/links/open-link';
import { readCase } from '../services/journeys/journey-record';
import { listenOnLoopback, type Listening } from '../platform/listen';
import { createLogger } from '../platform/logger';
import { planConversation } from '../workflows/contracts/journey';
import { inBatches, percentile, startBenchStack, writeResults } from './stack';

const JOURNEYS = 50;
/** Rounds the measured requests are split into, Koers and bare taking turns (who goes first alternates). */
const ROUNDS = 6;

/** `requests` GETs spread over `clients` concurrent clients; the latency of each, sorted. */
async function load(urls: string[], requests: number, clients: number): Promise<number[]> {
  const timings: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requests) {
        const url = urls[next++ % urls.length]!;
        const started = performance.now();
        const response = await fetch(url);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${response.status} for ${url}`);
        timings.push(performance.now() - started);
      }
    }),
  );
  return timings.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? 2000);
  const clients = Number(process.argv[3] ?? 50);
  const stack = await startBenchStack();
  const servers: Listening[] = [];
  try {
    const app = createApp({
      db: stack.db,
      temporal: stack.client,
      taskQueue: stack.taskQueue,
      log: createLogger('silent'),
      schoolPageRequestsPerMinute: 1_000_000,
    });
    const koers = await listenOnLoopback(app);
    servers.push(koers);

    // Journeys with a planned conversation, and a link to each (made here: the mail is not under test).
    process.stderr.write(`preparing ${JOURNEYS} journeys with an invitation…\n`);
    await stack.db.school.createMany({
      data: Array.from({ length: JOURNEYS }, (_, i) => ({
        brin: `${String(i).padStart(2, '0')}LP`,
        name: `School ${i}`,
        sector: 'PO' as const,
        region: 'Utrecht',
        contactEmail: `school${i}@bench.example`,
        inspectionRating: 'goed',
        equalAccessMarkers: [],
      })),
    });
    const urls: string[] = [];
    await inBatches(
      Array.from({ length: JOURNEYS }, (_, i) => i),
      10,
      async (i) => {
        const deps = { db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue };
        const { journeyId } = await startJourney(deps, { brin: `${String(i).padStart(2, '0')}LP`, track: 'expertschool', hasAspirantYearBehind: false });
        const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
        await stack.client.workflow
          .getHandle(journeyId)
          .executeUpdate(planConversation, { args: [{ startsAt, durationMinutes: 60, location: 'Dorpsstraat 1', plannedBy: 'Bench' }] });
        // The invitation mail withdraws the step's earlier links when it goes out: issue the bench's
        // own link only after it has, or the mail would revoke it.
        while ((await stack.db.outboxMail.count({ where: { journeyId, status: 'sent' } })) === 0) await new Promise((r) => setTimeout(r, 50));
        const link = await stack.db.$transaction((tx) =>
          issueLink(tx, koers.url, { journeyId, purpose: 'conversation', scope: '0-1', stepEndsAt: new Date(startsAt), singleUse: true }),
        );
        urls.push(link.url);
      },
    );
    const page = await (await fetch(urls[0]!)).text();

    const bare = express();
    bare.get('/s/:token', (_req, res) => void res.type('html').send(page));
    const baseline = await listenOnLoopback(bare);
    servers.push(baseline);
    const reads = express();
    reads.get('/s/:token', async (req, res) => {
      const check = await openLink(stack.db, req.params.token);
      if (check.status !== 'valid' || !(await readCase(stack.db, check.link.journeyId))) return void res.sendStatus(404);
      res.type('html').send(page);
    });
    const floor = await listenOnLoopback(reads);
    servers.push(floor);
    const targets = { koers: urls, bare: urls.map((url) => url.replace(koers.url, baseline.url)), floor: urls.map((url) => url.replace(koers.url, floor.url)) };

    for (const list of Object.values(targets)) await load(list, 200, clients); // warm up each
    const measured = { koers: [] as number[], bare: [] as number[], floor: [] as number[] };
    const names = ['koers', 'bare', 'floor'] as const;
    for (let round = 0; round < ROUNDS; round++) {
      const share = Math.ceil(requests / ROUNDS);
      // Who goes first turns each round.
      for (let k = 0; k < names.length; k++) {
        const name = names[(round + k) % names.length]!;
        measured[name].push(...(await load(targets[name], share, clients)));
      }
    }
    for (const timings of Object.values(measured)) timings.sort((a, b) => a - b);
    const row = (name: string, t: number[]) => ({ name, p50: Math.round(percentile(t, 50) * 10) / 10, p95: Math.round(percentile(t, 95) * 10) / 10 });
    const rows = [
      row('bare Express handler, same page', measured.bare),
      row('school link page (link check, case record, render)', measured.koers),
      row('database floor: bare Express making the same two reads, same page', measured.floor),
    ];
    const ratioTo = (base: { p50: number; p95: number }, p: 'p50' | 'p95') => Math.round((rows[1]![p] / base[p]) * 10) / 10;
    const report = {
      measuredAt: new Date().toISOString(),
      requests,
      clients,
      pageBytes: Buffer.byteLength(page),
      results: rows,
      ratioP50: ratioTo(rows[0]!, 'p50'),
      ratioP95: ratioTo(rows[0]!, 'p95'),
      /** The link page against the database floor: what Koers adds beyond its two reads. */
      floorRatioP50: ratioTo(rows[2]!, 'p50'),
      floorRatioP95: ratioTo(rows[2]!, 'p95'),
    };
    writeResults('link-page', report);
    console.log(`\n| ${requests} requests, ${clients} clients at once | p50 ms | p95 ms |\n|---|---|---|`);
    for (const r of rows) console.log(`| ${r.name} | ${r.p50} | ${r.p95} |`);
    console.log(`| ratio (link page / bare) | ${report.ratioP50} | ${report.ratioP95} |`);
    console.log(`| ratio (link page / database floor) | ${report.floorRatioP50} | ${report.floorRatioP95} |`);
  } finally {
    for (const server of servers) await server.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
