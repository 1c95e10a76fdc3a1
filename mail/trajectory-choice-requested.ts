/** To an ontwikkelschool whose application was granted: choose the learning trajectory it will follow. */
import { renderMail, type RenderedMail } from './layout';

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
