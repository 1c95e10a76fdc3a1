/**
 * The journey's read model in PostgreSQL, kept by its steps: the workflow's ordered step recorder
 * hands the steps of a workflow task to the recordJourneySteps activity, which stores them here.
 */
import { Prisma, type Db } from '../platform/db';
import type { FormRequestView } from '../domain/forms';
import { ApplicationDraft, type Participant } from '../domain/application';
import type { ApplicationView } from '../domain/journey';
import type { CaseState, JourneyStep } from '../domain/journey-step';

type Tx = Prisma.TransactionClient;

/**
 * Stores one journey step in a single transaction: the case's read-model row, the records the
 * event carries (conversation, application, …) and the audit event. Safe to run twice: every
 * write is keyed by the step or by the record's own id, and the case row only moves forward.
 * Histories from before the steps were stored together still call it (as the recordJourneyStep activity).
 */
export async function recordJourneyStep(db: Db, step: JourneyStep): Promise<void> {
  await recordJourneySteps(db, [step]);
}

/**
 * Stores the steps a workflow task queued (or, under load, several journeys' tasks: step-batches.ts),
 * in their order, in one transaction: all of them or none, so a retry stores them again from the
 * first. Safe to run twice, as each step is. A fixed number of statements for the case rows and the
 * audit trail, however many steps: each case row takes its journey's last step (the row only moves
 * forward), and is written before the records that refer to it.
 */
export async function recordJourneySteps(db: Db, steps: JourneyStep[]): Promise<void> {
  // Prisma's default of 5 s is short for a batch on a busy database. Below the activity's 30 s, so an
  // attempt given up on can no longer commit once the next one starts.
  await db.$transaction(
    async (tx) => {
      await upsertCases(tx, lastStepOfEachJourney(steps));
      for (const step of steps) await writeEventRecords(tx, step);
      await tx.auditEvent.createMany({
        data: steps.map((step) => ({
          id: step.key,
          journeyId: step.caseState.journeyId,
          seq: step.seq,
          at: new Date(step.at),
          actor: step.actor,
          type: step.event.type,
          data: step.event as unknown as Prisma.InputJsonValue,
        })),
        skipDuplicates: true,
      });
    },
    { timeout: 20_000 },
  );
}

/** Per journey its step with the highest number, in journey order (two batches lock shared rows in the same order). */
function lastStepOfEachJourney(steps: JourneyStep[]): JourneyStep[] {
  const last = new Map<string, JourneyStep>();
  for (const step of steps) {
    const seen = last.get(step.caseState.journeyId);
    if (!seen || seen.seq < step.seq) last.set(step.caseState.journeyId, step);
  }
  return [...last.values()].sort((a, b) => (a.caseState.journeyId < b.caseState.journeyId ? -1 : 1));
}

async function upsertCases(tx: Tx, steps: JourneyStep[]): Promise<void> {
  const rows = steps.map(({ caseState: c, seq }) => {
    const deadline = c.nextDeadline === null ? null : new Date(c.nextDeadline);
    return Prisma.sql`(${c.journeyId}, ${c.brin}, ${c.track}, ${c.cycle}, ${c.phase}, ${c.waitingFor}, ${deadline}, ${c.schoolYear}, ${c.roundId}, ${c.outcome}, ${seq}, now())`;
  });
  // A plain upsert cannot say "only if newer"; ON CONFLICT … WHERE can.
  await tx.$executeRaw`
    INSERT INTO "Journey" ("id", "brin", "track", "cycle", "phase", "waitingFor", "nextDeadline", "schoolYear", "roundId", "outcome", "lastStep", "updatedAt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("id") DO UPDATE SET
      "cycle" = EXCLUDED."cycle", "phase" = EXCLUDED."phase", "waitingFor" = EXCLUDED."waitingFor",
      "nextDeadline" = EXCLUDED."nextDeadline", "schoolYear" = EXCLUDED."schoolYear", "roundId" = EXCLUDED."roundId",
      "outcome" = EXCLUDED."outcome", "lastStep" = EXCLUDED."lastStep", "updatedAt" = now()
    WHERE "Journey"."lastStep" < EXCLUDED."lastStep"`;
}

