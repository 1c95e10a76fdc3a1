/** To a school starting its aspirant year: name the expert team that will carry it. */
import { renderMail, type RenderedMail } from './layout';
import { schoolYearBounds, type SchoolYear } from '../domain/school-year';
import { mailKind, notice } from './notice';

export interface ExpertTeamRequestedMail {
  schoolName: string;
  /** E.g. "2027-2028" */
  schoolYear: string;
  actionUrl?: string | undefined;
  linkValidUntil?: string | undefined;
}

export function renderExpertTeamRequested(data: ExpertTeamRequestedMail): RenderedMail {
  return renderMail({
    subject: `Geef uw expertteam door voor het aspirantjaar ${data.schoolYear}`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      `Het aspirantjaar ${data.schoolYear} van uw school is begonnen. In dit jaar bereidt een expertteam uw school voor op het werk als expertschool.`,
      'Het expertteam bestaat uit minstens twee mensen, onder wie de schoolleider.',
    ],
    action: { line: 'Geef de leden van uw expertteam door.', label: 'Expertteam doorgeven', url: data.actionUrl, validUntil: data.linkValidUntil },
  });
}

export const expertTeamRequestedSample: ExpertTeamRequestedMail = {
  schoolName: 'De Regenboog',
  schoolYear: '2027-2028',
  actionUrl: 'https://koers.ontwikkelkracht.example/s/voorbeeld',
  linkValidUntil: '2027-09-15T10:00:00.000Z',
};

export const expertTeamRequested = mailKind({
  file: 'expert-team-requested',
  render: renderExpertTeamRequested,
  samples: [{ id: 'expert-team-requested', title: 'Expertteam doorgeven bij het begin van het aspirantjaar', data: expertTeamRequestedSample }],
  notice: notice<{ schoolYear: SchoolYear }>()({
    kind: 'expert-team-requested',
    purpose: ({ schoolYear }) => `expert-team-requested/${schoolYear}`,
    link: ({ schoolYear }) => ({ purpose: 'expert-team', scope: schoolYear, stepEndsAt: schoolYearBounds(schoolYear).end, singleUse: true }),
    compose: ({ schoolYear }, { schoolName }, link) => ({ mail: renderExpertTeamRequested({ schoolName, schoolYear, ...link }) }),
  }),
});
