/**
 * Every kind of mail Koers sends: one file per kind, each a pure function from typed data to
 * `{ subject, text, html }`, with sample data for the preview (`/voorbeelden` on the mail catcher).
 */
import { applicationReminderSample, renderApplicationReminder } from './application-reminder';
import type { DecisionFacts } from '../domain/decision-letter';
import type { RenderedMail } from './layout';
import { conversationPlannedSample, renderConversationPlanned } from './conversation-planned';
import { conversationRequestReceivedSample, renderConversationRequestReceived } from './conversation-request-received';
import { expertTeamRequestedSample, renderExpertTeamRequested } from './expert-team-requested';
import { formReminderSample, renderFormReminder } from './form-reminder';
import { formRequestedSample, renderFormRequested } from './form-requested';
import { linkRenewedSample, renderLinkRenewed } from './link-renewed';
import { placeEnrolledSample, renderPlaceEnrolled } from './place-enrolled';
import { placeOfferExpiredSample, renderPlaceOfferExpired } from './place-offer-expired';
import { placeOfferedSample, renderPlaceOffered } from './place-offered';
import { placeReleasedSample, renderPlaceReleased } from './place-released';
import { placeWaitingSample, renderPlaceWaiting } from './place-waiting';
import { renderRoundMissed, roundMissedSample } from './round-missed';
import { renderRoundOpened, roundOpenedSample } from './round-opened';
import { renderTrajectoryChoiceRequested, trajectoryChoiceRequestedSample } from './trajectory-choice-requested';
import { registrationRequestedSample, renderRegistrationRequested } from './registration-requested';
import { developmentGroupAssignedSample, renderDevelopmentGroupAssigned } from './development-group-assigned';
import { applicationApprovedSample, applicationRejectedSample, renderApplicationDecided } from './application-decided';
import { awaitingRoundSample, renderAwaitingRound } from './awaiting-round';

export type { RenderedMail } from './layout';
export { renderApplicationReminder, type ApplicationReminderMail } from './application-reminder';
export { renderConversationPlanned, conversationLabel, type ConversationPlannedMail } from './conversation-planned';
export { renderConversationRequestReceived, type ConversationRequestReceivedMail } from './conversation-request-received';
export { renderExpertTeamRequested, type ExpertTeamRequestedMail } from './expert-team-requested';
export { renderFormReminder, type FormReminderMail } from './form-reminder';
export { renderFormRequested, formName, inSentence, type FormRequestedMail } from './form-requested';
export { renderLinkRenewed, type LinkRenewedMail } from './link-renewed';
export { renderPlaceEnrolled, type PlaceEnrolledMail } from './place-enrolled';
export { renderPlaceOfferExpired, type PlaceOfferExpiredMail } from './place-offer-expired';
export { renderPlaceOffered, type PlaceOfferedMail } from './place-offered';
export { renderPlaceReleased, type PlaceReleasedMail } from './place-released';
export { renderPlaceWaiting, type PlaceWaitingMail } from './place-waiting';
export { renderRoundMissed, type RoundMissedMail } from './round-missed';
export { renderRoundOpened, type RoundOpenedMail } from './round-opened';
export { renderTrajectoryChoiceRequested, type TrajectoryChoiceRequestedMail } from './trajectory-choice-requested';
export { renderRegistrationRequested, type RegistrationRequestedMail } from './registration-requested';
export { renderDevelopmentGroupAssigned, type DevelopmentGroupAssignedMail } from './development-group-assigned';
export { renderApplicationDecided, renderDecisionMail, type ApplicationDecidedMail } from './application-decided';
export { renderAwaitingRound, type AwaitingRoundMail } from './awaiting-round';

export interface MailPreview {
  /** The template's file name, e.g. round-opened */
  kind: string;
  /** What it is, in Dutch, for the preview page */
  title: string;
  render(): RenderedMail;
  /** The template's file when it differs from `kind`, e.g. application-decided */
  file?: string;
  /** The decision whose letter the mail carries as a PDF: the preview offers that letter too. */
  letter?: DecisionFacts;
}

