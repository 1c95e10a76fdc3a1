/** The yearly round plan's dates: Amsterdam wall-clock time in summer and winter, closing after a new year, which round is current. */
import { currentPlannedRound, nextPlannedOpening, plannedRound, RoundPlan } from '../../domain/round-plan';

const summer = RoundPlan.parse({
  track: 'expertschool',
  opensMonth: 6,
  opensDay: 1,
  opensTime: '09:00',
  closesMonth: 10,
  closesDay: 1,
  closesTime: '17:00',
});

test('the round of a school year opens in its first calendar year, at Amsterdam time', () => {
  expect(plannedRound(summer, 2027)).toEqual({
    id: '2027-2028-expertschool-jaarplan',
    name: 'Subsidieronde expertscholen 2027-2028',
    schoolYear: '2027-2028',
    opensAt: new Date('2027-06-01T07:00:00Z'),
    closesAt: new Date('2027-10-01T15:00:00Z'),
  });
  expect(summer).toMatchObject({ capacity: null, reminderDaysBefore: [14, 3] });
});

test('a closing day before the opening day falls in the next calendar year (winter time)', () => {
  const winter = RoundPlan.parse({ ...summer, track: 'ontwikkelschool', opensMonth: 11, closesMonth: 2 });
  expect(plannedRound(winter, 2027)).toMatchObject({ opensAt: new Date('2027-11-01T08:00:00Z'), closesAt: new Date('2028-02-01T16:00:00Z') });
});

test('the current round is the first not yet closed; the next opening the first still ahead', () => {
  expect(currentPlannedRound(summer, new Date('2027-06-01T07:00:00Z')).schoolYear).toBe('2027-2028');
  expect(currentPlannedRound(summer, new Date('2027-09-30T12:00:00Z')).schoolYear).toBe('2027-2028');
  expect(currentPlannedRound(summer, new Date('2027-10-01T15:00:00Z')).schoolYear).toBe('2028-2029');
  expect(nextPlannedOpening(summer, new Date('2027-06-01T07:00:00Z')).opensAt).toEqual(new Date('2028-06-01T07:00:00Z'));
  expect(nextPlannedOpening(summer, new Date('2027-01-15T12:00:00Z')).schoolYear).toBe('2027-2028');
});

test('a plan names days every year has, and closes on another day than it opens', () => {
  const issues = (change: Partial<RoundPlan>) => RoundPlan.safeParse({ ...summer, ...change }).error?.issues.map((i) => [i.path.join('.'), i.message]);
  expect(issues({ opensMonth: 2, opensDay: 29 })).toEqual([['opensDay', 'Deze dag bestaat niet in elk jaar in die maand.']]);
  expect(issues({ closesMonth: 6, closesDay: 1 })).toEqual([['closesDay', 'De ronde sluit op een andere dag dan waarop zij opent.']]);
  expect(issues({ opensTime: '9 uur' })).toEqual([['opensTime', 'Vul een tijd in als 09:00.']]);
  expect(issues({ closesMonth: 13 })).toEqual([['closesMonth', 'Kies een maand.']]);
});
