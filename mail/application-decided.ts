/**
 * To a school whose application the office decided: the decision letter's facts in the mail itself
 * (amounts, conditions, what comes next, or the reason), with the same letter attached as a PDF.
 */
import { decisionLetter, type DecisionFacts, type DecisionLetter } from '../domain/decision-letter';
import { renderMail, type RenderedMail } from './layout';
import { mailKind, notice } from './notice';

export type ApplicationDecidedMail = DecisionFacts;

/** The mail for a letter: every block's heading and lines, then where the letter itself is. */
export function renderDecisionMail(letter: DecisionLetter): RenderedMail {
  return renderMail({
    subject: letter.subject,
    greeting: letter.salutation,
    paragraphs: [letter.title, ...letter.blocks.flatMap((block) => (block.heading ? [`${block.heading}:`, ...block.lines] : block.lines))],
    after: [
      `Dit besluit staat ook in de brief in de bijlage (${letter.fileName}). ${letter.reference}. ${letter.dateLine}. Het is gericht aan ${letter.addressee.join(', ')}.`,
    ],
  });
}

export function renderApplicationDecided(facts: ApplicationDecidedMail): RenderedMail {
  return renderDecisionMail(decisionLetter(facts));
}

const sampleBase: ApplicationDecidedMail = {
  applicationId: 'journey-expertschool-12AB/2027-2028-voorjaar',
  schoolName: 'De Regenboog',
  brin: '12AB',
  track: 'expertschool',
  roundName: 'Voorjaar 2027',
  schoolYear: '2027-2028',
  decision: 'approved',
  reason: 'Een sterk plan met een bewezen aanpak.',
  decidedAt: '2027-07-02T10:00:00.000Z',
  trajectories: [
    { title: 'Rekenen met begrip', places: 6 },
    { title: 'Lezen in de onderbouw', places: 4 },
  ],
  rates: { fixedPerSchool: 35_616, perOntwikkelschoolPlace: 8_480, maxPlacesPerTrajectory: 6 },
  hubYearNext: false,
};

export const applicationApprovedSample: ApplicationDecidedMail = sampleBase;

export const applicationRejectedSample: ApplicationDecidedMail = {
  ...sampleBase,
  decision: 'rejected',
  reason: 'Het activiteitenplan laat nog niet zien hoe de aanpak binnen één schooljaar overdraagbaar wordt.',
};

export const applicationDecided = mailKind({
  file: 'application-decided',
  render: renderApplicationDecided,
  samples: [
    {
      id: 'application-approved',
      title: 'Besluit: aanvraag toegekend (met besluitbrief als pdf)',
      data: applicationApprovedSample,
      letter: applicationApprovedSample,
    },
    {
      id: 'application-rejected',
      title: 'Besluit: aanvraag afgewezen, met de reden (met besluitbrief als pdf)',
      data: applicationRejectedSample,
      letter: applicationRejectedSample,
    },
  ],
  /** The office decided the application: the letter is read from the stored decision, and attached as a PDF. */
  notice: notice<{ applicationId: string }>()({
    kind: 'application-decided',
    purpose: ({ applicationId }) => `application-decided/${applicationId}`,
    link: () => null,
    // The step that stored the decision came first; a retry finds it if it had not (yet).
    compose: async ({ applicationId }, { decision }) => {
      const { facts, attachment } = await decision(applicationId);
      return { mail: renderApplicationDecided(facts), attachment };
    },
  }),
});