async function writeEventRecords(tx: Tx, { event, caseState, at, actor }: JourneyStep): Promise<void> {
  const { journeyId, cycle } = caseState;
  const recordedAt = new Date(at);
  switch (event.type) {
    case 'conversation_recorded': {
      const data = { journeyId, cycle, kind: event.kind, conductedOn: new Date(event.conductedOn), report: event.report, recordedBy: actor, recordedAt };
      const id = `${journeyId}/${cycle}`;
      await tx.conversation.upsert({ where: { id }, create: { id, ...data }, update: data });
      return;
    }
    case 'intake_recorded': {
      const data = { journeyId, cycle, outcome: event.outcome, notes: event.notes, recordedBy: actor, recordedAt };
      const id = `${journeyId}/${cycle}`;
      await tx.intakeOutcome.upsert({ where: { id }, create: { id, ...data }, update: data });
      return;
    }
    case 'round_joined': // the (empty or carried-over) draft for the round
    case 'application_saved':
    case 'application_decided':
      return saveApplication(tx, journeyId, event.application);
    case 'expert_team_registered':
      return saveAspirantYear(tx, journeyId, event.schoolYear, { members: event.members });
    case 'aspirant_outcome_recorded': {
      const { outcome, reason, recordedBy } = event.outcome;
      return saveAspirantYear(tx, journeyId, event.schoolYear, { outcome, reason, recordedBy, recordedAt });
    }
    case 'form_requested':
    case 'form_reminded':
    case 'form_answered':
    case 'form_missed':
      return saveFormRequest(tx, journeyId, event.form);
    case 'registration_submitted': // the cohort the school registered for, and its self-evaluation as an answered form
      await tx.journey.update({ where: { id: journeyId }, data: { cohortId: event.registration.cohortId } });
      return saveFormRequest(tx, journeyId, event.selfEvaluation);
    case 'development_group_assigned': // also written by the cohort when the office confirmed the group
      await tx.journey.update({ where: { id: journeyId }, data: { developmentGroupId: event.group.groupId } });
      return;
    case 'cohort_place_granted': // the cohort's workflow holds the places; the audit event says what changed
    case 'enrolment_changed': // the hub's record holds the places; the audit event says what changed
    case 'journey_started':
    case 'phase_entered':
    case 'conversation_planned': // the plan and the answer live in the audit event and the workflow
    case 'conversation_answered':
    case 'round_missed':
    case 'journey_closed':
      return; // the case row and the audit event say it all
    default:
      return assertNever(event);
  }
}

