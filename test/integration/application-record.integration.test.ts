/**
 * The application as the record keeps it: each recorded step replaces the stored application and
 * its parts by the recorded ones (parts added, changed and taken away), and a step stored twice
 * (a retried activity) leaves the same record.
 */
import { recordJourneyStep } from '../../activities/record-journey-step';
import type { ApplicationView } from '../../domain/journey';
import type { JourneyEvent } from '../../domain/journey-step';
import { createDb, type Db } from '../../platform/db';
import { createTestDatabase } from '../support/database';
import { completeApplication, createRoundRecord, createSchool, journeyStepOf } from '../support/fixtures';

let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase());
});
afterAll(async () => {
  await db?.$disconnect();
});

async function storedApplication(id: string) {
  return db.application.findUniqueOrThrow({
    where: { id },
    include: { participants: { orderBy: { position: 'asc' } }, sections: { orderBy: { key: 'asc' } }, trajectories: { orderBy: { position: 'asc' } } },
  });
}

test('each recorded application replaces the stored one with its parts; storing a step again changes nothing', async () => {
  const school = await createSchool(db);
  const journeyId = `journey-expertschool-${school.brin}`;
  const round = await createRoundRecord(db, Date.parse('2027-05-01T08:00:00Z'), { id: `record-${school.brin}`, opensInDays: 0, openForDays: 30 });
  let seq = 0;
  const record = (event: JourneyEvent, again = false) => {
    if (!again) seq += 1;
    return recordJourneyStep(
      db,
      journeyStepOf(journeyId, school.brin, seq, event, {
        actor: 'school',
        caseState: { phase: 'application', waitingFor: 'school', schoolYear: round.schoolYear, roundId: round.id },
        from: '2027-05-02T08:00:00Z',
        spacingMs: 60_000,
      }),
    );
  };
  const full = completeApplication();
  const draft: ApplicationView = {
    id: `${journeyId}/${round.id}`,
    roundId: round.id,
    schoolYear: round.schoolYear,
    status: 'draft',
    ...full,
    otherSubsidies: ['groeikracht'],
    amountEuros: null,
    submittedAt: null,
    decision: null,
  };
  await record({ type: 'journey_started', hasAspirantYearBehind: false });
  await record({ type: 'application_saved', application: draft });

  let stored = await storedApplication(draft.id);
  expect(stored).toMatchObject({ journeyId, roundId: round.id, status: 'draft', otherSubsidies: ['groeikracht'], amountEuros: null, submittedAt: null });
  expect(stored.participants.map(({ position, name, email, role }) => ({ position, name, email, role }))).toEqual(
    full.participants.map((participant, position) => ({ position, ...participant })),
  );
  expect(stored.sections).toHaveLength(Object.keys(full.sections).length);
  expect(stored.trajectories.map(({ title, places }) => ({ title, places }))).toEqual(full.trajectories);

  // Fewer participants, one changed; a section gone and one changed; no trajectories left.
  const [leader, teacher] = full.participants;
  const sections = { ...full.sections, organisation_and_roles: 'Anders verdeeld.' } as Record<string, string>;
  delete sections.evidence_of_expertise;
  const submitted: ApplicationView = {
    ...draft,
    status: 'submitted',
    participants: [leader!, { ...teacher!, email: 'jan@regenboog.example' }],
    sections,
    trajectories: [],
    otherSubsidies: [],
    amountEuros: 120_416,
    submittedAt: '2027-05-20T10:00:00.000Z',
  };
  await record({ type: 'application_saved', application: submitted });
  await record({ type: 'application_saved', application: submitted }, true);

  stored = await storedApplication(draft.id);
  expect(stored).toMatchObject({
    status: 'submitted',
    otherSubsidies: [],
    amountEuros: 120_416,
    submittedAt: new Date('2027-05-20T10:00:00.000Z'),
    decision: null,
  });
  expect(stored.participants.map(({ position, name, email }) => ({ position, name, email }))).toEqual([
    { position: 0, name: leader!.name, email: leader!.email },
    { position: 1, name: teacher!.name, email: 'jan@regenboog.example' },
  ]);
  expect(Object.fromEntries(stored.sections.map(({ key, content }) => [key, content]))).toEqual(sections);
  expect(stored.trajectories).toEqual([]);

  const decision = { decision: 'approved' as const, reason: 'Een sterk plan.', decidedBy: 'Bram de Boer', decidedAt: '2027-07-02T10:00:00.000Z' };
  await record({ type: 'application_decided', application: { ...submitted, status: 'approved', decision } });
  expect(await storedApplication(draft.id)).toMatchObject({
    status: 'approved',
    decision: 'approved',
    decisionReason: 'Een sterk plan.',
    decidedBy: 'Bram de Boer',
    decidedAt: new Date(decision.decidedAt),
    submittedAt: new Date('2027-05-20T10:00:00.000Z'),
  });
  expect(await db.auditEvent.count({ where: { journeyId } })).toBe(seq);
});
