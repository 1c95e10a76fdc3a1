/**
 * Takes in a school's own request for the exploratory conversation (the public page and its JSON
 * twin): finds or creates the school, starts its journey in `conversation` through startJourney or
 * joins the journey it already has running, keeps the request, and has the confirmation mailed.
 * The caller answers the same whatever happened here, so nobody learns which schools take part.
 */
import { workflowType } from '../../workflows/contracts/workflow-types';
import { randomUUID } from 'node:crypto';
import { journeyTrackFor, type ConversationRequest } from '../../domain/conversation-request';
import type { Prisma } from '../../platform/db';
import { conversationRequestWorkflowId } from '../../workflows/contracts/conversation-request';
import { journeyWorkflowId } from '../../workflows/contracts/journey';
import { AppError } from '../errors';
import { startJourney, type JourneyDependencies } from './start-journey';
import { startOnce } from './start-once';

type Tx = Prisma.TransactionClient;

/** The newest journey of the school on record that is not closed. */
async function newestOpenJourneyId(tx: Tx, brin: string): Promise<string | null> {
  return (await tx.journey.findFirst({ where: { brin, phase: { not: 'closed' } }, orderBy: { startedAt: 'desc' }, select: { id: true } }))?.id ?? null;
}

/**
 * The school's journey that is still running, if any: the newest journey on record that is not
 * closed, or one an earlier request started whose workflow has not written its record yet.
 */
async function runningJourneyId(tx: Tx, brin: string): Promise<string | null> {
  const recorded = await newestOpenJourneyId(tx, brin);
  if (recorded) return recorded;
  const started = await tx.conversationRequest.findFirst({ where: { brin, outcome: 'started' }, orderBy: { createdAt: 'desc' }, select: { journeyId: true } });
  if (started && (await tx.journey.count({ where: { id: started.journeyId } })) === 0) return started.journeyId;
  return null;
}

/**
 * The journey startJourney refused to start because one runs: the office started it a moment ago,
 * so its record follows shortly. Until it is there, the journey's id is the track's first one.
 */
async function justStartedJourneyId(tx: Tx, brin: string, fallback: string): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const running = await newestOpenJourneyId(tx, brin);
    if (running) return running;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return fallback;
}

/** Stores nothing for a filled-in honeypot; otherwise the request, its journey, and the confirmation. */
export async function takeConversationRequest(deps: JourneyDependencies, request: ConversationRequest): Promise<void> {
  const { website, ...typed } = request;
  if (website?.trim()) return;
  const { db, temporal, taskQueue } = deps;
  const track = journeyTrackFor(typed.trackInterest);

  // A school Koers does not know yet is created from the request, its mail going to the contact who
  // asked; its inspection rating is unknown until the office checks it. A known school's record is
  // left as it is: anyone can fill in the form.
  await db.school.createMany({
    data: [
      {
        brin: typed.brin,
        name: typed.schoolName,
        sector: typed.sector,
        region: typed.region,
        contactEmail: typed.contactEmail,
        inspectionRating: 'niet_beoordeeld',
        equalAccessMarkers: [],
      },
    ],
    skipDuplicates: true,
  });

  const requestId = await db.$transaction(
    async (tx) => {
      // One request per school at a time: two at once must not both start a journey.
      await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext(${`conversation-request/${typed.brin}`}))`;
      let journeyId = await runningJourneyId(tx, typed.brin);
      let outcome: 'started' | 'joined' = 'joined';
      if (journeyId) {
        // The same request sent again (a double click, a reload, a retry after a failure) is the same
        // request: one row, and its confirmation asked for again, which starts once (by its id).
        const same = await tx.conversationRequest.findFirst({
          where: { journeyId, contactEmail: typed.contactEmail, question: typed.question },
          select: { id: true },
        });
        if (same) return same.id;
      } else {
        try {
          // On this transaction's connection: a second one from the pool, while this one waits, could run the pool dry.
          journeyId = (await startJourney({ db: tx, temporal, taskQueue }, { brin: typed.brin, track, hasAspirantYearBehind: typed.hasAspirantYearBehind }))
            .journeyId;
          outcome = 'started';
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'journey_exists')) throw error;
          journeyId = await justStartedJourneyId(tx, typed.brin, journeyWorkflowId(typed.brin, track));
        }
      }
      const id = randomUUID();
      await tx.conversationRequest.create({
        data: {
          id,
          journeyId,
          brin: typed.brin,
          schoolName: typed.schoolName,
          sector: typed.sector,
          region: typed.region,
          contactName: typed.contactName,
          contactEmail: typed.contactEmail,
          contactPhone: typed.contactPhone ?? null,
          trackInterest: typed.trackInterest,
          hasAspirantYearBehind: typed.hasAspirantYearBehind,
          question: typed.question,
          outcome,
        },
      });
      return id;
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
  await startOnce(temporal, {
    workflow: workflowType.confirmConversationRequest,
    workflowId: conversationRequestWorkflowId(requestId),
    taskQueue,
    args: [requestId],
  });
}

/** The requests that reached a case, oldest first, for the office's case page. */
export function conversationRequestsOf(db: JourneyDependencies['db'], journeyId: string) {
  return db.conversationRequest.findMany({ where: { journeyId }, orderBy: { createdAt: 'asc' } });
}
