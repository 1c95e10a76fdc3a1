/**
 * A new link for a step: asked for by the school from an expired one (sent to the address we know,
 * never the asker's), or sent by the programme office, e.g. when the first mail went astray.
 */
import { renderMail, type RenderedMail } from './layout';
import { mailKind } from './notice';

export interface LinkRenewedMail {
  schoolName: string;
  /** What the link is for, e.g. "uw subsidieaanvraag" */
  stepLabel: string;
  actionUrl: string;
  linkValidUntil: string;
  /** renewed: asked for from an expired link; resent: sent by the office. */
  reason?: 'renewed' | 'resent';
}

export function renderLinkRenewed(data: LinkRenewedMail): RenderedMail {
  return renderMail({
    subject: `Uw nieuwe link voor ${data.stepLabel}`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs:
      data.reason === 'resent'
        ? [`Het programmabureau stuurt u een nieuwe link voor ${data.stepLabel}. Eerdere links voor deze stap werken niet meer.`]
        : [
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

/** Sent by its own activities (activities/replace-link.ts): the link it carries copies the old one's. */
export const linkRenewed = mailKind({
  file: 'link-renewed',
  render: renderLinkRenewed,
  samples: [{ id: 'link-renewed', title: 'Nieuwe link na een verlopen link', data: linkRenewedSample }],
  notice: null,
});
