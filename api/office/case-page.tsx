/** One case: the school, the journey as the workflow sees it now, its timeline, and what the office may do now. */
import { exclusions } from '../../domain/eligibility';
import {
  applicationStatusLabel,
  closingOutcomeLabel,
  intakeOutcomeLabel,
  phaseLabel,
  waitingForLabel,
  type EnrolmentView,
  type JourneyView,
} from '../../domain/journey';
import { participantRoleLabel } from '../../domain/application';
import { aspirantOutcomeLabel, conversationAnswerLabel, equalAccessLabel, inspectionRatingLabel, labelOf } from '../../domain/labels';
import { trackLabel } from '../../domain/tracks';
import { formatMoment } from '../../mail/format';
import type { TimelineEntry } from '../../services/journeys/journey-timeline';
import type { CaseConversationRequest, SchoolFacts } from '../../services/office/case-view';
import type { Session } from '../../services/staff/sessions';
import { Alert, DataList, Heading1, Heading2, Paragraph } from '../pages/layout';
import { CaseActions } from './case-actions';
import { ApplicationDocument, CaseTimeline, FormsSection } from './case-documents';
import { ConversationRequestsSection } from './conversation-requests-section';
import { OfficePage } from './office-page';
import type { FailedAction } from './page-parts';

export interface CasePageProps {
  session: Session;
  school: SchoolFacts;
  journey: JourneyView;
  timeline: TimelineEntry[];
  done?: string | undefined;
  failed?: FailedAction | undefined;
  /** The school's own requests for the conversation that reached this case. */
  requests?: CaseConversationRequest[];
}

const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

export function CasePage({ session, school, journey, timeline, done, failed, requests = [] }: CasePageProps) {
  // Known before the application: the office sees them from the first conversation on.
  const applying = journey.track === 'expertschool' || journey.track === 'ontwikkelschool';
  const excluded =
    applying && journey.phase !== 'closed'
      ? exclusions({ inspectionRating: journey.school.inspectionRating, otherSubsidies: journey.application?.otherSubsidies ?? [] })
      : [];
  return (
    <OfficePage title={`${school.name} (${school.brin})`} session={session} current="dossier">
      <Heading1>
        {school.name} ({school.brin})
      </Heading1>
      {done && <Alert type="ok">Vastgelegd. De reis staat nu in de fase “{phaseLabel[journey.phase]}”.</Alert>}
      {excluded.length > 0 && (
        <Alert type="warning" title="Deze school kan geen subsidie krijgen">
          {excluded.map((e) => (
            <Paragraph key={e.code}>{e.message}</Paragraph>
          ))}
          <Paragraph>Bespreek dit bij het gesprek en de intake: een aanvraag van deze school wordt geweigerd.</Paragraph>
        </Alert>
      )}
      {journey.unrecordedSteps > 0 && (
        <Alert type="warning">
          {journey.unrecordedSteps} stap(pen) zijn nog niet in het dossier opgeslagen; de database is even niet bereikbaar. Er gaat niets verloren.
        </Alert>
      )}

      <div class="koers-columns">
        <section aria-labelledby="stand-kop">
          <Heading2 id="stand-kop">Stand van zaken</Heading2>
          <DataList
            items={[
              ['Traject', trackLabel[journey.track]],
              ['Fase', phaseLabel[journey.phase]],
              ['Wacht op', journey.waitingFor ? waitingForLabel[journey.waitingFor] : '–'],
              ['Volgende termijn', journey.nextDeadline ? formatMoment(journey.nextDeadline) : '–'],
              ['Programmajaar', String(journey.cycle + 1)],
              ...(journey.round
                ? ([['Subsidieronde', `${journey.round.name ?? journey.round.roundId} (sluit ${formatMoment(journey.round.closesAt)})`]] as [string, string][])
                : []),
              ...(journey.plannedConversation
                ? ([
                    [
                      'Gesprek',
                      `${formatMoment(journey.plannedConversation.startsAt)}, ${journey.plannedConversation.location}: ${
                        journey.plannedConversation.response === null
                          ? 'school heeft nog niet geantwoord'
                          : journey.plannedConversation.response.answer === 'confirm'
                            ? conversationAnswerLabel.confirm
                            : `${conversationAnswerLabel.other_moment} (“${journey.plannedConversation.response.note}”)`
                      }`,
                    ],
                  ] as [string, string][])
                : []),
              ...(journey.intake ? ([['Intake', intakeOutcomeLabel[journey.intake.outcome]]] as [string, string][]) : []),
              ...(journey.application
                ? ([
                    [
                      'Aanvraag',
                      `${applicationStatusLabel[journey.application.status]}${journey.application.amountEuros !== null ? `, ${euros.format(journey.application.amountEuros)}` : ''}, ${journey.application.participants.length} deelnemers, ${journey.application.trajectories.length} leertrajecten`,
                    ],
                  ] as [string, string][])
                : []),
              ...(journey.enrolment ? ([['Leertraject', enrolmentText(journey.enrolment)]] as [string, string][]) : []),
              ...(journey.expertTeam.length
                ? ([['Expertteam', journey.expertTeam.map((m) => `${m.name} (${participantRoleLabel[m.role]})`).join(', ')]] as [string, string][])
                : []),
              ...(journey.aspirantOutcome
                ? ([['Aspirantjaar', `${aspirantOutcomeLabel[journey.aspirantOutcome.outcome]}: ${journey.aspirantOutcome.reason}`]] as [string, string][])
                : []),
              ...(journey.outcome
                ? ([['Afgesloten', `${closingOutcomeLabel[journey.outcome.outcome]}: ${journey.outcome.reason}`]] as [string, string][])
                : []),
            ]}
          />
        </section>
        <section aria-labelledby="school-kop">
          <Heading2 id="school-kop">School</Heading2>
          <DataList
            items={[
              ['Sector', school.sector],
              ['Regio', school.region],
              ['E-mail', school.contactEmail],
              ['Inspectieoordeel', labelOf(inspectionRatingLabel, school.inspectionRating)],
              ['Gelijke kansen', school.equalAccessMarkers.length ? school.equalAccessMarkers.map((m) => labelOf(equalAccessLabel, m)).join(', ') : '–'],
            ]}
          />
        </section>
      </div>

      <ConversationRequestsSection requests={requests} />
      {journey.application?.decision && (
        <Paragraph>
          <a href={`/api/journeys/${journey.journeyId}/decision-letter.pdf`} download>
            Besluitbrief downloaden (pdf)
          </a>
          : dezelfde brief die de school bij de e-mail met het besluit kreeg.
        </Paragraph>
      )}
      {journey.application && <ApplicationDocument application={journey.application} />}
      {journey.forms.length > 0 && <FormsSection forms={journey.forms} />}

      <CaseActions session={session} journey={journey} failed={failed} />
      <CaseTimeline timeline={timeline} />
    </OfficePage>
  );
}

function enrolmentText({ title, expertschoolName, status, position, acceptBefore }: EnrolmentView): string {
  const where = `“${title}” bij ${expertschoolName}`;
  if (status === 'enrolled') return `ingeschreven voor ${where}`;
  if (status === 'offered') return `plaats aangeboden in ${where}, te aanvaarden vóór ${formatMoment(acceptBefore!)}`;
  return `op de wachtlijst voor ${where} (plaats ${position})`;
}
