/** How to talk to a subsidy round's workflow. The API, activities and tests import these. */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { OpenRound } from '../../domain/journey';
import type { RoundStatus, RoundTrack } from '../../domain/round';

/** The id its Schedule starts it under (a Schedule appends the time it fired). */
export function roundWorkflowId(roundId: string): string {
  return `round-${roundId}`;
}

export function roundScheduleId(roundId: string): string {
  return `round-${roundId}`;
}

export interface SubsidyRoundInput {
  roundId: string;
}

/** What the round workflow learns when it opens the round. */
export interface OpenedRound {
  round: OpenRound & { name: string };
  tracks: RoundTrack[];
  /** Reminder moments (instants), computed in Amsterdam time: the same wall-clock time N days before closing. */
  reminders: { daysBefore: number; at: string }[];
}

export interface SubsidyRoundState {
  roundId: string;
  status: RoundStatus | 'opening';
  closesAt: string | null;
  journeysTold: number;
  remindersSent: { daysBefore: number; at: string; mails: number }[];
  closedReason: 'deadline' | 'full' | 'cancelled' | null;
}

export const getRound = defineQuery<SubsidyRoundState>('getRound');
/** The office moved the closing moment; carries the new moment and the reminders that go with it. */
export const roundRescheduled = defineSignal<[{ closesAt: string; reminders: OpenedRound['reminders'] }]>('roundRescheduled');
/** The last place was taken: close to new applications now. */
export const roundFull = defineSignal('roundFull');
export const roundCancelled = defineSignal<[{ reason: string }]>('roundCancelled');
