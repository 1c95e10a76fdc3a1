/**
 * The programme runs on Dutch time. These helpers turn wall-clock moments in Europe/Amsterdam
 * into instants and back, across daylight-saving changes. Plain arithmetic on the EU's rule
 * (summer time from the last Sunday of March to the last Sunday of October, both at 01:00 UTC,
 * in force since 1996), not the ICU time-zone data of the process: workflow code uses these, and
 * must compute the same on every worker and in every replay, whatever tz data a Node.js build has.
 * Should the rule change, this file changes with it (and workflows that depend on it get a patch).
 */
export const PROGRAMME_TIME_ZONE = 'Europe/Amsterdam';

/** Whether a value starting YYYY-MM-DD names a day the calendar has (not 2026-02-30, which Date rolls over). */
function isCalendarDay(value: string): boolean {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!day) return true;
  const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const probe = new Date(Date.UTC(year, month - 1, date));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The last Sunday of a month (0-based) at 01:00 UTC: when the EU changes its clocks. */
function lastSundayOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Amsterdam's offset from UTC at an instant, in milliseconds: +2 hours in summer time, +1 otherwise. */
export function amsterdamOffset(instant: number): number {
  const year = new Date(instant).getUTCFullYear();
  return instant >= lastSundayOneUtc(year, 2) && instant < lastSundayOneUtc(year, 9) ? 2 * HOUR : HOUR;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;

/**
 * An Amsterdam wall-clock time as an instant (Invalid Date when it is no date). In the autumn's
 * doubled hour, the second (winter time); in the spring's skipped hour, as if summer time held.
 */
function fromWallClock(wallClock: string): Date {
  const m = WALL_CLOCK.exec(wallClock);
  if (!m) return new Date(NaN);
  const [year, month, day, hour, minute, second, ms] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0', (m[7] ?? '0').padEnd(3, '0')].map(Number) as number[];
  const asUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, ms!);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) return new Date(NaN);
  const winter = asUtc - HOUR;
  return new Date(amsterdamOffset(winter) === HOUR ? winter : asUtc - 2 * HOUR);
}

/** '2027-04-25T09:00' (Amsterdam wall clock) or an ISO instant with offset → the instant; an impossible day → Invalid Date. */
export function amsterdamInstant(value: string): Date {
  if (!isCalendarDay(value)) return new Date(Number.NaN);
  return /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? new Date(value) : fromWallClock(value);
}

/** The same wall-clock time in Amsterdam, `days` calendar days earlier (23, 24 or 25 hours a day). */
export function daysBeforeInAmsterdam(moment: Date, days: number): Date {
  const wallClock = new Date(moment.getTime() + amsterdamOffset(moment.getTime()) - days * DAY);
  return fromWallClock(wallClock.toISOString().slice(0, 23));
}

/** ISO 8601 with Amsterdam's offset, e.g. 2027-04-05T17:00:00+02:00: what people and the office read. */
export function amsterdamIso(moment: Date): string {
  const offset = amsterdamOffset(moment.getTime());
  return `${new Date(moment.getTime() + offset).toISOString().slice(0, 19)}${offset === 2 * HOUR ? '+02:00' : '+01:00'}`;
}
