/** To a school the office planned a conversation with: when and where, with a calendar invitation attached. */
import { conversationKindLabel } from '../domain/labels';
import { formatMoment } from './format';
import { renderMail, type RenderedMail } from './layout';
import type { PlannedConversation } from '../domain/journey';
import { conversationInvitation } from './conversation-invitation';
import { mailKind, notice } from './notice';

export interface ConversationPlannedMail {
  schoolName: string;
  kind: 'exploratory' | 'evaluation';
  /** ISO moment it starts */
  startsAt: string;
  durationMinutes: number;
  /** An address, or the link to the video call */
  location: string;
  /** True when this replaces an earlier invitation. */
  isNewMoment: boolean;
  actionUrl?: string | undefined;
  linkValidUntil?: string | undefined;
}

/** The conversation's kind in words; the label lives with the others in domain/labels.ts. */
export const conversationLabel = conversationKindLabel;

export function renderConversationPlanned(data: ConversationPlannedMail): RenderedMail {
  const moment = formatMoment(data.startsAt);
  const what = conversationLabel[data.kind];
  const purpose =
    data.kind === 'exploratory'
      ? 'In dit gesprek verkennen we samen of en hoe uw school kan meedoen aan Ontwikkelkracht.'
      : 'In dit gesprek kijken we samen terug op het afgelopen jaar en vooruit naar het volgende.';
  return renderMail({
    subject: `${data.isNewMoment ? 'Nieuw moment' : 'Uitnodiging'}: ${what} op ${moment}`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      data.isNewMoment
        ? `We hebben een nieuw moment gepland voor het ${what}. Dit vervangt de eerdere uitnodiging.`
        : `Het programmabureau van Ontwikkelkracht nodigt u uit voor een ${what}. ${purpose}`,
      `Wanneer: ${moment} (${data.durationMinutes} minuten).`,
      `Waar: ${data.location}`,
    ],
    action: {
      line: 'Laat ons weten of dit moment u past, of kies voor een ander moment.',
      label: 'Bevestigen of ander moment vragen',
      url: data.actionUrl,
      validUntil: data.linkValidUntil,
    },
    after: ['De agenda-uitnodiging zit bij deze e-mail; u kunt haar in uw agenda zetten.'],
  });
}

export const conversationPlannedSample: ConversationPlannedMail = {
  schoolName: 'De Regenboog',
  kind: 'exploratory',
  startsAt: '2027-01-12T09:00:00.000Z',
  durationMinutes: 60,
  location: 'Basisschool De Regenboog, Dorpsstraat 1, Utrecht',
  isNewMoment: false,
  actionUrl: 'https://koers.ontwikkelkracht.example/s/voorbeeld',
  linkValidUntil: '2027-01-12T09:00:00.000Z',
};

export const conversationPlanned = mailKind({
  file: 'conversation-planned',
  render: renderConversationPlanned,
  samples: [{ id: 'conversation-planned', title: 'Uitnodiging voor het gesprek (met agenda-uitnodiging)', data: conversationPlannedSample }],
  notice: notice<{ conversation: PlannedConversation }>()({
    kind: 'conversation-planned',
    purpose: ({ cycle, conversation }) => `conversation-planned/${cycle}-${conversation.number}`,
    link: ({ cycle, conversation }) => ({
      purpose: 'conversation',
      scope: `${cycle}-${conversation.number}`,
      stepEndsAt: new Date(conversation.startsAt),
      singleUse: true,
      // The earlier invitation's link answers a moment that no longer stands.
      revokesEarlier: 'system: new moment planned',
    }),
    compose: ({ journeyId, cycle, conversation }, { schoolName, organizerEmail }, link) => {
      const { kind, startsAt, durationMinutes, location, number } = conversation;
      const details = { schoolName, kind, startsAt, durationMinutes, location };
      const mail = renderConversationPlanned({ ...details, isNewMoment: number > 1, ...link });
      const uid = `${journeyId}-conversation-${cycle}@koers`;
      return { mail, icalEvent: conversationInvitation({ ...details, uid, sequence: number - 1, url: link?.actionUrl, organizerEmail }) };
    },
  }),
});
