/**
 * What excludes a school is said before anyone fills anything in: on the case page from the first
 * conversation on, and above the school's application form, each with its reason.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { CasePage } from '../../api/office/case-page';
import { ApplicationPage } from '../../api/school/application-page';
import { checkEligibility, exclusions } from '../../domain/eligibility';
import type { JourneyView } from '../../domain/journey';
import { subsidyRatesFor } from '../../domain/subsidy-rates';
import { completeApplication } from '../support/fixtures';

const rating = 'De Inspectie van het Onderwijs beoordeelde de kwaliteit van de school als "zeer zwak"; dan is deze subsidie niet mogelijk.';
/** The text as the page shows it: tags out, quotes unescaped. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

test('the exclusions known before the application are the ones the submission is refused for', () => {
  expect(exclusions({ inspectionRating: 'zeer_zwak' }).map((e) => e.message)).toEqual([rating]);
  expect(exclusions({ inspectionRating: 'goed', otherSubsidies: ['groeikracht'] }).map((e) => e.code)).toEqual(['excluded_by_other_subsidy']);
  expect(exclusions({ inspectionRating: 'voldoende' })).toEqual([]);
  const refused = checkEligibility({
    application: completeApplication(),
    inspectionRating: 'onvoldoende',
    hasAspirantYearBehind: false,
    rates: subsidyRatesFor('2024-2025')!,
  });
  expect(refused).toEqual(exclusions({ inspectionRating: 'onvoldoende' }));
});

const page = (exclusionList: string[]) =>
  renderToString(
    h(ApplicationPage, {
      token: 'A'.repeat(43),
      schoolName: 'De Regenboog',
      roundName: 'Voorjaar 2027',
      schoolYear: '2027-2028',
      closesAt: '2027-06-01T15:00:00.000Z',
      sections: [],
      values: { participants: [], sections: {}, trajectories: [], otherSubsidies: [] },
      participantRows: 4,
      trajectoryRows: 1,
      offersTrajectories: true,
      minimumParticipants: 4,
      exclusions: exclusionList,
    }),
  );

test('the school reads why it is excluded above its application form, before it fills anything in', () => {
  const html = page([rating]);
  const before = text(html.slice(0, html.indexOf('<form')));
  expect(before).toContain('Uw school kan deze subsidie niet krijgen');
  expect(before).toContain(rating);
  // Without an exclusion the rules are still said up front.
  const plain = page([]);
  expect(text(plain.slice(0, plain.indexOf('<form')))).toContain('U kunt deze subsidie niet aanvragen als uw school al subsidie ontvangt voor Groeikracht');
});

test('the office sees the exclusion on the case page at the intake', () => {
  const journey = {
    journeyId: 'journey-expertschool-12AB',
    track: 'expertschool',
    school: { brin: '12AB', name: 'De Regenboog', sector: 'PO', region: 'Utrecht', contactEmail: 'directie@regenboog.example', inspectionRating: 'zeer_zwak' },
    cycle: 0,
    hasAspirantYearBehind: false,
    phase: 'intake',
    waitingFor: 'office',
    nextDeadline: null,
    round: null,
    plannedConversation: null,
    conversation: null,
    intake: null,
    application: null,
    schoolYear: null,
    expertTeam: [],
    aspirantOutcome: null,
    enrolment: null,
    forms: [],
    registration: null,
    developmentGroup: null,
    outcome: null,
    allowedActions: ['recordIntakeOutcome', 'cancelJourney'],
    unrecordedSteps: 0,
  } as unknown as JourneyView;
  const html = renderToString(
    h(CasePage, {
      session: { staff: { id: 's1', email: 'bram@ontwikkelkracht.example', name: 'Bram de Boer', role: 'staff' }, csrfToken: 'x' },
      school: { ...journey.school, contactEmail: 'directie@school.example', equalAccessMarkers: [] },
      journey,
      timeline: [],
      requests: [],
    }),
  );
  const shown = text(html);
  expect(shown).toContain('Deze school kan geen subsidie krijgen');
  expect(shown).toContain(rating);
  expect(shown.indexOf(rating)).toBeLessThan(shown.indexOf('Uitkomst van de intake'));
  expect(shown).not.toContain('Besluitbrief downloaden');
});
