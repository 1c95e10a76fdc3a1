/**
 * What Koers keeps in its Temporal namespace: the task queue its workers poll and the custom
 * search attributes its workflows set, so the Temporal UI and CLI show what the dashboard shows.
 * Pure definitions: workflows import them too, and platform/search-attributes.ts registers them.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const TASK_QUEUE_DEFAULT = 'koers-journeys';

/** Custom search attributes: the Temporal UI and CLI show what the dashboard shows. */
export const searchAttributes = {
  phase: defineSearchAttributeKey('KoersPhase', SearchAttributeType.KEYWORD),
  track: defineSearchAttributeKey('KoersTrack', SearchAttributeType.KEYWORD),
  sector: defineSearchAttributeKey('KoersSector', SearchAttributeType.KEYWORD),
  region: defineSearchAttributeKey('KoersRegion', SearchAttributeType.KEYWORD),
  round: defineSearchAttributeKey('KoersRound', SearchAttributeType.KEYWORD),
  waitingFor: defineSearchAttributeKey('KoersWaitingFor', SearchAttributeType.KEYWORD),
  nextDeadline: defineSearchAttributeKey('KoersNextDeadline', SearchAttributeType.DATETIME),
} as const;
