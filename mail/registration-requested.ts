/** To a VO school registered for a cohort of the school development trajectory: the link to its registration. */
import { formatMoment } from './format';
import { renderMail, type RenderedMail } from './layout';

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
