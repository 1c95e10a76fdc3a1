/** To an ontwikkelschool that chose a full trajectory: it is on the waiting list, at this position. */
import { renderMail, type RenderedMail } from './layout';
import { mailKind, notice } from './notice';

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

export const placeWaiting = mailKind({
  file: 'place-waiting',
  render: renderPlaceWaiting,
  samples: [{ id: 'place-waiting', title: 'Ontwikkelschool: op de wachtlijst (leertraject vol)', data: placeWaitingSample }],
  notice: notice<{ trajectoryId: string; title: string; position: number }>()({
    kind: 'place-waiting',
    // A school can be listed in the same trajectory more than once (it may leave and choose it
    // again): the moment the journey asked tells those apart, and stays the same on a retry.
    purpose: (n) => `place-waiting/${n.trajectoryId}/${n.requestedAt}`,
    link: () => null,
    compose: ({ title, position }, { schoolName }) => ({ mail: renderPlaceWaiting({ schoolName, title, position }) }),
  }),
});
