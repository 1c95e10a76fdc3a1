/** To an ontwikkelschool that has a place in a trajectory: the confirmation, and what comes next. */
import { renderMail, type RenderedMail } from './layout';
import { mailKind, notice } from './notice';

export interface PlaceEnrolledMail {
  schoolName: string;
  /** The trajectory's title */
  title: string;
  expertschoolName: string;
}

export function renderPlaceEnrolled(data: PlaceEnrolledMail): RenderedMail {
  return renderMail({
    subject: `Uw plaats in het leertraject ${data.title} is bevestigd`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      `Uw school heeft een plaats in het leertraject ${data.title} van expertschool ${data.expertschoolName}. Van harte welkom!`,
      'Tijdens het leerjaar vragen we u twee keer een korte vragenlijst in te vullen: een nulmeting aan het begin en een eindmeting aan het eind. U krijgt daarvoor steeds een e-mail met een link.',
    ],
    after: ['U hoeft nu niets te doen. Heeft u vragen over het leertraject, neem dan contact op met het programmabureau.'],
  });
}

export const placeEnrolledSample: PlaceEnrolledMail = {
  schoolName: 'De Regenboog',
  title: 'Begrijpend lezen in de onderbouw',
  expertschoolName: 'Het Kompas',
};

export const placeEnrolled = mailKind({
  file: 'place-enrolled',
  render: renderPlaceEnrolled,
  samples: [{ id: 'place-enrolled', title: 'Ontwikkelschool: plaats in het leertraject bevestigd', data: placeEnrolledSample }],
  notice: notice<{ trajectoryId: string; title: string; expertschoolName: string }>()({
    kind: 'place-enrolled',
    // A school can be enrolled in the same trajectory more than once: the moment the journey asked tells those apart.
    purpose: (n) => `place-enrolled/${n.trajectoryId}/${n.requestedAt}`,
    link: () => null,
    compose: ({ title, expertschoolName }, { schoolName }) => ({ mail: renderPlaceEnrolled({ schoolName, title, expertschoolName }) }),
  }),
});
