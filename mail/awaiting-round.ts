/** To a school the intake sent on to a subsidy round while none is open: it hears when one opens. */
import { renderMail, type RenderedMail } from './layout';

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
