/** One case: the school, the journey as the workflow sees it now, its timeline, and what the office may do now. */
import type { ConversationRequest } from '../../generated/prisma/client';
import { ConversationRequestsSection } from './conversation-requests-section';
import { randomUUID } from 'node:crypto';
import type { ComponentChildren } from 'preact';
import { otherSubsidyLabel, participantRoleLabel, sectionLabel, type SectionKey } from '../../domain/application';
import { formKindLabel, formStatusLabel, type FormRequestView } from '../../domain/forms';
import {
  applicationStatusLabel,
  closingOutcomeLabel,
  intakeOutcomeLabel,
  phaseLabel,
  type EnrolmentView,
  waitingForLabel,
  type JourneyAction,
  type JourneyView,
} from '../../domain/journey';
import { aspirantOutcomeLabel, conversationAnswerLabel, equalAccessLabel, inspectionRatingLabel, labelOf, mailStatusLabel } from '../../domain/labels';
import { trackLabel } from '../../domain/tracks';
import { LinkPurpose, purposeLabel } from '../../domain/links';
import { formatMoment } from '../../mail/format';
import type { Session } from '../../services/staff/sessions';
import { exclusions } from '../../domain/eligibility';
import type { TimelineEntry } from '../../services/journeys/journey-timeline';
import { ChoiceGroup, ErrorSummary, SelectField, SubmitButton, TextArea, TextField, type FieldErrors } from '../pages/form-fields';
import { Alert, DataList, Heading1, Heading2, Paragraph } from '../pages/layout';
import { Table } from '../pages/table';
import { CsrfField, OfficePage } from './office-page';
import { ActionForm, prefixed, type FailedAction } from './page-parts';

export interface SchoolFacts {
  name: string;
  brin: string;
  sector: string;
  region: string;
  contactEmail: string;
  inspectionRating: string;
  equalAccessMarkers: string[];
}

export interface CasePageProps {
  session: Session;
  school: SchoolFacts;
  journey: JourneyView;
  timeline: TimelineEntry[];
  done?: string | undefined;
  failed?: FailedAction | undefined;
  /** The school's own requests for the conversation that reached this case. */
  requests?: ConversationRequest[];
}

const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

