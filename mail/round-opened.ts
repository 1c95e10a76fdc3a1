/** To every school that waits for a round: a subsidy round opened, and until when it can apply. */
import { formatMoment } from './format';
import { renderMail, type RenderedMail } from './layout';
import type { OpenRound } from '../domain/journey';
import { mailKind, notice } from './notice';

export interface RoundOpenedMail {
  schoolName: string;
  roundName: string;
  /** E.g. "2027-2028" */
  schoolYear: string;
  /** ISO moment the round closes */
  closesAt: string;
  /** Where the school fills in its application. */
  actionUrl?: string | undefined;
  linkValidUntil?: string | undefined;
}

export function renderRoundOpened(data: RoundOpenedMail): RenderedMail {
  const closes = formatMoment(data.closesAt);
  return renderMail({
    subject: `Aanvraagronde ${data.roundName} is geopend`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      `De aanvraagronde ${data.roundName} voor het schooljaar ${data.schoolYear} is geopend. Uw school kan nu een subsidieaanvraag indienen.`,
      `De ronde sluit op ${closes}.`,
    ],
    action: { line: `Dien uw aanvraag in vóór ${closes}.`, label: 'Naar uw aanvraag', url: data.actionUrl, validUntil: data.linkValidUntil },
    after: ['Is uw aanvraag dan nog niet ingediend, dan kunt u pas in een volgende ronde weer aanvragen.'],
  });
}

export const roundOpenedSample: RoundOpenedMail = {
  schoolName: 'De Regenboog',
  roundName: 'Voorjaar 2027',
  schoolYear: '2027-2028',
  closesAt: '2027-05-14T15:00:00.000Z',
  actionUrl: 'https://koers.ontwikkelkracht.example/s/voorbeeld',
};

/** A round as a school reads its name. */
export const roundName = (round: OpenRound): string => round.name ?? `subsidieronde ${round.schoolYear}`;

export const roundOpened = mailKind({
  file: 'round-opened',
  render: renderRoundOpened,
  samples: [{ id: 'round-opened', title: 'Aanvraagronde geopend', data: roundOpenedSample }],
  notice: notice<{ round: OpenRound }>()({
    kind: 'round-opened',
    purpose: ({ round }) => `round-opened/${round.roundId}`,
    // Open until the round closes: the school may come back to its application.
    link: ({ round }) => ({ purpose: 'application', scope: round.roundId, stepEndsAt: new Date(round.closesAt), singleUse: false }),
    compose: ({ round }, { schoolName }, link) => ({
      mail: renderRoundOpened({ schoolName, roundName: roundName(round), schoolYear: round.schoolYear, closesAt: round.closesAt, ...link }),
    }),
  }),
});
