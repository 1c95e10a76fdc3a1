/**
 * Subsidy rounds: when schools may apply, for which school year and track, for how many.
 */
import { z } from './zod';
import { amsterdamInstant, daysBeforeInAmsterdam } from './amsterdam-time';
import { SchoolYear } from './school-year';
import { SubsidyRates } from './subsidy-rates';

/** Tracks a round can be for; wider than the journeys built so far (ontwikkelscholen have their own round). */
export const RoundTrack = z.enum(['expertschool', 'ontwikkelschool']);
export type RoundTrack = z.infer<typeof RoundTrack>;

export const RoundStatus = z.enum(['scheduled', 'open', 'closed', 'cancelled']);
export type RoundStatus = z.infer<typeof RoundStatus>;

export const roundStatusLabel: Record<RoundStatus, string> = {
  scheduled: 'gepland',
  open: 'open',
  closed: 'gesloten',
  cancelled: 'geannuleerd',
};

const MOMENT_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
/** A moment as the office types it: Amsterdam wall-clock time, or an instant with offset. */
const Moment = z
  .string()
  // The format, which the API document states (a 400 when not met), then a day the calendar has (30 February: a 422).
  .regex(MOMENT_FORMAT, { message: 'Vul een moment in als 2027-04-25T09:00 (Nederlandse tijd).', abort: true })
  .refine((value) => !Number.isNaN(amsterdamInstant(value).getTime()), { message: 'Vul een moment in als 2027-04-25T09:00 (Nederlandse tijd).' })
  .transform((value) => amsterdamInstant(value).toISOString())
  .openapi({ type: 'string', pattern: MOMENT_FORMAT.source, example: '2027-04-25T09:00', description: 'Amsterdam wall-clock time, or ISO 8601 with offset' });

export const RoundId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,60}$/, { message: 'Een ronde-id bestaat uit kleine letters, cijfers en streepjes, bijvoorbeeld 2027-2028-voorjaar.' });

const closesAfterOpening = (round: { opensAt: string; closesAt: string }) => Date.parse(round.closesAt) > Date.parse(round.opensAt);
const closingMessage = { message: 'Een ronde sluit na het moment waarop zij opent.', path: ['closesAt'] };

export const CreateRound = z
  .object({
    id: RoundId,
    name: z.string().trim().min(3, { message: 'Geef de ronde een naam.' }).max(200),
    schoolYear: SchoolYear,
    opensAt: Moment,
    closesAt: Moment,
    tracks: z.array(RoundTrack).min(1, { message: 'Kies voor welke trajecten de ronde is.' }).max(2),
    capacity: z.number().int().positive({ message: 'De capaciteit is een positief aantal aanvragen.' }).nullable().default(null),
    reminderDaysBefore: z.array(z.number().int().min(1).max(60)).max(5).default([14, 3]),
    rates: SubsidyRates.optional().describe('Defaults to the published rates of the school year'),
  })
  .refine(closesAfterOpening, closingMessage)
  .openapi('CreateRound');
export type CreateRound = z.infer<typeof CreateRound>;

export const RescheduleRound = z
  .object({ opensAt: Moment.optional(), closesAt: Moment.optional() })
  .refine((change) => change.opensAt !== undefined || change.closesAt !== undefined, { message: 'Geef een nieuw openings- of sluitingsmoment.' })
  .openapi('RescheduleRound');
export type RescheduleRound = z.infer<typeof RescheduleRound>;

export const CancelRound = z
  .object({ reason: z.string().trim().min(10, { message: 'Geef een reden voor het annuleren (minstens 10 tekens).' }).max(2_000) })
  .openapi('CancelRound');

export const RoundView = z
  .object({
    id: RoundId,
    name: z.string(),
    schoolYear: SchoolYear,
    opensAt: z.string(),
    closesAt: z.string(),
    tracks: z.array(RoundTrack),
    capacity: z.number().int().nullable(),
    placesTaken: z.number().int(),
    reminderDaysBefore: z.array(z.number().int()),
    rates: SubsidyRates,
    status: RoundStatus,
    closedReason: z.enum(['deadline', 'full', 'cancelled']).nullable(),
  })
  .openapi('RoundView');
export type RoundView = z.infer<typeof RoundView>;

/** Whether two rounds' application windows share a moment. */
export function windowsOverlap(a: { opensAt: string; closesAt: string }, b: { opensAt: string; closesAt: string }): boolean {
  return Date.parse(a.opensAt) < Date.parse(b.closesAt) && Date.parse(b.opensAt) < Date.parse(a.closesAt);
}

/** The reminder moments before a round closes: the same Amsterdam wall-clock time, N days earlier. */
export function remindersFor(closesAt: Date, reminderDaysBefore: number[]): { daysBefore: number; at: string }[] {
  return reminderDaysBefore.map((daysBefore) => ({ daysBefore, at: daysBeforeInAmsterdam(closesAt, daysBefore).toISOString() }));
}
