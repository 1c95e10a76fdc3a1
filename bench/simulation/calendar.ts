/**
 * The programme's year as the simulation plays it: what happens when, in Amsterdam wall-clock time.
 * Time passes between steps by sleeping the time-skipping server, so every timer in between (a
 * round closing, a form's reminders, a school year ending) fires as it would.
 */
import { amsterdamInstant } from '../../domain/amsterdam-time';

export const YEAR_STEPS = [
  /** A round for the school year under way, for expertschools coming back from their hub year. */
  'autumnRound',
  /** Hubs are open: approved ontwikkelscholen choose a trajectory; the baseline measurement is asked. */
  'enrolment',
  /** This year's new schools enter: each is invited to its first conversation. */
  'invitations',
  /** The conversations were held: the office records them and the intake outcome. */
  'intake',
  /** The round for next school year, for both tracks; the aspirant years are judged. */
  'springRound',
  /** The final measurement was asked on 15 May. */
  'finalMeasurement',
  /** The office decides how each hub year ends: the expertschool continues or stops. */
  'hubOutcomes',
] as const;
export type YearStep = (typeof YEAR_STEPS)[number];

const WALL_CLOCK: Record<YearStep, (startYear: number) => string> = {
  autumnRound: (s) => `${s}-08-15T09:00`,
  enrolment: (s) => `${s}-09-15T09:00`,
  invitations: (s) => `${s}-10-01T09:00`,
  intake: (s) => `${s}-10-20T09:00`,
  springRound: (s) => `${s + 1}-03-01T09:00`,
  finalMeasurement: (s) => `${s + 1}-05-20T09:00`,
  hubOutcomes: (s) => `${s + 1}-06-20T09:00`,
};

/** When `step` happens in the school year that starts in August of `startYear`. */
export function stepMoment(startYear: number, step: YearStep): Date {
  return amsterdamInstant(WALL_CLOCK[step](startYear));
}

/** A week into the next school year: the year starting in `startYear` has ended and every journey has moved on. */
export function afterYear(startYear: number): Date {
  return amsterdamInstant(`${startYear + 1}-08-08T09:00`);
}

/** Days a round stays open. */
export const ROUND_DAYS = 30;
/** Days between the invitation and the conversation. */
export const CONVERSATION_AFTER_DAYS = 14;
