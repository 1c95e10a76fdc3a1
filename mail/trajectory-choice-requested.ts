/** To an ontwikkelschool whose application was granted: choose the learning trajectory it will follow. */
import { renderMail, type RenderedMail } from './layout';
import { schoolYearBounds, type SchoolYear } from '../domain/school-year';
import type { LinkPolicy } from '../domain/links';
import { choiceScope } from '../domain/links';
import { mailKind, notice } from './notice';

export interface TrajectoryChoiceRequestedMail {
  schoolName: string;
  /** E.g. "2027-2028" */
  schoolYear: string;
  actionUrl?: string | undefined;
  linkValidUntil?: string | undefined;
}

export function renderTrajectoryChoiceRequested(data: TrajectoryChoiceRequestedMail): RenderedMail {
  return renderMail({
    subject: `Kies uw leertraject voor het schooljaar ${data.schoolYear}`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      `Uw aanvraag als ontwikkelschool is toegekend. Nu kiest u het leertraject waarin uw school in het schooljaar ${data.schoolYear} leert van een expertschool.`,
      'Op de pagina achter de link ziet u de leertrajecten van dit schooljaar: welke expertschool ze geeft, in welke regio, en hoeveel plaatsen er nog vrij zijn. U kiest één leertraject.',
    ],
    action: { line: 'Kies een leertraject.', label: 'Leertraject kiezen', url: data.actionUrl, validUntil: data.linkValidUntil },
    after: [
      'Vol is vol: wie eerst kiest, heeft eerst een plaats. Is een leertraject vol, dan komt uw school op de wachtlijst en krijgt u bericht als er een plaats voor u vrijkomt.',
    ],
  });
}

export const trajectoryChoiceRequestedSample: TrajectoryChoiceRequestedMail = {
  schoolName: 'De Regenboog',
  schoolYear: '2027-2028',
  actionUrl: 'https://koers.ontwikkelkracht.example/s/voorbeeld',
  linkValidUntil: '2027-06-15T10:00:00.000Z',
};

/** Choosing a trajectory: open all school year (the school may come back to it), never spent by one choice. */
export function choiceLink(schoolYear: SchoolYear): LinkPolicy {
  return { purpose: 'enrolment', scope: choiceScope(schoolYear), stepEndsAt: schoolYearBounds(schoolYear).end, singleUse: false };
}

export const trajectoryChoiceRequested = mailKind({
  file: 'trajectory-choice-requested',
  render: renderTrajectoryChoiceRequested,
  samples: [{ id: 'trajectory-choice-requested', title: 'Ontwikkelschool: leertraject kiezen na de toekenning', data: trajectoryChoiceRequestedSample }],
  notice: notice<{ schoolYear: SchoolYear }>()({
    kind: 'trajectory-choice-requested',
    // Once a year; later choice links come with an expired offer's mail, or from the office.
    purpose: ({ schoolYear }) => `trajectory-choice-requested/${schoolYear}`,
    link: ({ schoolYear }) => choiceLink(schoolYear),
    compose: ({ schoolYear }, { schoolName }, link) => ({ mail: renderTrajectoryChoiceRequested({ schoolName, schoolYear, ...link }) }),
  }),
});
