/** To a school whose application was not submitted when the round closed: it waits for the next one. */
import { renderMail, type RenderedMail } from './layout';
import type { OpenRound } from '../domain/journey';
import { mailKind, notice } from './notice';
import { roundName } from './round-opened';

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

export const roundMissed = mailKind({
  file: 'round-missed',
  render: renderRoundMissed,
  samples: [{ id: 'round-missed', title: 'Ronde gesloten zonder ingediende aanvraag', data: roundMissedSample }],
  notice: notice<{ round: OpenRound }>()({
    kind: 'round-missed',
    purpose: ({ round }) => `round-missed/${round.roundId}`,
    link: () => null,
    compose: ({ round }, { schoolName }) => ({ mail: renderRoundMissed({ schoolName, roundName: roundName(round) }) }),
  }),
});
