/**
 * What the office may do now on a case: one form per action the journey allows (plan the
 * conversation, its report, the intake, the decisions), and the school's links (send anew,
 * revoke). A refused form is shown again with its errors and what was typed.
 */
import { randomUUID } from 'node:crypto';
import type { JourneyAction, JourneyView } from '../../domain/journey';
import { LinkPurpose, purposeLabel } from '../../domain/links';
import type { Session } from '../../services/staff/sessions';
import { ChoiceGroup, SelectField, TextArea, TextField } from '../pages/form-fields';
import { Heading2, Paragraph } from '../pages/layout';
import { ActionForm, prefixed, type FailedAction } from './page-parts';

export function CaseActions({ session, journey, failed }: { session: Session; journey: JourneyView; failed?: FailedAction | undefined }) {
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
  return (
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
  );
}

/** A decision with its reason, which the school reads. */
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
