/** To the first ontwikkelschool on a waiting list: a place came free; accept it before the deadline. */
import { formatMoment } from './format';
import { renderMail, type RenderedMail } from './layout';
import { offerScope } from '../domain/links';
import { mailKind, notice } from './notice';

export interface PlaceOfferedMail {
  schoolName: string;
  /** The trajectory's title */
  title: string;
  expertschoolName: string;
  /** ISO moment until which the place can be accepted */
  acceptBefore: string;
  actionUrl?: string | undefined;
  linkValidUntil?: string | undefined;
}

export function renderPlaceOffered(data: PlaceOfferedMail): RenderedMail {
  const deadline = formatMoment(data.acceptBefore);
  return renderMail({
    subject: `Er is een plaats vrij voor u in het leertraject ${data.title}`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      `Goed nieuws: in het leertraject ${data.title} van expertschool ${data.expertschoolName} is een plaats vrijgekomen. Uw school staat als eerste op de wachtlijst, dus de plaats is voor u.`,
    ],
    action: { line: `Aanvaard de plaats vóór ${deadline}.`, label: 'Plaats aanvaarden', url: data.actionUrl, validUntil: data.linkValidUntil },
    after: [
      'Aanvaardt u de plaats niet op tijd, dan gaat hij naar de volgende school op de wachtlijst en staat uw school niet meer op de wachtlijst voor dit leertraject. U krijgt dan een e-mail met een link om opnieuw een leertraject te kiezen.',
    ],
  });
}

export const placeOfferedSample: PlaceOfferedMail = {
  schoolName: 'De Regenboog',
  title: 'Begrijpend lezen in de onderbouw',
  expertschoolName: 'Het Kompas',
  acceptBefore: '2027-06-22T15:00:00.000Z',
  actionUrl: 'https://koers.ontwikkelkracht.example/s/voorbeeld',
  linkValidUntil: '2027-06-22T15:00:00.000Z',
};

export const placeOffered = mailKind({
  file: 'place-offered',
  render: renderPlaceOffered,
  samples: [{ id: 'place-offered', title: 'Ontwikkelschool: vrijgekomen plaats aangeboden', data: placeOfferedSample }],
  notice: notice<{ trajectoryId: string; title: string; expertschoolName: string; acceptBefore: string }>()({
    kind: 'place-offered',
    // A second offer in the same trajectory always comes with a later deadline.
    purpose: (n) => `place-offered/${n.trajectoryId}/${n.acceptBefore}`,
    // Single use, and only until the deadline: it accepts this one place, nothing else.
    link: (n) => ({ purpose: 'enrolment', scope: offerScope(n.trajectoryId), stepEndsAt: new Date(n.acceptBefore), singleUse: true }),
    compose: ({ title, expertschoolName, acceptBefore }, { schoolName }, link) => ({
      mail: renderPlaceOffered({ schoolName, title, expertschoolName, acceptBefore, ...link }),
    }),
  }),
});
