/** To a school whose application was not submitted when the round closed: it waits for the next one. */
import { renderMail, type RenderedMail } from './layout';

export interface RoundMissedMail {
  schoolName: string;
  roundName: string;
}

export function renderRoundMissed(data: RoundMissedMail): RenderedMail {
  return renderMail({
    subject: `Aanvraagronde ${data.roundName} is gesloten`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      `De aanvraagronde ${data.roundName} is gesloten voordat uw aanvraag was ingediend. Uw aanvraag doet daarom niet mee in deze ronde.`,
      'Zodra de volgende aanvraagronde opengaat, krijgt u daarover bericht van ons.',
    ],
  });
}

export const roundMissedSample: RoundMissedMail = {
  schoolName: 'De Regenboog',
  roundName: 'Voorjaar 2027',
};
