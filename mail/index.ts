/**
 * Every kind of mail Koers sends: one file per kind, each a pure function from typed data to
 * `{ subject, text, html }`, with sample data for the preview (`/voorbeelden` on the mail catcher).
 */
import { applicationReminderSample, renderApplicationReminder } from './application-reminder';
import type { RenderedMail } from './layout';
import { renderRoundMissed, roundMissedSample } from './round-missed';
import { renderRoundOpened, roundOpenedSample } from './round-opened';

export type { RenderedMail } from './layout';
export { renderApplicationReminder, type ApplicationReminderMail } from './application-reminder';
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
  { kind: 'round-opened', title: 'Aanvraagronde geopend', render: () => renderRoundOpened(roundOpenedSample) },
  { kind: 'application-reminder', title: 'Herinnering: aanvraag nog niet ingediend', render: () => renderApplicationReminder(applicationReminderSample) },
  { kind: 'round-missed', title: 'Ronde gesloten zonder ingediende aanvraag', render: () => renderRoundMissed(roundMissedSample) },
];
