/**
 * The programme runs on Dutch time. These helpers turn wall-clock moments in Europe/Amsterdam
 * into instants and back, across daylight-saving changes. Not for workflow code: workflows get
 * instants computed here, through their input or an activity.
 */
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';

export const PROGRAMME_TIME_ZONE = 'Europe/Amsterdam';

/** Whether a value starting YYYY-MM-DD names a day the calendar has (not 2026-02-30, which Date rolls over). */
function isCalendarDay(value: string): boolean {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!day) return true;
  const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const probe = new Date(Date.UTC(year, month - 1, date));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === date;
}

/** '2027-04-25T09:00' (Amsterdam wall clock) or an ISO instant with offset → the instant; an impossible day → Invalid Date. */
export function amsterdamInstant(value: string): Date {
  if (!isCalendarDay(value)) return new Date(Number.NaN);
  return /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? new Date(value) : fromZonedTime(value, PROGRAMME_TIME_ZONE);
}

/** The same wall-clock time in Amsterdam, `days` calendar days earlier (23, 24 or 25 hours a day). */
export function daysBeforeInAmsterdam(moment: Date, days: number): Date {
  const wallClock = formatInTimeZone(moment, PROGRAMME_TIME_ZONE, "yyyy-MM-dd'T'HH:mm:ss.SSS");
  const shifted = new Date(`${wallClock}Z`);
  shifted.setUTCDate(shifted.getUTCDate() - days);
  return fromZonedTime(shifted.toISOString().slice(0, 23), PROGRAMME_TIME_ZONE);
}

/** ISO 8601 with Amsterdam's offset, e.g. 2027-04-05T17:00:00+02:00: what people and the office read. */
export function amsterdamIso(moment: Date): string {
  return formatInTimeZone(moment, PROGRAMME_TIME_ZONE, "yyyy-MM-dd'T'HH:mm:ssXXX");
}
