/** To a school that asked for a new link from an expired one: sent to the address we know, never the asker's. */
import { renderMail, type RenderedMail } from './layout';

export interface LinkRenewedMail {
  schoolName: string;
  /** What the link is for, e.g. "uw subsidieaanvraag" */
  stepLabel: string;
  actionUrl: string;
  linkValidUntil: string;
}

export function renderLinkRenewed(data: LinkRenewedMail): RenderedMail {
  return renderMail({
    subject: `Uw nieuwe link voor ${data.stepLabel}`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      `Via een verlopen link is een nieuwe link aangevraagd voor ${data.stepLabel}. Hieronder vindt u de nieuwe link; de oude werkt niet meer.`,
      'Heeft u of een collega deze link niet aangevraagd? Dan kunt u deze e-mail negeren.',
    ],
    action: { line: 'Ga verder waar u gebleven was.', label: 'Verder met ' + data.stepLabel, url: data.actionUrl, validUntil: data.linkValidUntil },
  });
}

export const linkRenewedSample: LinkRenewedMail = {
  schoolName: 'De Regenboog',
  stepLabel: 'uw subsidieaanvraag',
  actionUrl: 'https://koers.ontwikkelkracht.example/s/voorbeeld',
  linkValidUntil: '2027-05-14T15:00:00.000Z',
};
