/** To an ontwikkelschool that has a place in a trajectory: the confirmation, and what comes next. */
import { renderMail, type RenderedMail } from './layout';

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
