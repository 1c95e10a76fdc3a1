/**
 * The notice catalogue: every notice kind a journey sends has one entry, and its outbox purpose and
 * link stay exactly what running journeys were given before (the outbox dedupes on
 * `${journeyId}/${purpose}`: a changed purpose would send a mail twice).
 */
import { mailCatalogue, mailPreviews, noticeKindOf, type NoticeContent, type SchoolNotice } from '../../mail';
import { applicationApprovedSample } from '../../mail/application-decided';
import type { NoticeRecord } from '../../mail/notice';
import type { LinkPolicy } from '../../domain/links';

const envelope = { journeyId: 'journey-expertschool-12AB', brin: '12AB', cycle: 1, requestedAt: '2027-05-01T10:00:00.000Z' };
const round = {
  roundId: '2027-2028-voorjaar',
  schoolYear: '2027-2028',
  opensAt: '2027-04-01T07:00:00.000Z',
  closesAt: '2027-05-14T15:00:00.000Z',
  rates: { fixedPerSchool: 35_616, perOntwikkelschoolPlace: 8_480, maxPlacesPerTrajectory: 6 },
};
const conversation = {
  kind: 'exploratory' as const,
  number: 2,
  startsAt: '2027-01-12T09:00:00.000Z',
  durationMinutes: 60,
  location: 'Dorpsstraat 1, Utrecht',
  plannedBy: 'office',
  response: null,
};
const form = { kind: 'nulmeting' as const, scope: '2027-2028', dueAt: '2027-10-01T07:00:00.000Z' };
const group = {
  groupId: 'cohort-1/g1',
  theme: 'wellbeing' as const,
  members: [
    { brin: '12AB', name: 'De Regenboog' },
    { brin: '34CD', name: 'Lyceum De Horizon' },
  ],
  kickOffOn: '2027-06-24',
  startDayOn: '2027-09-09',
};
const yearEnd = new Date('2028-08-01T00:00:00+02:00');
const choice: LinkPolicy = { purpose: 'enrolment', scope: '2027-2028', stepEndsAt: yearEnd, singleUse: false };

/** Each kind as a journey sends it, with the purpose and link it was sent with before the catalogue. */
const cases: [NoticeContent, string, LinkPolicy | null][] = [
  [
    { kind: 'round-opened', round },
    'round-opened/2027-2028-voorjaar',
    { purpose: 'application', scope: round.roundId, stepEndsAt: new Date(round.closesAt), singleUse: false },
  ],
  [{ kind: 'round-missed', round }, 'round-missed/2027-2028-voorjaar', null],
  [
    { kind: 'conversation-planned', conversation },
    'conversation-planned/1-2',
    { purpose: 'conversation', scope: '1-2', stepEndsAt: new Date(conversation.startsAt), singleUse: true, revokesEarlier: 'system: new moment planned' },
  ],
  [
    { kind: 'expert-team-requested', schoolYear: '2027-2028' },
    'expert-team-requested/2027-2028',
    { purpose: 'expert-team', scope: '2027-2028', stepEndsAt: yearEnd, singleUse: true },
  ],
  [{ kind: 'trajectory-choice-requested', schoolYear: '2027-2028' }, 'trajectory-choice-requested/2027-2028', choice],
  [{ kind: 'place-waiting', trajectoryId: 'hub-12AB-2027/t1', title: 'Lezen', position: 2 }, `place-waiting/hub-12AB-2027/t1/${envelope.requestedAt}`, null],
  [
    { kind: 'place-enrolled', trajectoryId: 'hub-12AB-2027/t1', title: 'Lezen', expertschoolName: 'X' },
    `place-enrolled/hub-12AB-2027/t1/${envelope.requestedAt}`,
    null,
  ],
  [
    { kind: 'place-offered', trajectoryId: 'hub-12AB-2027/t1', title: 'Lezen', expertschoolName: 'X', acceptBefore: '2027-06-01T10:00:00.000Z' },
    'place-offered/hub-12AB-2027/t1/2027-06-01T10:00:00.000Z',
    { purpose: 'enrolment', scope: 'hub-12AB-2027/t1', stepEndsAt: new Date('2027-06-01T10:00:00.000Z'), singleUse: true },
  ],
  [
    { kind: 'place-offer-expired', trajectoryId: 'hub-12AB-2027/t1', title: 'Lezen', schoolYear: '2027-2028' },
    `place-offer-expired/hub-12AB-2027/t1/${envelope.requestedAt}`,
    choice,
  ],
  [
    { kind: 'place-released', trajectoryId: 'hub-12AB-2027/t1', title: 'Lezen', schoolYear: '2027-2028', reason: 'r', participationEnds: false },
    `place-released/hub-12AB-2027/t1/${envelope.requestedAt}`,
    choice,
  ],
  [
    { kind: 'place-released', trajectoryId: 'hub-12AB-2027/t1', title: 'Lezen', schoolYear: '2027-2028', reason: 'r', participationEnds: true },
    `place-released/hub-12AB-2027/t1/${envelope.requestedAt}`,
    null,
  ],
  [
    { kind: 'form-requested', form },
    'form-requested/nulmeting-2027-2028',
    { purpose: 'form', scope: 'nulmeting/2027-2028', stepEndsAt: new Date(form.dueAt), singleUse: true },
  ],
  [
    { kind: 'form-reminder', form, daysBefore: 7 },
    'form-reminder-7d/nulmeting-2027-2028',
    { purpose: 'form', scope: 'nulmeting/2027-2028', stepEndsAt: new Date(form.dueAt), singleUse: true },
  ],
  [
    { kind: 'registration-requested', cohortId: 'cohort-1', cohortName: 'Cohort 1', closesAt: '2027-03-01T10:00:00.000Z' },
    'registration-requested/cohort-1',
    { purpose: 'form', scope: 'self_evaluation/cohort-1', stepEndsAt: new Date('2027-03-01T10:00:00.000Z'), singleUse: false },
  ],
  [{ kind: 'development-group-assigned', cohortName: 'Cohort 1', group }, 'development-group-assigned/cohort-1/g1', null],
  [
    { kind: 'application-decided', applicationId: 'journey-expertschool-12AB/2027-2028-voorjaar' },
    'application-decided/journey-expertschool-12AB/2027-2028-voorjaar',
    null,
  ],
  [{ kind: 'awaiting-round' }, 'awaiting-round/1', null],
];

