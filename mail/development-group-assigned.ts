/** To a school placed in a development group: its group, the other schools, the kick-off and the start day. */
import { formatDay } from './format';
import { renderMail, type RenderedMail } from './layout';
import type { DevelopmentGroupView } from '../domain/cohort';
import { developmentThemeLabel } from '../domain/development-groups';
import { mailKind, notice } from './notice';

export interface DevelopmentGroupAssignedMail {
  schoolName: string;
  cohortName: string;
  /** The group's theme, as the school reads it, e.g. "Welbevinden" */
  themeLabel: string;
  /** The other schools in the group */
  otherSchools: string[];
  /** Dates (JJJJ-MM-DD) */
  kickOffOn: string;
  startDayOn: string;
}

export function renderDevelopmentGroupAssigned(data: DevelopmentGroupAssignedMail): RenderedMail {
  return renderMail({
    subject: `Uw ontwikkelgroep: ${data.themeLabel} — kick-off op ${formatDay(data.kickOffOn)}`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      `Uw school is ingedeeld in de ontwikkelgroep ${data.themeLabel} van ${data.cohortName}.`,
      data.otherSchools.length ? `In uw groep zitten ook: ${data.otherSchools.join(', ')}.` : 'De andere scholen in uw groep hoort u bij de kick-off.',
      `De kick-off is op ${formatDay(data.kickOffOn)}, vóór de zomer; de startdag is op ${formatDay(data.startDayOn)}. Daarna komt de groep anderhalf jaar lang regelmatig bij elkaar.`,
      'Bij elke groepsbijeenkomst zijn ten minste twee vertegenwoordigers van uw school aanwezig, van wie ten minste één schoolleider. Ook is er ten minste één gesprek met uw bestuur.',
    ],
    after: ['Elk half jaar vragen we u om een korte tussenevaluatie en aan het eind om een eindevaluatie; u krijgt daarvoor steeds een e-mail met een link.'],
  });
}

export const developmentGroupAssignedSample: DevelopmentGroupAssignedMail = {
  schoolName: 'De Regenboog',
  cohortName: 'Schoolontwikkeltraject VO 2027-2028',
  themeLabel: 'Welbevinden',
  otherSchools: ['Lyceum De Horizon', 'Scholengemeenschap Zuiderpark', 'Het Nieuwe Lyceum', 'Montessori College Oost'],
  kickOffOn: '2027-06-24',
  startDayOn: '2027-09-09',
};

export const developmentGroupAssigned = mailKind({
  file: 'development-group-assigned',
  render: renderDevelopmentGroupAssigned,
  samples: [
    {
      id: 'development-group-assigned',
      title: 'Schoolontwikkeltraject: ingedeeld in een ontwikkelgroep, met kick-off en startdag',
      data: developmentGroupAssignedSample,
    },
  ],
  notice: notice<{ cohortName: string; group: DevelopmentGroupView }>()({
    kind: 'development-group-assigned',
    purpose: ({ group }) => `development-group-assigned/${group.groupId}`,
    link: () => null,
    compose: ({ cohortName, group, brin }, { schoolName }) => ({
      mail: renderDevelopmentGroupAssigned({
        schoolName,
        cohortName,
        themeLabel: developmentThemeLabel[group.theme],
        otherSchools: group.members.filter((m) => m.brin !== brin).map((m) => m.name),
        kickOffOn: group.kickOffOn,
        startDayOn: group.startDayOn,
      }),
    }),
  }),
});
