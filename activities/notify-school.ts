/**
 * Mails to a school about its journey, each sent once through the outbox under
 * `${journeyId}/${purpose}`. The school's name and address are read here, not carried in the
 * workflow, so they stay out of Temporal's history. A mail that asks the school to act carries a
 * new link for that step, created in the same transaction as the outbox row.
 */
import { formDefinitions, type FormKind } from '../domain/forms';
import type { DevelopmentGroupView } from '../domain/cohort';
import { developmentThemeLabel } from '../domain/development-groups';
import type { OpenRound, PlannedConversation } from '../domain/journey';
import type { SchoolYear } from '../domain/school-year';
import { schoolYearBounds } from '../domain/school-year';
import { issueLink, type IssuedLink, type LinkRequest } from '../services/links/issue-link';
import { choiceScope, formScope, offerScope } from '../services/links/link-scope';
import {
  formName,
  renderApplicationReminder,
  renderConversationPlanned,
  renderDevelopmentGroupAssigned,
  renderRegistrationRequested,
  renderExpertTeamRequested,
  renderFormReminder,
  renderFormRequested,
  renderPlaceEnrolled,
  renderPlaceOffered,
  renderPlaceOfferExpired,
  renderPlaceReleased,
  renderPlaceWaiting,
  renderRoundMissed,
  renderRoundOpened,
  renderTrajectoryChoiceRequested,
  renderAwaitingRound,
  renderDecisionMail,
} from '../mail';
import { decisionLetter } from '../domain/decision-letter';
import { trackLabel } from '../domain/tracks';
import { decisionLetterAttachment, loadDecisionFacts } from './decision-letter';
import { conversationInvitation } from '../mail/conversation-invitation';
import type { Db, Prisma } from '../platform/db';
import type { Mailer } from '../platform/mailer';
import { deliverMail, enqueueMail, type MailContent, type MailKey } from './send-mail';
import type { RoundReminder } from './subsidy-rounds';

export type NoticeContent =
  | { kind: 'round-opened' | 'round-missed'; round: OpenRound }
  | { kind: 'conversation-planned'; conversation: PlannedConversation }
  | { kind: 'expert-team-requested'; schoolYear: SchoolYear }
  | { kind: 'trajectory-choice-requested'; schoolYear: SchoolYear }
  | { kind: 'place-waiting'; trajectoryId: string; title: string; position: number }
  | { kind: 'place-enrolled'; trajectoryId: string; title: string; expertschoolName: string }
  | { kind: 'place-offered'; trajectoryId: string; title: string; expertschoolName: string; acceptBefore: string }
  | { kind: 'place-offer-expired'; trajectoryId: string; title: string; schoolYear: SchoolYear }
  | { kind: 'place-released'; trajectoryId: string; title: string; schoolYear: SchoolYear; reason: string; participationEnds: boolean }
  | { kind: 'form-requested'; form: RequestedForm }
  | { kind: 'form-reminder'; form: RequestedForm; daysBefore: number }
  | { kind: 'registration-requested'; cohortId: string; cohortName: string; closesAt: string }
  | { kind: 'development-group-assigned'; cohortName: string; group: DevelopmentGroupView }
  /** The office decided the application: the letter is read from the stored decision, and attached as a PDF. */
  | { kind: 'application-decided'; applicationId: string }
  /** Parked after the intake with no round open: the school hears when one opens. */
  | { kind: 'awaiting-round' };

/** A form the school is asked to fill in, as a notice names it. */
export interface RequestedForm {
  kind: FormKind;
  scope: string;
  /** ISO moment the form is due: its link works until then. */
  dueAt: string;
}

export type SchoolNotice = NoticeContent & {
  journeyId: string;
  brin: string;
  /** The journey's programme year: a conversation is planned anew each year. */
  cycle: number;
  /** Workflow time at which the journey asked for it. */
  requestedAt: string;
};

