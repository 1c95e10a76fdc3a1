/**
 * A hub: one expertschool in one school year, with the learning trajectories (leertrajecten) it
 * offers ontwikkelscholen. The hub workflow, the API and the OpenAPI document use these schemas.
 */
import { z } from './zod';
import { heldOn, isoDateTime, reasonText, staffName } from './fields';
import { SchoolSnapshot } from './journey';
import { PlaceList } from './places';
import { Brin } from './school';
import { SchoolYear } from './school-year';

/** "Vol = vol": an expertschool serves at most 6 ontwikkelscholen per trajectory. */
export const MAX_PLACES_PER_TRAJECTORY = 6;

export const HubId = z.string().regex(/^hub-[0-9]{2}[A-Z]{2}-\d{4}-\d{4}$/, { message: 'Onbekende hub.' });
export const TrajectoryId = z.string().regex(/^hub-[0-9]{2}[A-Z]{2}-\d{4}-\d{4}\/t\d{1,2}$/, { message: 'Onbekend leertraject.' });

export const HubStatus = z.enum(['open', 'awaiting_outcome', 'closed']);
export type HubStatus = z.infer<typeof HubStatus>;

export const hubStatusLabel: Record<HubStatus, string> = {
  open: 'loopt',
  awaiting_outcome: 'wacht op besluit over het vervolg',
  closed: 'afgesloten',
};

export const HubOutcomeChoice = z.enum(['continue', 'stop'], { message: 'Kies of de expertschool doorgaat of stopt.' });
export type HubOutcomeChoice = z.infer<typeof HubOutcomeChoice>;

export const hubOutcomeLabel: Record<HubOutcomeChoice, string> = { continue: 'gaat door', stop: 'stopt' };

export const KnowledgeSharingKind = z.enum(['lecture', 'webinar', 'inspiration_session', 'other'], {
  message: 'Kies het soort activiteit: lezing, webinar, inspiratiesessie of anders.',
});
export type KnowledgeSharingKind = z.infer<typeof KnowledgeSharingKind>;

export const knowledgeSharingKindLabel: Record<KnowledgeSharingKind, string> = {
  lecture: 'lezing',
  webinar: 'webinar',
  inspiration_session: 'inspiratiesessie',
  other: 'anders',
};

export const SessionKind = z.enum(['start', 'training'], { message: 'Kies of het de startbijeenkomst of een training was.' });
export type SessionKind = z.infer<typeof SessionKind>;

// ---- the office's actions (the input of each Update; the API fills in the actor from the session) ----

const sessionFields = z.object({
  trajectoryId: TrajectoryId,
  kind: SessionKind,
  heldOn,
  /** The start session: what was agreed. */
  notes: z.string().trim().max(5_000, { message: 'De aantekeningen zijn te lang (maximaal 5.000 tekens).' }).default(''),
  /** A training: what it was about. */
  topic: z.string().trim().max(300, { message: 'Het onderwerp is te lang (maximaal 300 tekens).' }).default(''),
});
const trainingHasTopic = (s: { kind: SessionKind; topic: string }) => s.kind !== 'training' || s.topic.length >= 3;
const topicMissing = { message: 'Vul het onderwerp van de training in.', path: ['topic'] };

export const RecordTrajectorySessionRequest = sessionFields.refine(trainingHasTopic, topicMissing).openapi('RecordTrajectorySessionRequest');
export const RecordTrajectorySession = sessionFields
  .extend({ recordedBy: staffName })
  .refine(trainingHasTopic, topicMissing)
  .openapi('RecordTrajectorySession');
export type RecordTrajectorySession = z.infer<typeof RecordTrajectorySession>;

const knowledgeSharingFields = z.object({
  kind: KnowledgeSharingKind,
  title: z.string().trim().min(3, { message: 'Geef de activiteit een titel (minstens 3 tekens).' }).max(300),
  heldOn,
  attendees: z
    .number({ message: 'Vul het aantal deelnemers in als getal.' })
    .int({ message: 'Het aantal deelnemers is een heel getal.' })
    .min(0, { message: 'Het aantal deelnemers kan niet negatief zijn.' })
    .max(100_000),
});
export const RecordKnowledgeSharingRequest = knowledgeSharingFields.openapi('RecordKnowledgeSharingRequest');
export const RecordKnowledgeSharing = knowledgeSharingFields.extend({ recordedBy: staffName }).openapi('RecordKnowledgeSharing');
export type RecordKnowledgeSharing = z.infer<typeof RecordKnowledgeSharing>;

