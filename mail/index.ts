/**
 * Every kind of mail Koers sends: one file per kind, each a pure function from typed data to
 * `{ subject, text, html }`, with sample data for the preview (`/voorbeelden` on the mail catcher).
 */
import { applicationReminderSample, renderApplicationReminder } from './application-reminder';
import type { RenderedMail } from './layout';
import { conversationPlannedSample, renderConversationPlanned } from './conversation-planned';
import { expertTeamRequestedSample, renderExpertTeamRequested } from './expert-team-requested';
import { linkRenewedSample, renderLinkRenewed } from './link-renewed';
import { renderRoundMissed, roundMissedSample } from './round-missed';
import { renderRoundOpened, roundOpenedSample } from './round-opened';

export type { RenderedMail } from './layout';
export { renderApplicationReminder, type ApplicationReminderMail } from './application-reminder';
export { renderConversationPlanned, conversationLabel, type ConversationPlannedMail } from './conversation-planned';
export { renderExpertTeamRequested, type ExpertTeamRequestedMail } from './expert-team-requested';
export { renderLinkRenewed, type LinkRenewedMail } from './link-renewed';
export { renderRoundMissed, type RoundMissedMail } from './round-missed';
export { renderRoundOpened, type RoundOpenedMail } from './round-opened';

export interface MailPreview {
  /** The template's file name, e.g. round-opened */
  kind: string;
  /** What it is, in Dutch, for the preview page */
  title: string;
  render(): RenderedMail;
}

/** Each template with its sample data, in the order a journey meets them. */
export const mailPreviews: readonly MailPreview[] = [
  {
    kind: 'conversation-planned',
    title: 'Uitnodiging voor het gesprek (met agenda-uitnodiging)',
    render: () => renderConversationPlanned(conversationPlannedSample),
  },
  { kind: 'round-opened', title: 'Aanvraagronde geopend', render: () => renderRoundOpened(roundOpenedSample) },
  { kind: 'application-reminder', title: 'Herinnering: aanvraag nog niet ingediend', render: () => renderApplicationReminder(applicationReminderSample) },
  { kind: 'round-missed', title: 'Ronde gesloten zonder ingediende aanvraag', render: () => renderRoundMissed(roundMissedSample) },
  {
    kind: 'expert-team-requested',
    title: 'Expertteam doorgeven bij het begin van het aspirantjaar',
    render: () => renderExpertTeamRequested(expertTeamRequestedSample),
  },
  { kind: 'link-renewed', title: 'Nieuwe link na een verlopen link', render: () => renderLinkRenewed(linkRenewedSample) },
];
