/**
 * The notice catalogue: every kind of mail Koers sends, one entry each, in the order a journey meets
 * them. An entry (declared in the kind's own file, see mail/notice.ts) holds the template and its
 * samples and, for a notice a journey sends, its outbox purpose, its link and how it is made. The
 * sender (activities/notify-school.ts), the previews (/voorbeelden) and the template tests all read
 * this list: a new mail is its own file plus one line here.
 */
import { applicationDecided } from './application-decided';
import { applicationReminder } from './application-reminder';
import { awaitingRound } from './awaiting-round';
import { conversationPlanned } from './conversation-planned';
import { conversationRequestReceived } from './conversation-request-received';
import { developmentGroupAssigned } from './development-group-assigned';
import { expertTeamRequested } from './expert-team-requested';
import { formReminder } from './form-reminder';
import { formRequested } from './form-requested';
import { linkRenewed } from './link-renewed';
import type { MailPreview, NoticeContentOf, NoticeEnvelope, NoticeKind } from './notice';
import { placeEnrolled } from './place-enrolled';
import { placeOfferExpired } from './place-offer-expired';
import { placeOffered } from './place-offered';
import { placeReleased } from './place-released';
import { placeWaiting } from './place-waiting';
import { registrationRequested } from './registration-requested';
import { roundMissed } from './round-missed';
import { roundOpened } from './round-opened';
import { trajectoryChoiceRequested } from './trajectory-choice-requested';

export const mailCatalogue = [
  conversationRequestReceived,
  conversationPlanned,
  awaitingRound,
  roundOpened,
  applicationReminder,
  roundMissed,
  applicationDecided,
  expertTeamRequested,
  trajectoryChoiceRequested,
  placeEnrolled,
  placeWaiting,
  placeOffered,
  placeOfferExpired,
  placeReleased,
  formRequested,
  formReminder,
  registrationRequested,
  developmentGroupAssigned,
  linkRenewed,
] as const;

/** What a journey passes to notify a school: `{ kind, ...fields }`, one shape per notice kind. */
export type NoticeContent = NoticeContentOf<(typeof mailCatalogue)[number]>;
export type NoticeKindName = NoticeContent['kind'];
/** A notice as the sender gets it: the content and the envelope the journey adds. */
export type SchoolNotice = NoticeContent & NoticeEnvelope;

/**
 * The notice entry of a kind. Typed for any notice of that kind: each entry is declared for its own
 * fields, and the kind it is looked up by guarantees they match.
 */
const noticeKinds = new Map(
  mailCatalogue.flatMap((entry) => (entry.notice ? [[entry.notice.kind, entry.notice as unknown as NoticeKind<string, SchoolNotice>] as const] : [])),
);

export function noticeKindOf(kind: NoticeKindName): NoticeKind<string, SchoolNotice> {
  const entry = noticeKinds.get(kind);
  if (!entry) throw new Error(`No notice kind ${kind} in the mail catalogue`);
  return entry;
}

/** Every sample of every kind: the previews (/voorbeelden) and the template tests. */
export const mailPreviews: readonly MailPreview[] = mailCatalogue.flatMap((entry) => entry.previews);
