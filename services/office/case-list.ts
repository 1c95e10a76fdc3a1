/**
 * The dashboard's list of cases from the read model: filters, search, what needs attention
 * (overdue, stuck), counts per phase, and the mails that keep failing.
 */
import { JourneyPhase, Track, WaitingFor } from '../../domain/journey';
import { Sector } from '../../domain/school';
import { z } from '../../domain/zod';
import { Prisma, type Db } from '../../platform/db';

export const PAGE_SIZE = 50;
/** Waiting on the office this long without a step: stuck. */
export const STUCK_AFTER_DAYS = 14;
const DAY = 86_400_000;

const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const CaseFilters = z
  .object({
    q: optional(z.string().trim().max(100)).describe('Part of the school name, or its BRIN'),
    track: optional(Track),
    phase: optional(JourneyPhase),
    sector: optional(Sector),
    region: optional(z.string().max(100)),
    waitingFor: optional(WaitingFor),
    roundId: optional(z.string().max(100)),
    attention: optional(z.enum(['overdue', 'stuck', 'form_missed', 'new_request'])).describe(
      'overdue: past its deadline; stuck: waiting on the office for 14 days; form_missed: a measurement or evaluation not answered in time; new_request: the school asked for the conversation itself and the office has not planned it yet',
    ),
    page: optional(z.coerce.number().int().min(1).max(10_000)),
  })
  .openapi('CaseFilters');
export type CaseFilters = z.infer<typeof CaseFilters>;

export const CaseRow = z
  .object({
    journeyId: z.string(),
    brin: z.string(),
    schoolName: z.string(),
    sector: Sector,
    region: z.string(),
    track: Track,
    phase: JourneyPhase,
    roundId: z.string().nullable(),
    waitingFor: WaitingFor.nullable(),
    nextDeadline: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
    overdue: z.boolean(),
    stuck: z.boolean(),
    newRequest: z.boolean().describe('The school asked for the conversation itself (/gesprek-aanvragen) and the office has not planned it yet'),
  })
  .openapi('CaseRow');
export type CaseRow = z.infer<typeof CaseRow>;

export const CaseList = z
  .object({
    rows: z.array(CaseRow),
    total: z.number().int(),
    page: z.number().int(),
    pages: z.number().int(),
    countsByPhase: z.partialRecord(JourneyPhase, z.number().int()).describe('Under the same filters, leaving out the phase filter'),
  })
  .openapi('CaseList');
export type CaseList = z.infer<typeof CaseList>;

/**
 * Cases a school's own request started or joined whose conversation the office has not planned yet:
 * "Nieuwe aanvraag". A request is linked to its case by id only (its row may come before the case's),
 * hence SQL: it starts from the cases in conversation, so it reads only those, not every request ever made.
 */
