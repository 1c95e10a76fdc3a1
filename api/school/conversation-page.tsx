/** The school answers the office's invitation: it confirms the moment, or asks for another. */
import type { SchoolJourneyView } from '../../domain/school-view';
import { conversationLabel } from '../../mail';
import { formatMoment } from '../../mail/format';
import { ChoiceGroup, ErrorSummary, SubmitButton, TextArea, type FieldErrors } from '../pages/form-fields';
import { Alert, DataList, Heading1, Page, Paragraph } from '../pages/layout';

/** The planned conversation as the school sees it (without who planned it). */
type PlannedConversation = NonNullable<SchoolJourneyView['plannedConversation']>;

const answerOptions: [string, string][] = [
  ['confirm', 'Ja, dit moment past ons'],
  ['other_moment', 'Nee, wij willen graag een ander moment'],
];

export function ConversationPage(props: {
  token: string;
  schoolName: string;
  conversation: PlannedConversation;
  values?: { answer: string; note: string };
  errors?: FieldErrors;
  general?: string[];
}) {
  const { conversation, errors = {}, general = [] } = props;
  const what = conversationLabel[conversation.kind];
  return (
    <Page title={Object.keys(errors).length ? `Fout: uitnodiging voor het ${what}` : `Uitnodiging voor het ${what}`}>
      <Heading1>Uitnodiging voor het {what}</Heading1>
      <Paragraph lead>
        Het programmabureau van Ontwikkelkracht heeft een {what} gepland met {props.schoolName}.
      </Paragraph>
      <DataList
        items={[
          ['Wanneer', `${formatMoment(conversation.startsAt)} (${conversation.durationMinutes} minuten)`],
          ['Waar', conversation.location],
        ]}
      />
      <Paragraph>
        <a class="utrecht-link utrecht-link--html-a" href={`/s/${props.token}/uitnodiging.ics`} download="uitnodiging.ics">
          Zet het gesprek in uw agenda (.ics)
        </a>
      </Paragraph>
      <ErrorSummary errors={errors} general={general} />
      <form method="post" action={`/s/${props.token}`} noValidate>
        <ChoiceGroup
          id="answer"
          name="answer"
          type="radio"
          legend="Past dit moment?"
          options={answerOptions}
          checked={[props.values?.answer ?? '']}
          errors={errors}
        />
        <TextArea
          id="note"
          name="note"
          label="Toelichting (verplicht bij een ander moment)"
          description="Noem bij een ander moment de dagen en tijden die u wel uitkomen."
          value={props.values?.note ?? ''}
          rows={4}
          errors={errors}
        />
        <div class="koers-actions">
          <SubmitButton intent="answer">Antwoord versturen</SubmitButton>
        </div>
      </form>
    </Page>
  );
}

export function ConversationAnsweredPage({ conversation }: { conversation: PlannedConversation }) {
  const confirmed = conversation.response?.answer === 'confirm';
  return (
    <Page title="Antwoord verstuurd">
      <Heading1>Dank u wel</Heading1>
      <Alert type="ok">
        <p class="utrecht-paragraph">
          {confirmed
            ? `U heeft het gesprek op ${formatMoment(conversation.startsAt)} bevestigd. Tot dan!`
            : 'We hebben uw vraag om een ander moment ontvangen. Het programmabureau stuurt u een nieuwe uitnodiging.'}
        </p>
      </Alert>
    </Page>
  );
}
