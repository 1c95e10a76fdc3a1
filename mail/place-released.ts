/**
 * To an ontwikkelschool whose place (or place in line) the programme office released: the
 * office's reason, and what happens next. Before the learning year the school can choose again,
 * with the link in this mail; during it, its participation ends.
 */
import { renderMail, type RenderedMail } from './layout';
import type { SchoolYear } from '../domain/school-year';
import { mailKind, notice } from './notice';
import { choiceLink } from './trajectory-choice-requested';

export interface PlaceReleasedMail {
  schoolName: string;
  /** The trajectory's title */
  title: string;
  /** The reason the office gave, as it wrote it */
  reason: string;
  /** E.g. "2027-2028" */
  schoolYear: string;
  /** True during the learning year: the participation ends; otherwise the school can choose again. */
  participationEnds: boolean;
  actionUrl?: string | undefined;
  linkValidUntil?: string | undefined;
}

export function renderPlaceReleased(data: PlaceReleasedMail): RenderedMail {
  const next = data.participationEnds
    ? `Hiermee eindigt de deelname van uw school aan het leertraject in het schooljaar ${data.schoolYear}.`
    : `Uw school kan opnieuw een leertraject kiezen voor het schooljaar ${data.schoolYear}. Is het leertraject van uw keuze vol, dan komt u op de wachtlijst.`;
  return renderMail({
    subject: `Uw plaats in het leertraject ${data.title} is ingetrokken`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [`Het programmabureau heeft de plaats van uw school in het leertraject ${data.title} ingetrokken. De reden:`, data.reason, next],
    ...(data.participationEnds
      ? {}
      : { action: { line: 'Kies opnieuw een leertraject.', label: 'Leertraject kiezen', url: data.actionUrl, validUntil: data.linkValidUntil } }),
    after: ['Heeft u vragen over dit besluit? Neem dan contact op met het programmabureau.'],
  });
}

export const placeReleasedSample: PlaceReleasedMail = {
  schoolName: 'De Regenboog',
  title: 'Begrijpend lezen in de onderbouw',
  reason: 'De school heeft de startbijeenkomst en de eerste twee trainingen gemist zonder bericht.',
  schoolYear: '2027-2028',
  participationEnds: false,
  actionUrl: 'https://koers.ontwikkelkracht.example/s/voorbeeld',
  linkValidUntil: '2027-07-06T15:00:00.000Z',
};

export const placeReleased = mailKind({
  file: 'place-released',
  render: renderPlaceReleased,
  samples: [{ id: 'place-released', title: 'Ontwikkelschool: plaats ingetrokken door het programmabureau, met de reden', data: placeReleasedSample }],
  notice: notice<{ trajectoryId: string; title: string; schoolYear: SchoolYear; reason: string; participationEnds: boolean }>()({
    kind: 'place-released',
    // A school can lose a place in the same trajectory more than once: the moment the journey asked tells those apart.
    purpose: (n) => `place-released/${n.trajectoryId}/${n.requestedAt}`,
    // Before the learning year the school may choose again: the mail carries the link.
    link: ({ participationEnds, schoolYear }) => (participationEnds ? null : choiceLink(schoolYear)),
    compose: ({ title, schoolYear, reason, participationEnds }, { schoolName }, link) => ({
      mail: renderPlaceReleased({ schoolName, title, schoolYear, reason, participationEnds, ...link }),
    }),
  }),
});
