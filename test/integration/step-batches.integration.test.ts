/**
 * Steps of many journeys stored together (activities/step-batches.ts), against PostgreSQL: every
 * call's steps are stored once and in order, a call resolves only once they are, and a failing
 * journey fails its own call alone.
 */
import { createStepBatches } from '../../activities/step-batches';
import type { JourneyStep } from '../../domain/journey-step';
import { createDb, type Db } from '../../platform/db';
import { createTestDatabase } from '../support/database';
import { createSchool, journeyStepOf } from '../support/fixtures';

let db: Db;
beforeAll(async () => {
  db = createDb(await createTestDatabase());
});
afterAll(async () => {
  await db?.$disconnect();
});

function stepOf(journeyId: string, brin: string, seq: number, phase: JourneyStep['caseState']['phase']): JourneyStep {
  return journeyStepOf(journeyId, brin, seq, { type: 'phase_entered', phase }, { caseState: { phase }, from: '2027-03-01T09:00:00Z', spacingMs: 1_000 });
}

test('calls arriving together are all stored, each with its steps in order, and each resolves once its steps are committed', async () => {
  const store = createStepBatches(db);
  const schools = await Promise.all(Array.from({ length: 30 }, () => createSchool(db)));
  const calls = schools.map(async ({ brin }) => {
    const journeyId = `journey-expertschool-${brin}`;
    await store([stepOf(journeyId, brin, 1, 'conversation'), stepOf(journeyId, brin, 2, 'intake')]);
    // Resolved: what it stored is there to read, in its order.
    const row = await db.journey.findUniqueOrThrow({ where: { id: journeyId } });
    const audit = await db.auditEvent.findMany({ where: { journeyId }, orderBy: { seq: 'asc' } });
    return { phase: row.phase, lastStep: row.lastStep, seqs: audit.map((a) => a.seq) };
  });
  for (const stored of await Promise.all(calls)) expect(stored).toEqual({ phase: 'intake', lastStep: 2, seqs: [1, 2] });

  // Again (a retried activity): nothing twice, nothing moved back.
  const { brin } = schools[0]!;
  await store([stepOf(`journey-expertschool-${brin}`, brin, 1, 'conversation')]);
  expect(await db.auditEvent.count({ where: { journeyId: `journey-expertschool-${brin}` } })).toBe(2);
  expect((await db.journey.findUniqueOrThrow({ where: { id: `journey-expertschool-${brin}` } })).phase).toBe('intake');
});

test('a journey whose steps cannot be stored fails its own call; the others in its batch are stored', async () => {
  const store = createStepBatches(db);
  const schools = await Promise.all(Array.from({ length: 12 }, () => createSchool(db)));
  const outcomes = await Promise.allSettled([
    ...schools.map(({ brin }) => store([stepOf(`journey-expertschool-${brin}`, brin, 1, 'conversation')])),
    // No such school: the case row's reference to it fails.
    store([stepOf('journey-expertschool-0000', '0000', 1, 'conversation')]),
  ]);
  expect(outcomes.slice(0, -1).every((o) => o.status === 'fulfilled')).toBe(true);
  expect(outcomes.at(-1)!.status).toBe('rejected');
  expect(await db.journey.count({ where: { brin: { in: schools.map((s) => s.brin) } } })).toBe(12);
  expect(await db.journey.count({ where: { id: 'journey-expertschool-0000' } })).toBe(0);
});