/** Writes the application as it now stands, its participants, sections and trajectories replaced by the recorded ones. */
async function saveApplication(tx: Tx, journeyId: string, recorded: ApplicationView): Promise<void> {
  // A draft the journey knows only by reference: its content is the stored draft's.
  const stored = recorded.status === 'draft' && recorded.draftId ? await tx.stagedDraft.findUnique({ where: { id: recorded.draftId } }) : null;
  const a = stored ? { ...recorded, ...ApplicationDraft.parse(stored.content) } : recorded;
  if (stored) {
    // Earlier stored drafts are spent once a later one is recorded; an hour's grace for steps still under way.
    await tx.stagedDraft.deleteMany({ where: { journeyId, id: { not: stored.id }, createdAt: { lt: new Date(Date.now() - 3_600_000) } } });
  }
  const id = a.id;
  const participants = a.participants.map(({ name, email, role }, position) => ({ position, name, email, role }));
  const sections = Object.entries(a.sections).map(([key, content]) => ({ key, content: content ?? '' }));
  const trajectories = a.trajectories.map(({ title, places }, position) => ({ position, title, places }));
  // One statement, so one round trip, for what once took five: the application upserted, each part
  // upserted by its key and the parts beyond the new ones removed. The parts' inserts and deletes
  // touch different rows, and their foreign keys are checked at the statement's end, after the
  // application row is there.
  await tx.$executeRaw`
    WITH application AS (
      INSERT INTO "Application" ("id", "journeyId", "roundId", "schoolYear", "status", "otherSubsidies", "amountEuros", "submittedAt", "decision", "decisionReason", "decidedBy", "decidedAt", "updatedAt")
      VALUES (${id}, ${journeyId}, ${a.roundId}, ${a.schoolYear}, ${a.status}, ${a.otherSubsidies}::text[], ${a.amountEuros}::int,
              ${a.submittedAt === null ? null : new Date(a.submittedAt)}::timestamp(3), ${a.decision?.decision ?? null}, ${a.decision?.reason ?? null},
              ${a.decision?.decidedBy ?? null}, ${a.decision ? new Date(a.decision.decidedAt) : null}::timestamp(3), now())
      ON CONFLICT ("id") DO UPDATE SET
        "journeyId" = EXCLUDED."journeyId", "roundId" = EXCLUDED."roundId", "schoolYear" = EXCLUDED."schoolYear", "status" = EXCLUDED."status",
        "otherSubsidies" = EXCLUDED."otherSubsidies", "amountEuros" = EXCLUDED."amountEuros", "submittedAt" = EXCLUDED."submittedAt",
        "decision" = EXCLUDED."decision", "decisionReason" = EXCLUDED."decisionReason", "decidedBy" = EXCLUDED."decidedBy",
        "decidedAt" = EXCLUDED."decidedAt", "updatedAt" = now()
    ),
    participants AS (
      INSERT INTO "ApplicationParticipant" ("applicationId", "position", "name", "email", "role")
      SELECT ${id}, p."position", p."name", p."email", p."role"
        FROM jsonb_to_recordset(${JSON.stringify(participants)}::jsonb) AS p("position" int, "name" text, "email" text, "role" text)
      ON CONFLICT ("applicationId", "position") DO UPDATE SET "name" = EXCLUDED."name", "email" = EXCLUDED."email", "role" = EXCLUDED."role"
    ),
    former_participants AS (DELETE FROM "ApplicationParticipant" WHERE "applicationId" = ${id} AND "position" >= ${participants.length}),
    sections AS (
      INSERT INTO "ActivityPlanSection" ("applicationId", "key", "content")
      SELECT ${id}, s."key", s."content" FROM jsonb_to_recordset(${JSON.stringify(sections)}::jsonb) AS s("key" text, "content" text)
      ON CONFLICT ("applicationId", "key") DO UPDATE SET "content" = EXCLUDED."content"
    ),
    former_sections AS (DELETE FROM "ActivityPlanSection" WHERE "applicationId" = ${id} AND NOT ("key" = ANY(${sections.map((section) => section.key)}::text[]))),
    trajectories AS (
      INSERT INTO "Trajectory" ("applicationId", "position", "title", "places")
      SELECT ${id}, t."position", t."title", t."places" FROM jsonb_to_recordset(${JSON.stringify(trajectories)}::jsonb) AS t("position" int, "title" text, "places" int)
      ON CONFLICT ("applicationId", "position") DO UPDATE SET "title" = EXCLUDED."title", "places" = EXCLUDED."places"
    )
    DELETE FROM "Trajectory" WHERE "applicationId" = ${id} AND "position" >= ${trajectories.length}`;
}

async function saveAspirantYear(
  tx: Tx,
  journeyId: string,
  schoolYear: string,
  change: { members?: Participant[]; outcome?: string; reason?: string; recordedBy?: string; recordedAt?: Date },
): Promise<void> {
  const { members, ...decision } = change;
  const id = `${journeyId}/${schoolYear}`;
  await tx.aspirantYear.upsert({ where: { id }, create: { id, journeyId, schoolYear, ...decision }, update: decision });
  if (members) {
    await tx.expertTeamMember.deleteMany({ where: { aspirantYearId: id } });
    await tx.expertTeamMember.createMany({ data: members.map((m, position) => ({ aspirantYearId: id, position, ...m })) });
  }
}

/** A form as it now stands: asked, reminded, answered or marked as not answered. */
async function saveFormRequest(tx: Tx, journeyId: string, form: FormRequestView): Promise<void> {
  const id = `${journeyId}/${form.kind}-${form.scope}`;
  const data = {
    journeyId,
    kind: form.kind,
    scope: form.scope,
    requestedAt: new Date(form.requestedAt),
    dueAt: new Date(form.dueAt),
    status: form.status,
    remindersSent: form.remindersSent,
    answers: form.answer === null ? Prisma.DbNull : ({ scores: form.answer.scores, remarks: form.answer.remarks } as Prisma.InputJsonValue),
    answeredAt: form.answer === null ? null : new Date(form.answer.at),
  };
  await tx.formRequest.upsert({ where: { id }, create: { id, ...data }, update: data });
}

function assertNever(value: never): never {
  throw new Error(`Unhandled journey event: ${JSON.stringify(value)}`);
}