export interface SchoolMailDependencies {
  db: Db;
  mailer: Mailer;
  /** Where links point: the API's public address. */
  publicUrl: string;
  /** The programme office's address, the organizer of calendar invitations. */
  organizerEmail: string;
}

type Tx = Prisma.TransactionClient;

function purposeOf(notice: SchoolNotice): string {
  switch (notice.kind) {
    case 'round-opened':
    case 'round-missed':
      return `${notice.kind}/${notice.round.roundId}`;
    case 'conversation-planned':
      return `conversation-planned/${notice.cycle}-${notice.conversation.number}`;
    case 'expert-team-requested':
      return `expert-team-requested/${notice.schoolYear}`;
    // Once a year; later choice links come with an expired offer's mail, or from the office.
    case 'trajectory-choice-requested':
      return `trajectory-choice-requested/${notice.schoolYear}`;
    // A school can be listed, enrolled or lose an offer in the same trajectory more than once (it
    // may leave and choose it again); the moment the journey asked tells those apart, and stays the
    // same when an activity is retried.
    case 'place-waiting':
    case 'place-enrolled':
    case 'place-offer-expired':
    case 'place-released':
      return `${notice.kind}/${notice.trajectoryId}/${notice.requestedAt}`;
    // A second offer in the same trajectory always comes with a later deadline.
    case 'place-offered':
      return `place-offered/${notice.trajectoryId}/${notice.acceptBefore}`;
    case 'form-requested':
      return `form-requested/${notice.form.kind}-${notice.form.scope}`;
    case 'form-reminder':
      return `form-reminder-${notice.daysBefore}d/${notice.form.kind}-${notice.form.scope}`;
    case 'registration-requested':
      return `registration-requested/${notice.cohortId}`;
    case 'development-group-assigned':
      return `development-group-assigned/${notice.group.groupId}`;
    case 'application-decided':
      return `application-decided/${notice.applicationId}`;
    case 'awaiting-round':
      return `awaiting-round/${notice.cycle}`;
  }
}

/** Writes (once) and sends (once) the mail with this key, composed inside the outbox transaction. */
export async function sendOnce(deps: SchoolMailDependencies, key: MailKey, compose: (tx: Tx) => Promise<MailContent>): Promise<void> {
  await enqueueMail(deps.db, key, compose);
  await deliverMail(deps, key.key);
}

/** The school's name and the address its mail goes to, read when the mail is written. */
export const schoolOf = (tx: Tx, brin: string) => tx.school.findUniqueOrThrow({ where: { brin }, select: { name: true, contactEmail: true } });

