/**
 * The yearly round plan: per track, when its subsidy round opens and closes every school year
 * (a day and a time, Amsterdam), with its reminders and capacity. A recurring Schedule turns it
 * into each year's round. Rounds open for the next school year (BRIEF: 1 June 2023 for 2023-2024):
 * the round of school year Y–Y+1 opens in calendar year Y and closes at the first closing day after.
 */
import { amsterdamInstant } from './amsterdam-time';
import { RoundTrack } from './round';
import type { SchoolYear } from './school-year';
import { z } from './zod';

/** Days per month in a year without 29 February: a plan must name a day every year has. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export const monthLabels = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
] as const;

const Month = z
  .number({ message: 'Kies een maand.' })
  .int({ message: 'Kies een maand.' })
  .min(1, { message: 'Kies een maand.' })
  .max(12, { message: 'Kies een maand.' });
const Day = z
  .number({ message: 'Vul een dag van de maand in (1 tot en met 31).' })
  .int({ message: 'Vul een dag van de maand in (1 tot en met 31).' })
  .min(1, { message: 'Vul een dag van de maand in (1 tot en met 31).' })
  .max(31, { message: 'Vul een dag van de maand in (1 tot en met 31).' });
const Time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Vul een tijd in als 09:00.' })
  .openapi({ example: '09:00' });

/** A month out of range is its own field's error, not also the day's. */
const dayExists = (month: number, day: number) => {
  const last = DAYS_IN_MONTH[month - 1];
  return last === undefined || day <= last;
};

export const RoundPlan = z
  .object({
    track: RoundTrack,
    opensMonth: Month,
    opensDay: Day,
    opensTime: Time,
    closesMonth: Month,
    closesDay: Day,
    closesTime: Time,
    capacity: z
      .number({ message: 'De capaciteit is een positief aantal aanvragen.' })
      .int({ message: 'De capaciteit is een positief aantal aanvragen.' })
      .positive({ message: 'De capaciteit is een positief aantal aanvragen.' })
      .max(100_000, { message: 'De capaciteit is hoogstens 100.000 aanvragen.' })
      .nullable()
      .default(null),
    reminderDaysBefore: z
      .array(
        z
          .number({ message: 'Herinneringen zijn hele aantallen dagen.' })
          .int({ message: 'Herinneringen zijn hele aantallen dagen.' })
          .min(1, { message: 'Een herinnering gaat 1 tot 60 dagen voor sluiting.' })
          .max(60, { message: 'Een herinnering gaat 1 tot 60 dagen voor sluiting.' }),
      )
      .max(5, { message: 'Hoogstens 5 herinneringen.' })
      .default([14, 3]),
  })
  .refine((plan) => dayExists(plan.opensMonth, plan.opensDay), {
    message: 'Deze dag bestaat niet in elk jaar in die maand.',
    path: ['opensDay'],
  })
  .refine((plan) => dayExists(plan.closesMonth, plan.closesDay), {
    message: 'Deze dag bestaat niet in elk jaar in die maand.',
    path: ['closesDay'],
  })
  .refine((plan) => !(plan.opensMonth === plan.closesMonth && plan.opensDay === plan.closesDay), {
    message: 'De ronde sluit op een andere dag dan waarop zij opent.',
    path: ['closesDay'],
  })
  .openapi('RoundPlan', { description: 'Per track: when its round opens and closes every school year (Amsterdam time)' });
export type RoundPlan = z.infer<typeof RoundPlan>;

export const roundTrackLabel: Record<RoundTrack, string> = { expertschool: 'expertscholen', ontwikkelschool: 'ontwikkelscholen' };

export interface PlannedRound {
  id: string;
  name: string;
  schoolYear: SchoolYear;
  opensAt: Date;
  closesAt: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The round the plan makes for the school year starting in `startYear`. */
export function plannedRound(plan: RoundPlan, startYear: number): PlannedRound {
  const schoolYear = `${startYear}-${startYear + 1}`;
  const opensAt = amsterdamInstant(`${startYear}-${pad(plan.opensMonth)}-${pad(plan.opensDay)}T${plan.opensTime}`);
  let closesAt = amsterdamInstant(`${startYear}-${pad(plan.closesMonth)}-${pad(plan.closesDay)}T${plan.closesTime}`);
  if (closesAt <= opensAt) closesAt = amsterdamInstant(`${startYear + 1}-${pad(plan.closesMonth)}-${pad(plan.closesDay)}T${plan.closesTime}`);
  return { id: planRoundId(plan.track, schoolYear), name: `Subsidieronde ${roundTrackLabel[plan.track]} ${schoolYear}`, schoolYear, opensAt, closesAt };
}

/** The id of the round a plan makes: one per track and school year, whoever asks and however often. */
export function planRoundId(track: RoundTrack, schoolYear: SchoolYear): string {
  return `${schoolYear}-${track}-jaarplan`;
}

/** The plan's round that is current or next at `moment`: the first that has not closed yet. */
export function currentPlannedRound(plan: RoundPlan, moment: Date): PlannedRound {
  for (let year = moment.getUTCFullYear() - 1; ; year++) {
    const round = plannedRound(plan, year);
    if (round.closesAt > moment) return round;
  }
}

/** The plan's next opening after `moment`. */
export function nextPlannedOpening(plan: RoundPlan, moment: Date): PlannedRound {
  for (let year = moment.getUTCFullYear() - 1; ; year++) {
    const round = plannedRound(plan, year);
    if (round.opensAt > moment) return round;
  }
}