async function openNewRequests(db: Db, journeyIds?: string[]): Promise<string[]> {
  const among = journeyIds ? Prisma.sql`AND j.id = ANY(${journeyIds})` : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT j.id FROM "Journey" j
     WHERE j.phase = 'conversation' ${among}
       AND EXISTS (SELECT 1 FROM "ConversationRequest" r WHERE r."journeyId" = j.id)
       AND NOT EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e."journeyId" = j.id AND e.type = 'conversation_planned')`;
  return rows.map((r) => r.id);
}

/**
 * Part of a school's name or BRIN, any case; under three characters, their start. The trigram
 * indexes on School.name and School.brin serve both (a part shorter than a trigram could not use them).
 */
function searchWhere(q: string): Prisma.SchoolWhereInput {
  const match = q.length < 3 ? { startsWith: q, mode: 'insensitive' as const } : { contains: q, mode: 'insensitive' as const };
  return { OR: [{ name: match }, { brin: match }] };
}

function whereOf(filters: CaseFilters, now: Date, withPhase: boolean, newRequests: string[] | null): Prisma.JourneyWhereInput {
  const and: Prisma.JourneyWhereInput[] = [];
  // The school's conditions together, so the query joins School once (twice, the planner lost the (region, sector) index).
  const school: Prisma.SchoolWhereInput[] = [];
  if (filters.q) school.push(searchWhere(filters.q));
  if (filters.sector) school.push({ sector: filters.sector });
  if (filters.region) school.push({ region: filters.region });
  if (school.length > 0) and.push({ school: { AND: school } });
  if (filters.track) and.push({ track: filters.track });
  if (withPhase && filters.phase) and.push({ phase: filters.phase });
  if (filters.waitingFor) and.push({ waitingFor: filters.waitingFor });
  if (filters.roundId) and.push({ roundId: filters.roundId });
  if (filters.attention === 'overdue') and.push(overdueWhere(now));
  if (filters.attention === 'stuck') and.push(stuckWhere(now));
  if (filters.attention === 'form_missed') and.push({ forms: { some: { status: 'missed' } } });
  if (filters.attention === 'new_request' && newRequests) and.push({ phase: 'conversation', id: { in: newRequests } }); // the phase, for its index
  return { AND: and };
}

const overdueWhere = (now: Date): Prisma.JourneyWhereInput => ({ nextDeadline: { lt: now }, waitingFor: { in: ['school', 'office'] } });
const stuckWhere = (now: Date): Prisma.JourneyWhereInput => ({ waitingFor: 'office', updatedAt: { lt: new Date(now.getTime() - STUCK_AFTER_DAYS * DAY) } });

export async function listCases(db: Db, filters: CaseFilters, now = new Date()): Promise<CaseList> {
  const newRequests = filters.attention === 'new_request' ? await openNewRequests(db) : null;
  const page = filters.page ?? 1;
  // The counts per phase leave the phase filter out, so they hold the total too: no count of its own.
  const [rows, phases] = await Promise.all([
    db.journey.findMany({
      where: whereOf(filters, now, true, newRequests),
      // What needs someone first: the nearest deadline, then what has waited longest (an index has this order).
      orderBy: [{ nextDeadline: { sort: 'asc', nulls: 'last' } }, { updatedAt: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: { school: { select: { name: true, sector: true, region: true } } },
    }),
    db.journey.groupBy({ by: ['phase'], where: whereOf(filters, now, false, newRequests), _count: { _all: true } }),
  ]);
  const countsByPhase = Object.fromEntries(phases.map((p) => [p.phase, p._count._all]));
  const total = filters.phase ? (countsByPhase[filters.phase] ?? 0) : phases.reduce((sum, p) => sum + p._count._all, 0);
  const stuckBefore = now.getTime() - STUCK_AFTER_DAYS * DAY;
  const newOnPage = new Set(
    rows.length > 0
      ? await openNewRequests(
          db,
          rows.map((j) => j.id),
        )
      : [],
  );
  return {
    rows: rows.map((j) => ({
      journeyId: j.id,
      brin: j.brin,
      schoolName: j.school.name,
      sector: j.school.sector,
      region: j.school.region,
      track: Track.parse(j.track),
      phase: JourneyPhase.parse(j.phase),
      roundId: j.roundId,
      waitingFor: j.waitingFor === null ? null : WaitingFor.parse(j.waitingFor),
      nextDeadline: j.nextDeadline?.toISOString() ?? null,
      updatedAt: j.updatedAt.toISOString(),
      overdue: j.nextDeadline !== null && j.nextDeadline < now && (j.waitingFor === 'school' || j.waitingFor === 'office'),
      stuck: j.waitingFor === 'office' && j.updatedAt.getTime() < stuckBefore,
      newRequest: newOnPage.has(j.id),
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    countsByPhase,
  };
}

/** Regions and rounds that occur, for the filter's choices. */
export async function filterChoices(db: Db): Promise<{ regions: string[]; rounds: string[] }> {
  const [regions, rounds] = await Promise.all([
    // GROUP BY in PostgreSQL (off the (region, sector) index); Prisma's distinct would fetch every school.
    db.school.groupBy({ by: ['region'], orderBy: { region: 'asc' } }),
    db.subsidyRound.findMany({ select: { id: true }, orderBy: { opensAt: 'desc' } }),
  ]);
  return { regions: regions.map((r) => r.region), rounds: rounds.map((r) => r.id) };
}

export const MailProblem = z
  .object({
    journeyId: z.string().nullable(),
    schoolName: z.string().nullable(),
    purpose: z.string(),
    subject: z.string(),
    attempts: z.number().int(),
    lastError: z.string(),
    since: z.iso.datetime(),
  })
  .openapi('MailProblem');
export type MailProblem = z.infer<typeof MailProblem>;

/** Mails not sent yet after a failed attempt: Temporal keeps retrying them; the office sees why. */
export async function mailProblems(db: Db): Promise<MailProblem[]> {
  const rows = await db.outboxMail.findMany({ where: { status: 'pending', lastError: { not: null } }, orderBy: { requestedAt: 'asc' }, take: 100 });
  const journeys = await db.journey.findMany({
    where: { id: { in: rows.flatMap((r) => (r.journeyId ? [r.journeyId] : [])) } },
    include: { school: { select: { name: true } } },
  });
  const names = new Map(journeys.map((j) => [j.id, j.school.name]));
  return rows.map((r) => ({
    journeyId: r.journeyId,
    schoolName: r.journeyId ? (names.get(r.journeyId) ?? null) : null,
    purpose: r.purpose,
    subject: r.subject,
    attempts: r.attempts,
    lastError: r.lastError!,
    since: r.requestedAt.toISOString(),
  }));
}