export async function notifySchool(deps: SchoolMailDependencies, notice: SchoolNotice): Promise<void> {
  const purpose = purposeOf(notice);
  const key = { key: `${notice.journeyId}/${purpose}`, journeyId: notice.journeyId, purpose, requestedAt: notice.requestedAt };
  await sendOnce(deps, key, async (tx) => {
    const school = await schoolOf(tx, notice.brin);
    const link = (request: Omit<LinkRequest, 'journeyId'>): Promise<IssuedLink> => issueLink(tx, deps.publicUrl, { journeyId: notice.journeyId, ...request });
    const linkFields = ({ url, expiresAt }: IssuedLink) => ({ actionUrl: url, linkValidUntil: expiresAt.toISOString() });
    const to = school.contactEmail;
    switch (notice.kind) {
      case 'round-opened': {
        const { round } = notice;
        const issued = await link({ purpose: 'application', scope: round.roundId, stepEndsAt: new Date(round.closesAt), singleUse: false });
        const mail = renderRoundOpened({
          schoolName: school.name,
          roundName: roundName(round),
          schoolYear: round.schoolYear,
          closesAt: round.closesAt,
          ...linkFields(issued),
        });
        return { to, mail };
      }
      case 'round-missed':
        return { to, mail: renderRoundMissed({ schoolName: school.name, roundName: roundName(notice.round) }) };
      case 'conversation-planned': {
        const { conversation } = notice;
        // The earlier invitation's link answers a moment that no longer stands.
        await tx.linkToken.updateMany({
          where: { journeyId: notice.journeyId, purpose: 'conversation', revokedAt: null, usedAt: null },
          data: { revokedAt: new Date(), revokedBy: 'system: new moment planned' },
        });
        const issued = await link({
          purpose: 'conversation',
          scope: `${notice.cycle}-${conversation.number}`,
          stepEndsAt: new Date(conversation.startsAt),
          singleUse: true,
        });
        const details = {
          schoolName: school.name,
          kind: conversation.kind,
          startsAt: conversation.startsAt,
          durationMinutes: conversation.durationMinutes,
          location: conversation.location,
        };
        const mail = renderConversationPlanned({ ...details, isNewMoment: conversation.number > 1, ...linkFields(issued) });
        const icalEvent = conversationInvitation({
          ...details,
          uid: `${notice.journeyId}-conversation-${notice.cycle}@koers`,
          sequence: conversation.number - 1,
          url: issued.url,
          organizerEmail: deps.organizerEmail,
        });
        return { to, mail, icalEvent };
      }
      case 'expert-team-requested': {
        const stepEndsAt = schoolYearBounds(notice.schoolYear).end;
        const issued = await link({ purpose: 'expert-team', scope: notice.schoolYear, stepEndsAt, singleUse: true });
        return { to, mail: renderExpertTeamRequested({ schoolName: school.name, schoolYear: notice.schoolYear, ...linkFields(issued) }) };
      }
      case 'trajectory-choice-requested': {
        const issued = await link(choiceLink(notice.schoolYear));
        return { to, mail: renderTrajectoryChoiceRequested({ schoolName: school.name, schoolYear: notice.schoolYear, ...linkFields(issued) }) };
      }
      case 'place-waiting':
        return { to, mail: renderPlaceWaiting({ schoolName: school.name, title: notice.title, position: notice.position }) };
      case 'place-enrolled':
        return { to, mail: renderPlaceEnrolled({ schoolName: school.name, title: notice.title, expertschoolName: notice.expertschoolName }) };
      case 'place-offered': {
        // Single use, and only until the deadline: it accepts this one place, nothing else.
        const issued = await link({ purpose: 'enrolment', scope: offerScope(notice.trajectoryId), stepEndsAt: new Date(notice.acceptBefore), singleUse: true });
        const mail = renderPlaceOffered({
          schoolName: school.name,
          title: notice.title,
          expertschoolName: notice.expertschoolName,
          acceptBefore: notice.acceptBefore,
          ...linkFields(issued),
        });
        return { to, mail };
      }
      case 'place-offer-expired': {
        // The school may choose again: this mail carries the link to do so.
        const issued = await link(choiceLink(notice.schoolYear));
        const mail = renderPlaceOfferExpired({ schoolName: school.name, title: notice.title, schoolYear: notice.schoolYear, ...linkFields(issued) });
        return { to, mail };
      }
      case 'place-released': {
        const { title, schoolYear, reason, participationEnds } = notice;
        // Before the learning year the school may choose again: the mail carries the link.
        const issued = participationEnds ? null : await link(choiceLink(schoolYear));
        const mail = renderPlaceReleased({ schoolName: school.name, title, schoolYear, reason, participationEnds, ...(issued ? linkFields(issued) : {}) });
        return { to, mail };
      }
      case 'form-requested': {
        const { form } = notice;
        const definition = formDefinitions[form.kind];
        const issued = await link(formLink(form));
        const mail = renderFormRequested({
          schoolName: school.name,
          formTitle: formName(form),
          intro: definition.intro,
          statements: Object.keys(definition.statements).length,
          dueAt: form.dueAt,
          ...linkFields(issued),
        });
        return { to, mail };
      }
      case 'form-reminder': {
        // A fresh link: the first one may have expired (links live two weeks; a form is due later).
        // The earlier one keeps working until then; whichever is used first, the form is answered once.
        const { form } = notice;
        const issued = await link(formLink(form));
        const mail = renderFormReminder({
          schoolName: school.name,
          formTitle: formName(form),
          dueAt: form.dueAt,
          daysLeft: notice.daysBefore,
          ...linkFields(issued),
        });
        return { to, mail };
      }
      case 'registration-requested': {
        // The registration is one form, sent once (the journey refuses a second); the link then keeps
        // showing the school where it stands (a place, or its place in line) until registration closes.
        const scope = formScope({ kind: 'self_evaluation', scope: notice.cohortId });
        const issued = await link({ purpose: 'form', scope, stepEndsAt: new Date(notice.closesAt), singleUse: false });
        const mail = renderRegistrationRequested({ schoolName: school.name, cohortName: notice.cohortName, closesAt: notice.closesAt, ...linkFields(issued) });
        return { to, mail };
      }
      case 'development-group-assigned': {
        const { group } = notice;
        const mail = renderDevelopmentGroupAssigned({
          schoolName: school.name,
          cohortName: notice.cohortName,
          themeLabel: developmentThemeLabel[group.theme],
          otherSchools: group.members.filter((m) => m.brin !== notice.brin).map((m) => m.name),
          kickOffOn: group.kickOffOn,
          startDayOn: group.startDayOn,
        });
        return { to, mail };
      }
      case 'application-decided': {
        // The step that stored the decision came first; a retry finds it if it had not (yet).
        const facts = await loadDecisionFacts(tx, { applicationId: notice.applicationId });
        if (!facts) throw new Error(`No decision stored yet for application ${notice.applicationId}`);
        return { to, mail: renderDecisionMail(decisionLetter(facts)), attachment: decisionLetterAttachment(notice.applicationId) };
      }
      case 'awaiting-round': {
        const { track } = await tx.journey.findUniqueOrThrow({ where: { id: notice.journeyId }, select: { track: true } });
        const label = track in trackLabel ? trackLabel[track as keyof typeof trackLabel] : 'school';
        return { to, mail: renderAwaitingRound({ schoolName: school.name, trackLabel: label.toLowerCase() }) };
      }
    }
  });
}

