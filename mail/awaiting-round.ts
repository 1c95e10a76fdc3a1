/** To a school the intake sent on to a subsidy round while none is open: it hears when one opens. */
import { renderMail, type RenderedMail } from './layout';
import { trackLabel } from '../domain/tracks';
import { mailKind, notice } from './notice';

export interface AwaitingRoundMail {
  schoolName: string;
  /** What the school will apply as, in Dutch: "expertschool", "ontwikkelschool". */
  trackLabel: string;
}

export function renderAwaitingRound(data: AwaitingRoundMail): RenderedMail {
  return renderMail({
    subject: 'Uw intake is afgerond: u hoort van ons zodra een aanvraagronde opent',
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      `Na de intake is de volgende stap voor uw school een subsidieaanvraag als ${data.trackLabel}.`,
      'Er is op dit moment geen aanvraagronde open. U hoort van ons zodra een ronde opent: u krijgt dan een e-mail met een persoonlijke link naar uw aanvraag.',
      'U hoeft tot dan niets te doen. Met vragen kunt u terecht bij het programmabureau Ontwikkelkracht.',
    ],
  });
}

export const awaitingRoundSample: AwaitingRoundMail = { schoolName: 'De Regenboog', trackLabel: 'expertschool' };

export const awaitingRound = mailKind({
  file: 'awaiting-round',
  render: renderAwaitingRound,
  samples: [{ id: 'awaiting-round', title: 'Intake afgerond, nog geen aanvraagronde open', data: awaitingRoundSample }],
  /** Parked after the intake with no round open: the school hears when one opens. */
  notice: notice<Record<never, never>>()({
    kind: 'awaiting-round',
    purpose: ({ cycle }) => `awaiting-round/${cycle}`,
    link: () => null,
    compose: async (_notice, { schoolName, track }) => {
      const journeyTrack = await track();
      const label = journeyTrack in trackLabel ? trackLabel[journeyTrack as keyof typeof trackLabel] : 'school';
      return { mail: renderAwaitingRound({ schoolName, trackLabel: label.toLowerCase() }) };
    },
  }),
});
