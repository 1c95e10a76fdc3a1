/**
 * How mails say moments and durations: in Dutch, in the Netherlands' own time (Europe/Amsterdam,
 * whatever the server's zone), e.g. "vrijdag 14 mei 2027 om 17:00".
 */

const amsterdam = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment (ISO string or Date) as the programme writes it: "vrijdag 14 mei 2027 om 17:00". */
export function formatMoment(moment: string | Date): string {
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a moment: ${String(moment)}`);
  // Assembled from parts: the literal between date and time differs between ICU versions.
  const parts = amsterdam.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')} om ${part('hour')}:${part('minute')}`;
}

const calendarDay = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const calendarDayInTables = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** A calendar date (JJJJ-MM-DD) as the programme writes it: "vrijdag 25 juni 2027"; in tables "25 juni 2027". */
export function formatDay(day: string, { weekday = true }: { weekday?: boolean } = {}): string {
  return (weekday ? calendarDay : calendarDayInTables).format(new Date(`${day}T00:00:00Z`));
}

/** "nog 14 dagen", "nog 1 dag", "nog minder dan een dag". */
export function formatDaysLeft(days: number): string {
  const whole = Math.floor(days);
  if (whole < 1) return 'nog minder dan een dag';
  return whole === 1 ? 'nog 1 dag' : `nog ${whole} dagen`;
}
