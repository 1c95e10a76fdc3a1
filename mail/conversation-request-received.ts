/**
 * The confirmation of a school's own request for the exploratory conversation, to the address typed
 * in the request. Built only from what the request said, never from what Koers knows about the
 * school, so it reads the same whether or not the school is already in the programme; and it does
 * not repeat the question, so the form cannot be used to mail someone a text of one's choosing.
 */
import { CONTACT_WITHIN_WORKDAYS, trackInterestLabel, type TrackInterest } from '../domain/conversation-request';
import { renderMail, type RenderedMail } from './layout';
import { mailKind } from './notice';

export interface ConversationRequestReceivedMail {
  contactName: string;
  /** As typed in the request. */
  schoolName: string;
  brin: string;
  trackInterest: TrackInterest;
}

export function renderConversationRequestReceived(data: ConversationRequestReceivedMail): RenderedMail {
  return renderMail({
    subject: 'Wij hebben uw aanvraag voor een verkennend gesprek ontvangen',
    greeting: `Beste ${data.contactName},`,
    paragraphs: [
      `Dank u wel voor uw aanvraag van een verkennend gesprek met het programmabureau van Ontwikkelkracht voor ${data.schoolName} (BRIN ${data.brin}). U gaf als belangstelling op: ${trackInterestLabel[data.trackInterest]}.`,
      `Het programmabureau neemt binnen ${CONTACT_WITHIN_WORKDAYS} werkdagen contact met u op om het gesprek te plannen. U krijgt dan een uitnodiging met het moment en de plaats, die u per e-mail kunt bevestigen.`,
    ],
    after: [
      'In het gesprek verkennen we samen welk traject het best bij uw school past. Het gesprek is een voorwaarde om later subsidie aan te vragen.',
      'Heeft u dit gesprek niet aangevraagd? Dan kunt u deze e-mail negeren; er gebeurt verder niets met uw e-mailadres.',
    ],
    footer:
      'U ontvangt deze e-mail omdat via de website van Ontwikkelkracht een gesprek is aangevraagd met dit e-mailadres. Deze e-mail is automatisch verstuurd.',
  });
}

export const conversationRequestReceivedSample: ConversationRequestReceivedMail = {
  contactName: 'Fatima el Amrani',
  schoolName: 'De Regenboog',
  brin: '12AB',
  trackInterest: 'unsure',
};

/** Sent by its own activity (activities/confirm-conversation-request.ts), to the address in the request. */
export const conversationRequestReceived = mailKind({
  file: 'conversation-request-received',
  render: renderConversationRequestReceived,
  samples: [
    {
      id: 'conversation-request-received',
      title: 'Bevestiging van een aangevraagd verkennend gesprek (/gesprek-aanvragen)',
      data: conversationRequestReceivedSample,
    },
  ],
  notice: null,
});