const record: NoticeRecord = {
  schoolName: 'De Regenboog',
  organizerEmail: 'programmabureau@ontwikkelkracht.example',
  track: async () => 'expertschool',
  decision: async () => ({ facts: applicationApprovedSample, attachment: 'decision-letter:x' }),
};
const link = { actionUrl: 'https://koers.example/s/abc', linkValidUntil: '2027-05-14T15:00:00.000Z' };

test.each(cases.map(([content, purpose, policy]) => [content.kind, { ...envelope, ...content } as SchoolNotice, purpose, policy] as const))(
  '%s keeps its outbox purpose and its link',
  (_kind, notice, purpose, policy) => {
    const entry = noticeKindOf(notice.kind);
    expect(entry.purpose(notice)).toBe(purpose);
    expect(entry.link(notice)).toEqual(policy);
  },
);

test('every notice kind has exactly one entry, and every entry a sample', () => {
  const kinds = mailCatalogue.flatMap((entry) => (entry.notice ? [entry.notice.kind] : []));
  expect(new Set(kinds).size).toBe(kinds.length);
  expect(new Set(cases.map(([content]) => content.kind))).toEqual(new Set(kinds));
  expect(mailCatalogue.filter((entry) => entry.samples.length === 0)).toEqual([]);
  const ids = mailPreviews.map((preview) => preview.kind);
  expect(new Set(ids).size).toBe(ids.length);
});

test.each(cases.map(([content]) => [content.kind, { ...envelope, ...content } as SchoolNotice] as const))('%s composes a mail', async (_kind, notice) => {
  const entry = noticeKindOf(notice.kind);
  const composed = await entry.compose(notice, record, entry.link(notice) ? link : null);
  expect(composed.mail.text).toContain('De Regenboog');
  expect(composed.mail.text.includes(link.actionUrl)).toBe(entry.link(notice) !== null);
});

test('a planned conversation comes with its calendar invitation; a group mail names the other schools only', async () => {
  const planned = { ...envelope, kind: 'conversation-planned', conversation } as const;
  const composed = await noticeKindOf('conversation-planned').compose(planned, record, link);
  expect(composed.icalEvent).toContain(`UID:${envelope.journeyId}-conversation-1@koers`);
  expect(composed.mail.subject).toMatch(/^Nieuw moment/);
  const assigned = { ...envelope, kind: 'development-group-assigned', cohortName: 'Cohort 1', group } as const;
  const { mail } = await noticeKindOf('development-group-assigned').compose(assigned, record, null);
  expect(mail.text).toContain('Lyceum De Horizon');
  expect(mail.text.match(/De Regenboog/g)).toHaveLength(1);
});

test('a decision mail carries its letter; an awaiting-round mail names the track', async () => {
  const decided = await noticeKindOf('application-decided').compose({ ...envelope, kind: 'application-decided', applicationId: 'x' }, record, null);
  expect(decided.attachment).toBe('decision-letter:x');
  const awaiting = await noticeKindOf('awaiting-round').compose({ ...envelope, kind: 'awaiting-round' }, record, null);
  expect(awaiting.mail.text).toContain('als expertschool');
});
