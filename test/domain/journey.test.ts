import { OpenRound, RecordConversationReport } from '../../domain/journey';
import { subsidyRatesFor } from '../../domain/subsidy-rates';

describe('OpenRound', () => {
  const round = {
    roundId: 'ronde-2024-2025',
    schoolYear: '2024-2025',
    opensAt: '2024-04-25T09:00:00+02:00',
    closesAt: '2024-06-01T17:00:00+02:00',
    rates: subsidyRatesFor('2024-2025'),
  };

  it('accepts a round that closes after it opens', () => {
    expect(OpenRound.safeParse(round).success).toBe(true);
  });

  it('refuses a round that closes before it opens, with its Dutch message at closesAt', () => {
    const result = OpenRound.safeParse({ ...round, closesAt: '2024-04-24T09:00:00+02:00' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['closesAt'], message: 'Een ronde sluit na het moment waarop zij opent.' })]);
  });

  it('refuses a round that closes at the moment it opens', () => {
    const result = OpenRound.safeParse({ ...round, closesAt: round.opensAt });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['Een ronde sluit na het moment waarop zij opent.']);
  });

  it('compares moments, not text: offsets are taken into account', () => {
    // 08:30 UTC is after 09:00 in Amsterdam summer time (07:00 UTC), though "08:30" < "09:00" as text.
    expect(OpenRound.safeParse({ ...round, closesAt: '2024-04-25T08:30:00Z' }).success).toBe(true);
    // 08:30+02:00 is before 09:00+02:00.
    expect(OpenRound.safeParse({ ...round, closesAt: '2024-04-25T08:30:00+02:00' }).success).toBe(false);
  });

  it('refuses a moment without a time zone', () => {
    expect(OpenRound.safeParse({ ...round, opensAt: '2024-04-25T09:00:00' }).success).toBe(false);
  });
});

describe('RecordConversationReport', () => {
  const action = {
    conductedOn: '2024-03-12',
    report: 'Verkennend gesprek: de school werkt al jaren onderzoeksmatig aan begrijpend lezen.',
    recordedBy: 'Anna Visser',
  };

  it('accepts a report of a conversation', () => {
    expect(RecordConversationReport.parse(action)).toEqual(action);
  });

  it('refuses a too-short report with its Dutch message', () => {
    const result = RecordConversationReport.safeParse({ ...action, report: 'Goed gesprek.' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['report'], message: 'Het verslag is te kort (minstens 20 tekens).' })]);
  });

  it('does not count surrounding spaces towards the length', () => {
    const padded = `   ${'x'.repeat(19)}   `;
    expect(RecordConversationReport.safeParse({ ...action, report: padded }).success).toBe(false);
    expect(RecordConversationReport.safeParse({ ...action, report: `  ${'x'.repeat(20)}  ` }).success).toBe(true);
  });

  it('refuses a date that is not JJJJ-MM-DD, in Dutch', () => {
    const result = RecordConversationReport.safeParse({ ...action, conductedOn: '12-03-2024' });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['conductedOn'], message: 'Vul de datum van het gesprek in als JJJJ-MM-DD.' })]);
  });
});