export function CasePage({ session, school, journey, timeline, done, failed, requests = [] }: CasePageProps) {
  const can = (action: JourneyAction) => journey.allowedActions.includes(action);
  const caseUrl = `/kantoor/dossiers/${journey.journeyId}`;
  const form = (action: string) => (failed?.action === action ? failed : undefined);
  /** A field of an action's form: its id on this page, its name, what was typed, its errors. */
  const field = (action: string, name: string, fallback = '') => ({
    id: `${action}-${name}`,
    name,
    value: form(action)?.values[name] ?? fallback,
    errors: prefixed(action, form(action)),
  });
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

      <section aria-labelledby="acties-kop" class="koers-section">
        <Heading2 id="acties-kop">Wat u nu kunt doen</Heading2>
        {journey.phase === 'closed' && <Paragraph>Deze reis is afgesloten.</Paragraph>}
        {can('planConversation') && (
          <ActionForm
            session={session}
            base={caseUrl}
            action="conversation-plan"
            title={journey.plannedConversation ? 'Nieuw moment voor het gesprek' : 'Gesprek plannen'}
            failed={form('conversation-plan')}
            submit="Uitnodiging versturen"
          >
            <TextField {...field('conversation-plan', 'startsAt')} label="Datum en tijd" type="datetime-local" />
            <TextField {...field('conversation-plan', 'durationMinutes', '60')} label="Duur in minuten" inputMode="numeric" size="small" />
            <TextField {...field('conversation-plan', 'location')} label="Waar (adres of link naar de videoverbinding)" />
          </ActionForm>
        )}
        {can('recordConversationReport') && (
          <ActionForm
            session={session}
            base={caseUrl}
            action="conversation-report"
            title="Gespreksverslag vastleggen"
            failed={form('conversation-report')}
            submit="Verslag vastleggen"
          >
            <TextField {...field('conversation-report', 'conductedOn')} label="Datum van het gesprek (JJJJ-MM-DD)" />
            <TextArea {...field('conversation-report', 'report')} label="Verslag" />
          </ActionForm>
        )}
        {can('recordIntakeOutcome') && (
          <ActionForm
            session={session}
            base={caseUrl}
            action="intake-outcome"
            title="Uitkomst van de intake"
            failed={form('intake-outcome')}
            submit="Uitkomst vastleggen"
          >
            <ChoiceGroup
              id="intake-outcome-outcome"
              name="outcome"
              type="radio"
              legend="Beste vervolgstap"
              options={[
                ['expertschool', 'Expertschool'],
                ['ontwikkelschool', 'Ontwikkelschool'],
                ['other_pillar', 'Andere pijler'],
                ['not_now', 'Nu niet'],
              ]}
              checked={[form('intake-outcome')?.values.outcome ?? '']}
              errors={prefixed('intake-outcome', form('intake-outcome'))}
            />
            <TextArea {...field('intake-outcome', 'notes')} label="Toelichting" rows={3} />
          </ActionForm>
        )}
        {can('decideApplication') && (
          <DecisionForm
            session={session}
            journeyId={journey.journeyId}
            action="decision"
            title="Besluit op de aanvraag"
            legend="Besluit"
            options={[
              ['approved', 'Toekennen'],
              ['rejected', 'Afwijzen'],
            ]}
            failed={form('decision')}
            field="decision"
          />
        )}
        {can('recordAspirantOutcome') && (
          <DecisionForm
            session={session}
            journeyId={journey.journeyId}
            action="aspirant-outcome"
            title="Uitkomst van het aspirantjaar"
            legend="Uitkomst"
            options={[
              ['expertschool', 'Wordt expertschool'],
              ['dropped_out', 'Stopt'],
            ]}
            failed={form('aspirant-outcome')}
            field="outcome"
          />
        )}
        {journey.phase !== 'closed' && (
          <ActionForm
            session={session}
            base={caseUrl}
            action="links-resend"
            title="Nieuwe link sturen"
            failed={form('links-resend')}
            submit="Link sturen"
            secondary
          >
            <Paragraph>De school krijgt een nieuwe link op het bekende e-mailadres; eerdere links voor die stap werken dan niet meer.</Paragraph>
            <input type="hidden" name="requestId" value={randomUUID()} />
            <SelectField
              id="links-resend-purpose"
              name="purpose"
              label="Voor welke stap"
              value=""
              placeholder="Kies een stap"
              options={LinkPurpose.options.map((p) => [p, purposeLabel[p]] as [string, string])}
              errors={prefixed('links-resend', form('links-resend'))}
            />
          </ActionForm>
        )}
        {journey.phase !== 'closed' && (
          <ActionForm
            session={session}
            base={caseUrl}
            action="links-revoke"
            title="Links van de school intrekken"
            failed={form('links-revoke')}
            submit="Links intrekken"
            secondary
          >
            <SelectField
              id="links-revoke-purpose"
              name="purpose"
              label="Welke links"
              value=""
              placeholder="Alle links die nog werken"
              options={LinkPurpose.options.map((p) => [p, purposeLabel[p]] as [string, string])}
            />
          </ActionForm>
        )}
        {can('cancelJourney') && (
          <ActionForm session={session} base={caseUrl} action="cancel" title="Reis stoppen" failed={form('cancel')} submit="Reis stoppen" secondary>
            <TextArea {...field('cancel', 'reason')} label="Reden" rows={3} />
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="tijdlijn-kop" class="koers-section">
        <Heading2 id="tijdlijn-kop">Tijdlijn</Heading2>
        <Table
          labelledBy="tijdlijn-kop"
          id="tijdlijn"
          columns={[{ label: 'Wanneer' }, { label: 'Wat' }, { label: 'Wie' }]}
          rows={timeline.map((entry) =>
            entry.kind === 'step'
              ? {
                  key: `s${entry.seq}`,
                  cells: [formatMoment(entry.at), entry.label, entry.actor === 'system' ? 'Koers' : entry.actor],
                }
              : {
                  key: `m${entry.purpose}`,
                  cells: [
                    formatMoment(entry.at),
                    `E-mail “${entry.subject}”: ${
                      entry.status === 'sent'
                        ? mailStatusLabel.sent
                        : `${mailStatusLabel.pending} (${entry.attempts} ${entry.attempts === 1 ? 'poging' : 'pogingen'}${entry.lastError ? `; ${entry.lastError}` : ''})`
                    }`,
                    'Koers',
                  ],
                },
          )}
        />
      </section>
    </OfficePage>
  );
}

function DecisionForm(props: {
  session: Session;
  journeyId: string;
  action: string;
  title: string;
  legend: string;
  options: [string, string][];
  failed?: FailedAction | undefined;
  field: string;
}) {
  const errors = prefixed(props.action, props.failed);
  return (
    <ActionForm
      session={props.session}
      base={`/kantoor/dossiers/${props.journeyId}`}
      action={props.action}
      title={props.title}
      failed={props.failed}
      submit="Vastleggen"
    >
      <ChoiceGroup
        id={`${props.action}-${props.field}`}
        name={props.field}
        type="radio"
        legend={props.legend}
        options={props.options}
        checked={[props.failed?.values[props.field] ?? '']}
        errors={errors}
      />
      <TextArea
        id={`${props.action}-reason`}
        name="reason"
        label="Reden (de school leest deze)"
        rows={3}
        value={props.failed?.values.reason ?? ''}
        errors={errors}
      />
    </ActionForm>
  );
}

/** The application as the school wrote it: what the office reads before it decides. */
function ApplicationDocument({ application }: { application: NonNullable<JourneyView['application']> }) {
  const sections = Object.entries(application.sections) as [SectionKey, string][];
  return (
    <section aria-labelledby="aanvraag-kop" class="koers-section">
      <Heading2 id="aanvraag-kop">
        Aanvraag ({applicationStatusLabel[application.status]}
        {application.submittedAt ? `, ingediend ${formatMoment(application.submittedAt)}` : ''})
      </Heading2>
      <details>
        <summary>Deelnemers, leertrajecten en activiteitenplan</summary>
        <Table
          labelledBy="aanvraag-kop"
          columns={[{ label: 'Deelnemer' }, { label: 'E-mail' }, { label: 'Rol' }]}
          rows={application.participants.map((p, i) => ({ key: String(i), cells: [p.name, p.email, participantRoleLabel[p.role]] }))}
        />
        <Table
          labelledBy="aanvraag-kop"
          columns={[{ label: 'Leertraject' }, { label: 'Plaatsen', numeric: true }]}
          rows={application.trajectories.map((t, i) => ({ key: String(i), cells: [t.title, t.places] }))}
        />
        <Paragraph>
          Andere subsidies: {application.otherSubsidies.length ? application.otherSubsidies.map((o) => otherSubsidyLabel[o]).join(', ') : 'geen'}.
        </Paragraph>
        <DataList items={sections.map(([key, content]) => [sectionLabel[key], <span class="koers-prewrap">{content}</span>])} />
      </details>
    </section>
  );
}

function enrolmentText({ title, expertschoolName, status, position, acceptBefore }: EnrolmentView): string {
  const where = `“${title}” bij ${expertschoolName}`;
  if (status === 'enrolled') return `ingeschreven voor ${where}`;
  if (status === 'offered') return `plaats aangeboden in ${where}, te aanvaarden vóór ${formatMoment(acceptBefore!)}`;
  return `op de wachtlijst voor ${where} (plaats ${position})`;
}

/** Measurements and evaluations asked of the school: what came back, and what did not. */
function FormsSection({ forms }: { forms: FormRequestView[] }) {
  return (
    <section aria-labelledby="formulieren-kop" class="koers-section">
      <Heading2 id="formulieren-kop">Metingen en evaluaties</Heading2>
      <DataList
        items={forms.map((f) => [
          `${formKindLabel[f.kind]} (${f.scope})`,
          `${formStatusLabel[f.status]}${f.status === 'requested' ? `, uiterlijk ${formatMoment(f.dueAt)}` : ''}${
            f.remindersSent ? `, ${f.remindersSent}× herinnerd` : ''
          }${f.answer ? `: gemiddeld ${average(Object.values(f.answer.scores))} van 5${f.answer.remarks ? ` — “${f.answer.remarks}”` : ''}` : ''}`,
        ])}
      />
    </section>
  );
}

const average = (scores: number[]) => (scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length)).toFixed(1).replace('.', ',');
