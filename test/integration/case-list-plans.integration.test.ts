/**
 * The office overview stays fast as the record grows because PostgreSQL answers its queries from
 * indexes: on 50,000 cases of 20,000 schools (enough that the planner weighs an index against reading the table),
 * every query listCases sends, for every filter and search, is EXPLAINed as sent and may not read
 * the cases or schools table whole. A search finds by part of a name or BRIN, in any case.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { Client } from 'pg';
import { seedOverview } from '../../devtools/overview-seed';
import { PrismaClient } from '../../generated/prisma/client';
import { CaseFilters, listCases } from '../../services/office/case-list';
import { createTestDatabase } from '../support/database';

const now = new Date('2027-03-01T09:00:00Z');
let db: PrismaClient;
let pg: Client;
const sent: { query: string; params: unknown[] }[] = [];

beforeAll(async () => {
  const url = await createTestDatabase();
  // Prisma's own client with its query events: what listCases sends, with its parameters.
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (event) => sent.push({ query: event.query, params: JSON.parse(event.params) as unknown[] }));
  db = client;
  pg = new Client({ connectionString: url });
  await pg.connect();
  await seedOverview(db, { schools: 20_000, cases: 50_000, now });
});
afterAll(async () => {
  await db?.$disconnect();
  await pg?.end();
});

/** The plans of the queries listCases sends for these filters, and its answer. */
async function plansOf(filters: Record<string, string>) {
  sent.length = 0;
  const list = await listCases(db, CaseFilters.parse(filters), now);
  const queries = [...sent];
  const plans = [];
  for (const { query, params } of queries) {
    const { rows } = await pg.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query}`, params);
    plans.push({ query, plan: rows.map((row) => row['QUERY PLAN']).join('\n') });
  }
  return { list, plans };
}

const readsWhole = /Seq Scan on "(Journey|School)"/;
const usesIndex = /(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) "(Journey|School)_/;

// Each filter on its own, combined, paged, and the searches.
const scenarios: [string, Record<string, string>][] = [
  ['no filter', {}],
  ['page 100', { page: '100' }],
  ['phase', { phase: 'application' }],
  ['track', { track: 'ontwikkelschool' }],
  ['sector and region', { sector: 'SO', region: 'Zeeland' }],
  ['waiting for', { waitingFor: 'office' }],
  ['round', { roundId: 'ronde-2025' }],
  ['overdue', { attention: 'overdue' }],
  ['stuck', { attention: 'stuck' }],
  ['new request', { attention: 'new_request' }],
  ['phase and track', { phase: 'decision', track: 'expertschool' }],
  ['search: the whole name', { q: 'Basisschool 4242 Utrecht' }],
  ['search: part of a name, any case', { q: 'SCHOOL 4242 utr' }],
  ['search: the BRIN', { q: '42QA' }],
  ['search: part of a BRIN, any case', { q: '2qa' }],
  ['search: the start of a BRIN', { q: '42' }],
  ['search and a filter', { q: 'school 42', sector: 'PO' }],
];

test.each(scenarios)('%s: every query reads the cases and schools through an index', async (_, filters) => {
  const { plans } = await plansOf(filters);
  expect(plans.length).toBeGreaterThanOrEqual(2);
  for (const { query, plan } of plans) {
    if (!/"(Journey|School)"/.test(query)) continue;
    expect({ query, plan, readsWhole: readsWhole.test(plan) }).toEqual({ query, plan, readsWhole: false });
    expect({ query, plan, usesIndex: usesIndex.test(plan) || /One-Time Filter: false/.test(plan) }).toEqual({ query, plan, usesIndex: true });
  }
});

/**
 * Counting per phase the cases of a third (one sector) or a twelfth (one region) of all schools, or
 * those with a missed form: at this size reading the cases table once costs PostgreSQL less than an
 * index probe per match (at 100,000 cases it takes the index for a region). The page of rows still
 * comes from the index in the overview's order, and the schools or forms from theirs.
 */
test.each([
  ['sector', { sector: 'VO' }],
  ['region', { region: 'Utrecht' }],
  ['form missed', { attention: 'form_missed' }],
])('%s: the page comes from the index; only the count per phase may read the cases whole', async (_, filters) => {
  const { plans } = await plansOf(filters);
  for (const { query, plan } of plans) {
    if (!/"(Journey|School)"/.test(query)) continue;
    const counting = /^SELECT COUNT\(\*\)/.test(query);
    if (!counting) expect({ query, plan, readsWhole: readsWhole.test(plan) }).toEqual({ query, plan, readsWhole: false });
    expect(plan).not.toMatch(/Seq Scan on "(School|FormRequest)"/);
  }
});

test('a search finds by part of the name or BRIN, in any case, and by the start of a BRIN', async () => {
  const brinsOf = async (q: string) => new Set((await listCases(db, CaseFilters.parse({ q }), now)).rows.map((row) => row.brin));
  const names = async (q: string) => new Set((await listCases(db, CaseFilters.parse({ q }), now)).rows.map((row) => row.schoolName));
  expect(await names('basisschool 4242 utrecht')).toEqual(new Set(['Basisschool 4242 Utrecht']));
  expect(await names('SCHOOL 4242 UTR')).toEqual(new Set(['Basisschool 4242 Utrecht']));
  expect(await brinsOf('42qa')).toEqual(new Set(['42QA']));
  // 2QA is part of ten BRINs: 02QA, 12QA … 92QA.
  expect(await brinsOf('2qa')).toEqual(new Set(Array.from({ length: 10 }, (_, k) => `${k}2QA`)));
  const start = await listCases(db, CaseFilters.parse({ q: '42' }), now);
  expect(start.total).toBeGreaterThan(0);
  for (const row of start.rows) expect(row.brin.startsWith('42') || row.schoolName.toLowerCase().startsWith('42')).toBe(true);
});