/** Choosing a trajectory: open all school year (the school may come back to it), never spent by one choice. */
function choiceLink(schoolYear: SchoolYear): Omit<LinkRequest, 'journeyId'> {
  return { purpose: 'enrolment', scope: choiceScope(schoolYear), stepEndsAt: schoolYearBounds(schoolYear).end, singleUse: false };
}

/** One form, answered once, until it is due. */
function formLink(form: RequestedForm): Omit<LinkRequest, 'journeyId'> {
  return { purpose: 'form', scope: formScope(form), stepEndsAt: new Date(form.dueAt), singleUse: true };
}

/** Reminds a school of its unsubmitted application, with a fresh link to it. */
export async function remindOfApplication(deps: SchoolMailDependencies, reminder: RoundReminder): Promise<void> {
  const purpose = `round-reminder-${reminder.daysBefore}d/${reminder.roundId}`;
  const key = { key: `${reminder.journeyId}/${purpose}`, journeyId: reminder.journeyId, purpose, requestedAt: reminder.remindAt };
  await sendOnce(deps, key, async (tx) => {
    const issued = await issueLink(tx, deps.publicUrl, {
      journeyId: reminder.journeyId,
      purpose: 'application',
      scope: reminder.roundId,
      stepEndsAt: new Date(reminder.closesAt),
      singleUse: false,
    });
    const mail = renderApplicationReminder({
      schoolName: reminder.schoolName,
      roundName: reminder.roundName,
      closesAt: reminder.closesAt,
      daysLeft: reminder.daysBefore,
      actionUrl: issued.url,
      linkValidUntil: issued.expiresAt.toISOString(),
    });
    return { to: reminder.to, mail };
  });
}

function roundName(round: OpenRound): string {
  return round.name ?? `subsidieronde ${round.schoolYear}`;
}
