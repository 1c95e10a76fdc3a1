/** To a school whose application for an open round is not submitted yet, some days before it closes. */
import { formatDaysLeft, formatMoment } from './format';
import { renderMail, type RenderedMail } from './layout';
import { mailKind } from './notice';

export interface ApplicationReminderMail {
  schoolName: string;
  roundName: string;
  /** ISO moment the round closes */
  closesAt: string;
  /** Whole days until it closes (the round's reminder day, e.g. 14 or 3). */
  daysLeft: number;
  actionUrl?: string | undefined;
  linkValidUntil?: string | undefined;
}

export function renderApplicationReminder(data: ApplicationReminderMail): RenderedMail {
  const closes = formatMoment(data.closesAt);
  return renderMail({
    subject: `Herinnering: uw aanvraag voor ${data.roundName} is nog niet ingediend`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [`Uw aanvraag voor de aanvraagronde ${data.roundName} is nog niet af. U heeft ${formatDaysLeft(data.daysLeft)}: de ronde sluit op ${closes}.`],
    action: { line: `Dien uw volledige aanvraag in vóór ${closes}.`, label: 'Naar uw aanvraag', url: data.actionUrl, validUntil: data.linkValidUntil },
    after: ['Een aanvraag die bij het sluiten van de ronde niet is ingediend, doet niet mee in deze ronde.'],
  });
}

export const applicationReminderSample: ApplicationReminderMail = {
  schoolName: 'De Regenboog',
  roundName: 'Voorjaar 2027',
  closesAt: '2027-05-14T15:00:00.000Z',
  daysLeft: 14,
  actionUrl: 'https://koers.ontwikkelkracht.example/s/voorbeeld',
};

/** Sent by its own activity (remindOfApplication in activities/notify-school.ts), for a round, not a journey's notice. */
export const applicationReminder = mailKind({
  file: 'application-reminder',
  render: renderApplicationReminder,
  samples: [{ id: 'application-reminder', title: 'Herinnering: aanvraag nog niet ingediend', data: applicationReminderSample }],
  notice: null,
});
