/**
 * Mails to a school about its journey, each rendered from its template and sent once through
 * the outbox under `${journeyId}/${purpose}`.
 */
import { renderApplicationReminder, renderRoundMissed, renderRoundOpened } from '../mail';
import type { OpenRound } from '../domain/journey';
import type { SendMailRequest } from './send-mail';
import type { RoundReminder } from './subsidy-rounds';

export interface SchoolNotice {
  journeyId: string;
  to: string;
  schoolName: string;
  kind: 'round-opened' | 'round-missed';
  round: OpenRound;
  /** Workflow time at which the journey asked for it. */
  requestedAt: string;
}

function roundName(round: OpenRound): string {
  return round.name ?? `subsidieronde ${round.schoolYear}`;
}

export function noticeMail(notice: SchoolNotice): SendMailRequest {
  const purpose = `${notice.kind}/${notice.round.roundId}`;
  const name = roundName(notice.round);
  const mail =
    notice.kind === 'round-opened'
      ? renderRoundOpened({ schoolName: notice.schoolName, roundName: name, schoolYear: notice.round.schoolYear, closesAt: notice.round.closesAt })
      : renderRoundMissed({ schoolName: notice.schoolName, roundName: name });
  return { key: `${notice.journeyId}/${purpose}`, journeyId: notice.journeyId, purpose, to: notice.to, mail, requestedAt: notice.requestedAt };
}

export function reminderMail(reminder: RoundReminder): SendMailRequest {
  const purpose = `round-reminder-${reminder.daysBefore}d/${reminder.roundId}`;
  return {
    key: `${reminder.journeyId}/${purpose}`,
    journeyId: reminder.journeyId,
    purpose,
    to: reminder.to,
    mail: renderApplicationReminder({ schoolName: reminder.schoolName, roundName: reminder.roundName, closesAt: reminder.closesAt, daysLeft: reminder.daysBefore }),
    requestedAt: reminder.remindAt,
  };
}