const outcomeFields = z.object({ outcome: HubOutcomeChoice, reason: reasonText('het besluit') });
export const RecordHubOutcomeRequest = outcomeFields.openapi('RecordHubOutcomeRequest');
export const RecordHubOutcome = outcomeFields.extend({ decidedBy: staffName }).openapi('RecordHubOutcome');
export type RecordHubOutcome = z.infer<typeof RecordHubOutcome>;

const releaseFields = z.object({
  trajectoryId: TrajectoryId,
  journeyId: z.string().trim().min(1, { message: 'Kies de school.' }).max(200),
  reason: reasonText('het vrijgeven van de plaats'),
});
export const ReleasePlaceRequest = releaseFields.openapi('ReleasePlaceRequest');
export const ReleasePlace = releaseFields.extend({ releasedBy: staffName }).openapi('ReleasePlace');
export type ReleasePlace = z.infer<typeof ReleasePlace>;

// ---- what an ontwikkelschool's journey asks of the hub ----

const journeyId = z.string().min(1).max(200);

export const PlaceRequest = z
  .object({ trajectoryId: TrajectoryId, journeyId, brin: Brin, schoolName: z.string().trim().min(1).max(200) })
  .openapi('PlaceRequest');
export type PlaceRequest = z.infer<typeof PlaceRequest>;

export const PlaceAcceptance = z.object({ trajectoryId: TrajectoryId, journeyId }).openapi('PlaceAcceptance');
export type PlaceAcceptance = z.infer<typeof PlaceAcceptance>;

export const TrajectoryLeave = z.object({ trajectoryId: TrajectoryId, journeyId, reason: z.string().max(5_000) }).openapi('TrajectoryLeave');
export type TrajectoryLeave = z.infer<typeof TrajectoryLeave>;

// ---- the hub's view: what the query returns ----

export const HubTrajectoryView = z
  .object({
    trajectoryId: z.string(),
    position: z.number().int(),
    title: z.string(),
    places: z.number().int(),
    list: PlaceList,
    startSession: z.object({ heldOn: z.string(), notes: z.string() }).nullable(),
    trainings: z.array(z.object({ heldOn: z.string(), topic: z.string() })),
    trainingsGiven: z.number().int().describe('How many trainings were given (the record keeps the count, not the topics)'),
  })
  .openapi('HubTrajectoryView');
export type HubTrajectoryView = z.infer<typeof HubTrajectoryView>;

export const KnowledgeSharingView = z
  .object({ kind: KnowledgeSharingKind, title: z.string(), heldOn: z.string(), attendees: z.number().int(), recordedBy: z.string() })
  .openapi('KnowledgeSharingView');
export type KnowledgeSharingView = z.infer<typeof KnowledgeSharingView>;

export const HubOutcomeView = z
  .object({ outcome: HubOutcomeChoice, reason: z.string(), decidedBy: z.string(), decidedAt: isoDateTime })
  .openapi('HubOutcomeView');
export type HubOutcomeView = z.infer<typeof HubOutcomeView>;

export const HubView = z
  .object({
    hubId: z.string(),
    journeyId: z.string().describe("The expertschool's journey"),
    school: SchoolSnapshot,
    schoolYear: SchoolYear,
    status: HubStatus,
    trajectories: z.array(HubTrajectoryView),
    knowledgeSharing: z.array(KnowledgeSharingView),
    outcome: HubOutcomeView.nullable(),
  })
  .openapi('HubView');
export type HubView = z.infer<typeof HubView>;

/** Whether a date (JJJJ-MM-DD) falls in a school year (1 August – 31 July). */
export function dateInSchoolYear(date: string, schoolYear: SchoolYear): boolean {
  const startYear = Number(schoolYear.slice(0, 4));
  return date >= `${startYear}-08-01` && date <= `${startYear + 1}-07-31`;
}
