/**
 * To an ontwikkelschool that did not accept an offered place in time: the place went to the next
 * school, and it can choose again, with the link in this mail.
 */
import { renderMail, type RenderedMail } from './layout';
import type { SchoolYear } from '../domain/school-year';
import { mailKind, notice } from './notice';
import { choiceLink } from './trajectory-choice-requested';

export interface PlaceOfferExpiredMail {
  schoolName: string;
  /** The trajectory's title */
  title: string;
  /** E.g. "2027-2028" */
  schoolYear: string;
  actionUrl?: string | undefined;
  linkValidUntil?: string | undefined;
}

export function renderPlaceOfferExpired(data: PlaceOfferExpiredMail): RenderedMail {
  return renderMail({
    subject: `De aangeboden plaats in het leertraject ${data.title} is vervallen`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      `De plaats in het leertraject ${data.title} die we uw school aanboden, is niet op tijd aanvaard. De plaats gaat daarom naar de volgende school op de wachtlijst, en uw school staat niet meer op de wachtlijst voor dit leertraject.`,
      `Uw school kan opnieuw een leertraject kiezen voor het schooljaar ${data.schoolYear}. Is het leertraject van uw keuze vol, dan komt u weer op de wachtlijst.`,
    ],
    action: { line: 'Kies opnieuw een leertraject.', label: 'Leertraject kiezen', url: data.actionUrl, validUntil: data.linkValidUntil },
    after: ['Was dit niet de bedoeling? Neem dan contact op met het programmabureau.'],
  });
}

export const placeOfferExpiredSample: PlaceOfferExpiredMail = {
  schoolName: 'De Regenboog',
  title: 'Begrijpend lezen in de onderbouw',
  schoolYear: '2027-2028',
  actionUrl: 'https://koers.ontwikkelkracht.example/s/voorbeeld',
  linkValidUntil: '2027-07-06T15:00:00.000Z',
};

export const placeOfferExpired = mailKind({
  file: 'place-offer-expired',
  render: renderPlaceOfferExpired,
  samples: [{ id: 'place-offer-expired', title: 'Ontwikkelschool: aangeboden plaats niet op tijd aanvaard', data: placeOfferExpiredSample }],
  notice: notice<{ trajectoryId: string; title: string; schoolYear: SchoolYear }>()({
    kind: 'place-offer-expired',
    // A school can lose an offer in the same trajectory more than once: the moment the journey asked tells those apart.
    purpose: (n) => `place-offer-expired/${n.trajectoryId}/${n.requestedAt}`,
    // The school may choose again: this mail carries the link to do so.
    link: ({ schoolYear }) => choiceLink(schoolYear),
    compose: ({ title, schoolYear }, { schoolName }, link) => ({ mail: renderPlaceOfferExpired({ schoolName, title, schoolYear, ...link }) }),
  }),
});
