/**
 * Every kind of mail Koers sends: one file per kind, each a pure template from typed data to
 * `{ subject, text, html }` with its samples and (for a journey's notice) its entry in the notice
 * catalogue (mail/catalogue.ts).
 */
export type { RenderedMail } from './layout';
export { mailCatalogue, mailPreviews, noticeKindOf, type NoticeContent, type SchoolNotice } from './catalogue';
export type { MailPreview } from './notice';
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