/** Each template with its sample data, in the order a journey meets them. */
export const mailPreviews: readonly MailPreview[] = [
  {
    kind: 'conversation-request-received',
    title: 'Bevestiging van een aangevraagd verkennend gesprek (/gesprek-aanvragen)',
    render: () => renderConversationRequestReceived(conversationRequestReceivedSample),
  },
  {
    kind: 'conversation-planned',
    title: 'Uitnodiging voor het gesprek (met agenda-uitnodiging)',
    render: () => renderConversationPlanned(conversationPlannedSample),
  },
  { kind: 'awaiting-round', title: 'Intake afgerond, nog geen aanvraagronde open', render: () => renderAwaitingRound(awaitingRoundSample) },
  { kind: 'round-opened', title: 'Aanvraagronde geopend', render: () => renderRoundOpened(roundOpenedSample) },
  { kind: 'application-reminder', title: 'Herinnering: aanvraag nog niet ingediend', render: () => renderApplicationReminder(applicationReminderSample) },
  { kind: 'round-missed', title: 'Ronde gesloten zonder ingediende aanvraag', render: () => renderRoundMissed(roundMissedSample) },
  {
    kind: 'application-approved',
    title: 'Besluit: aanvraag toegekend (met besluitbrief als pdf)',
    render: () => renderApplicationDecided(applicationApprovedSample),
    file: 'application-decided',
    letter: applicationApprovedSample,
  },
  {
    kind: 'application-rejected',
    title: 'Besluit: aanvraag afgewezen, met de reden (met besluitbrief als pdf)',
    render: () => renderApplicationDecided(applicationRejectedSample),
    file: 'application-decided',
    letter: applicationRejectedSample,
  },
  {
    kind: 'expert-team-requested',
    title: 'Expertteam doorgeven bij het begin van het aspirantjaar',
    render: () => renderExpertTeamRequested(expertTeamRequestedSample),
  },
  {
    kind: 'trajectory-choice-requested',
    title: 'Ontwikkelschool: leertraject kiezen na de toekenning',
    render: () => renderTrajectoryChoiceRequested(trajectoryChoiceRequestedSample),
  },
  { kind: 'place-enrolled', title: 'Ontwikkelschool: plaats in het leertraject bevestigd', render: () => renderPlaceEnrolled(placeEnrolledSample) },
  { kind: 'place-waiting', title: 'Ontwikkelschool: op de wachtlijst (leertraject vol)', render: () => renderPlaceWaiting(placeWaitingSample) },
  { kind: 'place-offered', title: 'Ontwikkelschool: vrijgekomen plaats aangeboden', render: () => renderPlaceOffered(placeOfferedSample) },
  {
    kind: 'place-offer-expired',
    title: 'Ontwikkelschool: aangeboden plaats niet op tijd aanvaard',
    render: () => renderPlaceOfferExpired(placeOfferExpiredSample),
  },
  {
    kind: 'place-released',
    title: 'Ontwikkelschool: plaats ingetrokken door het programmabureau, met de reden',
    render: () => renderPlaceReleased(placeReleasedSample),
  },
  { kind: 'form-requested', title: 'Vragenlijst invullen (nulmeting, eindmeting, evaluatie)', render: () => renderFormRequested(formRequestedSample) },
  { kind: 'form-reminder', title: 'Herinnering: vragenlijst nog niet ingevuld', render: () => renderFormReminder(formReminderSample) },
  {
    kind: 'registration-requested',
    title: 'Schoolontwikkeltraject: aanmelding afronden (thema, zelfevaluatie, schoolleider)',
    render: () => renderRegistrationRequested(registrationRequestedSample),
  },
  {
    kind: 'development-group-assigned',
    title: 'Schoolontwikkeltraject: ingedeeld in een ontwikkelgroep, met kick-off en startdag',
    render: () => renderDevelopmentGroupAssigned(developmentGroupAssignedSample),
  },
  { kind: 'link-renewed', title: 'Nieuwe link na een verlopen link', render: () => renderLinkRenewed(linkRenewedSample) },
];
