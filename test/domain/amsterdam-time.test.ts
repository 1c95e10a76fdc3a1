import { amsterdamInstant, amsterdamIso, daysBeforeInAmsterdam } from '../../domain/amsterdam-time';

describe('Amsterdam time', () => {
  test('wall-clock moments become instants in winter (CET) and summer (CEST)', () => {
    expect(amsterdamInstant('2027-01-15T09:00').toISOString()).toBe('2027-01-15T08:00:00.000Z');
    expect(amsterdamInstant('2027-05-28T17:00').toISOString()).toBe('2027-05-28T15:00:00.000Z');
    expect(amsterdamInstant('2027-05-28T17:00:00+02:00').toISOString()).toBe('2027-05-28T15:00:00.000Z');
    expect(amsterdamInstant('2027-05-28T15:00:00Z').toISOString()).toBe('2027-05-28T15:00:00.000Z');
  });

  test('a reminder N days before keeps the wall-clock time across the spring change', () => {
    const closes = amsterdamInstant('2027-04-05T17:00'); // CEST; clocks went forward on 28 March
    const reminder = daysBeforeInAmsterdam(closes, 14);
    expect(amsterdamIso(reminder)).toBe('2027-03-22T17:00:00+01:00');
    expect(closes.getTime() - reminder.getTime()).toBe(14 * 86_400_000 - 3_600_000); // one hour shorter
  });

  test('and across the autumn change', () => {
    const closes = amsterdamInstant('2027-11-05T17:00'); // CET; clocks went back on 31 October
    expect(amsterdamIso(daysBeforeInAmsterdam(closes, 14))).toBe('2027-10-22T17:00:00+02:00');
  });

  test('within one season a day is 24 hours', () => {
    const closes = amsterdamInstant('2027-06-18T12:00');
    expect(closes.getTime() - daysBeforeInAmsterdam(closes, 3).getTime()).toBe(3 * 86_400_000);
  });
});
