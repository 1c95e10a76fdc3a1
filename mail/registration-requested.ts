/** To a VO school registered for a cohort of the school development trajectory: the link to its registration. */
import { formatMoment } from './format';
import { renderMail, type RenderedMail } from './layout';
import { formScope } from '../domain/links';
import { mailKind, notice } from './notice';

export interface RegistrationRequestedMail {
  schoolName: string;
  /** The cohort's name, e.g. "Schoolontwikkeltraject VO 2027-2028" */
  cohortName: string;
  /** ISO moment the registration closes */
  closesAt: string;
  actionUrl?: string | undefined;
  linkValidUntil?: string | undefined;
}

export function renderRegistrationRequested(data: RegistrationRequestedMail): RenderedMail {
  const closes = formatMoment(data.closesAt);
  return renderMail({
    subject: `Meld uw school aan voor ${data.cohortName} vóór ${closes}`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      `Uw school is aangemeld voor ${data.cohortName}: anderhalf jaar schoolontwikkeling in een ontwikkelgroep van 5 tot 7 scholen met hetzelfde thema.`,
      'Rond de aanmelding af: kies het thema waaraan uw school wil werken (en eventueel een tweede thema), vul de zelfevaluatie van de randvoorwaarden in (visie, doelen, draagvlak en tijd) en geef de schoolleider op die meedoet.',
      'De plaatsen gaan op volgorde van aanmelding: wie als eerste de aanmelding verstuurt, krijgt als eerste een plaats. Is het cohort vol, dan komt uw school op de wachtlijst.',
    ],
    action: { line: `Verstuur de aanmelding vóór ${closes}.`, label: 'Aanmelding afronden', url: data.actionUrl, validUntil: data.linkValidUntil },
    after: ['Na de aanmelding volgt een online intake met het programmabureau.'],
  });
}

export const registrationRequestedSample: RegistrationRequestedMail = {
  schoolName: 'De Regenboog',
  cohortName: 'Schoolontwikkeltraject VO 2027-2028',
  closesAt: '2027-04-30T15:00:00.000Z',
  actionUrl: 'https://koers.ontwikkelkracht.example/s/voorbeeld',
  linkValidUntil: '2027-04-30T15:00:00.000Z',
};

export const registrationRequested = mailKind({
  file: 'registration-requested',
  render: renderRegistrationRequested,
  samples: [
    {
      id: 'registration-requested',
      title: 'Schoolontwikkeltraject: aanmelding afronden (thema, zelfevaluatie, schoolleider)',
      data: registrationRequestedSample,
    },
  ],
  notice: notice<{ cohortId: string; cohortName: string; closesAt: string }>()({
    kind: 'registration-requested',
    purpose: ({ cohortId }) => `registration-requested/${cohortId}`,
    // The registration is one form, sent once (the journey refuses a second); the link then keeps
    // showing the school where it stands (a place, or its place in line) until registration closes.
    link: ({ cohortId, closesAt }) => ({
      purpose: 'form',
      scope: formScope({ kind: 'self_evaluation', scope: cohortId }),
      stepEndsAt: new Date(closesAt),
      singleUse: false,
    }),
    compose: ({ cohortName, closesAt }, { schoolName }, link) => ({ mail: renderRegistrationRequested({ schoolName, cohortName, closesAt, ...link }) }),
  }),
});
