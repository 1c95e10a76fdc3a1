/** To an ontwikkelschool that chose a full trajectory: it is on the waiting list, at this position. */
import { renderMail, type RenderedMail } from './layout';

export interface PlaceWaitingMail {
  schoolName: string;
  /** The trajectory's title */
  title: string;
  /** 1 = next in line */
  position: number;
}

export function renderPlaceWaiting(data: PlaceWaitingMail): RenderedMail {
  return renderMail({
    subject: `U staat op de wachtlijst voor het leertraject ${data.title}`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      `Het leertraject ${data.title} is vol. Uw school staat op de wachtlijst, op plaats ${data.position}.` +
        (data.position === 1 ? ' U bent dus de eerstvolgende.' : ''),
      'Komt er een plaats vrij, dan bieden we die aan de eerste school op de wachtlijst aan. U krijgt dan een e-mail met een link om de plaats te aanvaarden, en tot wanneer dat kan.',
    ],
    after: ['U hoeft nu niets te doen. Wilt u liever een ander leertraject kiezen? Neem dan contact op met het programmabureau.'],
  });
}

export const placeWaitingSample: PlaceWaitingMail = {
  schoolName: 'De Regenboog',
  title: 'Begrijpend lezen in de onderbouw',
  position: 2,
};
