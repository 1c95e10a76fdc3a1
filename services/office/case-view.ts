/**
 * One case as the office's case page shows it: the school's record, the journey as its workflow
 * sees it now (with a draft staged in PostgreSQL), its timeline, and the school's requests for the
 * conversation that reached it. One read, so the page only renders.
 */
import type { Client } from '@temporalio/client';
import type { Sector } from '../../domain/school';
import type { JourneyView } from '../../domain/journey';
import type { Db } from '../../platform/db';
import { readJourney } from '../journeys/journey-record';
import { journeyTimeline, type TimelineEntry } from '../journeys/journey-timeline';
import { withStoredDraft } from '../journeys/staged-drafts';
import { conversationRequestsOf } from '../journeys/take-conversation-request';

/** The school as the case page lists it. */
export interface SchoolFacts {
  name: string;
  brin: string;
  sector: string;
  region: string;
  contactEmail: string;
  inspectionRating: string;
  equalAccessMarkers: string[];
}

/** A request for a conversation, as whoever sent it typed it. */
export interface CaseConversationRequest {
  id: string;
  brin: string;
  schoolName: string;
  sector: Sector;
  region: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  trackInterest: string;
  hasAspirantYearBehind: boolean;
  question: string;
  /** started: this request started the journey; joined: it joined a journey already running. */
  outcome: string;
  createdAt: Date;
}

export interface OfficeCase {
  school: SchoolFacts;
  journey: JourneyView;
  timeline: TimelineEntry[];
  requests: CaseConversationRequest[];
}

/** The case behind this journey id, or null when there is none. */
export async function readCase(deps: { db: Db; temporal: Client }, journeyId: string): Promise<OfficeCase | null> {
  const { db } = deps;
  const row = await db.journey.findUnique({ where: { id: journeyId }, include: { school: true } });
  if (!row) return null;
  const [journey, timeline, requests] = await Promise.all([
    readJourney(deps, journeyId).then((view) => withStoredDraft(db, view)),
    journeyTimeline(db, journeyId),
    conversationRequestsOf(db, journeyId),
  ]);
  const { name, brin, sector, region, contactEmail, inspectionRating, equalAccessMarkers } = row.school;
  return { school: { name, brin, sector, region, contactEmail, inspectionRating, equalAccessMarkers }, journey, timeline, requests };
}
