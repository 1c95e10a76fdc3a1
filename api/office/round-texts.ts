/**
 * How the office's round pages say a round's facts in Dutch: its tracks, capacity, reminders, an
 * application's status, and what a change just did. Shared by the list, the plan and one round.
 */
import type { RoundTrack } from '../../domain/round';
import { roundTrackLabel } from '../../domain/round-plan';
import type { RoundApplication } from '../../services/rounds/round-applications';

export const applicationStatusLabel: Record<RoundApplication['status'], string> = {
  draft: 'in concept',
  submitted: 'ingediend',
  approved: 'toegekend',
  rejected: 'afgewezen',
};

export const ROUND_TRACKS: RoundTrack[] = ['expertschool', 'ontwikkelschool'];

const doneMessage: Record<string, string> = {
  create: 'De ronde is aangemaakt. Zij opent op het openingsmoment (of is al open).',
  reschedule: 'De ronde is verzet. Scholen die al aanvragen, horen de nieuwe sluitingsdatum.',
  'open-now': 'De ronde is geopend. Wachtende scholen krijgen bericht.',
  cancel: 'De ronde is geannuleerd. Scholen die aanvroegen, wachten op de volgende ronde.',
  plan: 'De jaarplanning is opgeslagen. Elk schooljaar maakt en opent Koers de ronde op het openingsmoment.',
};
export const doneText = (done: string) => doneMessage[done] ?? 'Vastgelegd.';

export const tracksText = (tracks: readonly RoundTrack[]) => tracks.map((t) => roundTrackLabel[t]).join(' en ');
export const capacityText = (capacity: number | null) => (capacity === null ? 'geen maximum' : String(capacity));
export const remindersText = (days: readonly number[]) => (days.length ? `${days.join(' en ')} dagen voor sluiting` : 'geen');
