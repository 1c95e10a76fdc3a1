/**
 * A form a school fills in on its phone: each statement a group of five radio buttons under its
 * own legend, scored from 1 (helemaal niet) to 5 (helemaal wel), then room for remarks.
 */
import { formDefinitions, type FormKind } from '../../domain/forms';
import { formName, inSentence } from '../../mail';
import { formatMoment } from '../../mail/format';
import { ChoiceGroup, ErrorSummary, SubmitButton, TextArea, type FieldErrors } from '../pages/form-fields';
import { Alert, DataList, Heading1, Heading2, Page, Paragraph } from '../pages/layout';

export const scoreOptions: [string, string][] = [
  ['1', '1 – helemaal niet'],
  ['2', '2 – nauwelijks'],
  ['3', '3 – deels'],
  ['4', '4 – grotendeels'],
  ['5', '5 – helemaal wel'],
];

const scoreLabel = (score: number) => scoreOptions.find(([value]) => value === String(score))?.[1] ?? String(score);

/** The field id of a statement's group: where its error sits and where the error summary links to. */
export const statementFieldId = (key: string) => `scores-${key}`;

export interface FormValues {
  scores: Record<string, string>;
  remarks: string;
}

export interface FormOnPage {
  kind: FormKind;
  scope: string;
  dueAt: string;
}

export function FormPage(props: { token: string; schoolName: string; form: FormOnPage; values?: FormValues; errors?: FieldErrors; general?: string[] }) {
  const { form, errors = {}, general = [] } = props;
  const definition = formDefinitions[form.kind];
  const statements = Object.entries(definition.statements);
  const name = formName(form);
  const numberOf = Object.fromEntries(statements.map(([key], index) => [statementFieldId(key), index + 1]));
  const contextOf = (fieldId: string) => (numberOf[fieldId] ? `Stelling ${numberOf[fieldId]}` : undefined);
  return (
    <Page title={Object.keys(errors).length || general.length ? `Fout: ${name}` : name}>
      <Heading1>
        {name} van {props.schoolName}
      </Heading1>
      <Paragraph lead>{definition.intro}</Paragraph>
      <Paragraph>
        Geef bij elke stelling aan in hoeverre die voor uw school geldt, van 1 (helemaal niet) tot 5 (helemaal wel). Vul de vragenlijst in vóór{' '}
        {formatMoment(form.dueAt)}. U verstuurt hem één keer.
      </Paragraph>
      <ErrorSummary errors={errors} general={general} contextOf={contextOf} />
      <form method="post" action={`/s/${props.token}`} noValidate>
        <section class="koers-section" aria-labelledby="stellingen-kop">
          <Heading2 id="stellingen-kop">Stellingen</Heading2>
          {statements.map(([key, statement], index) => (
            <ChoiceGroup
              key={key}
              id={statementFieldId(key)}
              name={`scores[${key}]`}
              type="radio"
              legend={`${index + 1}. ${statement}`}
              options={scoreOptions}
              checked={[props.values?.scores[key] ?? '']}
              errors={errors}
            />
          ))}
        </section>
        <section class="koers-section" aria-labelledby="toelichting-kop">
          <Heading2 id="toelichting-kop">Toelichting</Heading2>
          <TextArea
            id="remarks"
            name="remarks"
            label="Toelichting (niet verplicht)"
            description="Wilt u een score toelichten, of iets anders kwijt? Dat kan hier."
            value={props.values?.remarks ?? ''}
            rows={5}
            errors={errors}
          />
        </section>
        <div class="koers-actions">
          <SubmitButton intent="submit">Vragenlijst versturen</SubmitButton>
        </div>
      </form>
    </Page>
  );
}

/** The answers as they were received: right after sending (`justSent`), or when the link is opened again. */
export function FormAnsweredPage(props: {
  form: { kind: FormKind; scope: string };
  answer: { scores: Record<string, number>; remarks: string; at: string };
  justSent: boolean;
}) {
  const name = formName(props.form);
  const statements = Object.entries(formDefinitions[props.form.kind].statements);
  const title = props.justSent ? 'Dank u wel' : 'Deze vragenlijst is al ingevuld';
  return (
    <Page title={props.justSent ? `${name} verstuurd` : title}>
      <Heading1>{title}</Heading1>
      <Alert type="ok">
        <p class="utrecht-paragraph">
          {props.justSent ? `Uw ${inSentence(name)} is ontvangen.` : `Uw school heeft de ${inSentence(name)} ingevuld op ${formatMoment(props.answer.at)}.`} U
          hoeft niets meer te doen.
        </p>
      </Alert>
      <Heading2>Uw antwoorden</Heading2>
      <DataList
        items={[
          ...statements.map(([key, statement]): [string, string] => [
            statement,
            props.answer.scores[key] === undefined ? '—' : scoreLabel(props.answer.scores[key]),
          ]),
          ['Toelichting', props.answer.remarks || '—'],
        ]}
      />
    </Page>
  );
}

export function FormPastDuePage({ form }: { form: FormOnPage }) {
  const name = formName(form);
  return (
    <Page title="De termijn voor deze vragenlijst is voorbij">
      <Heading1>De termijn voor deze vragenlijst is voorbij</Heading1>
      <Paragraph lead>
        De {inSentence(name)} kon worden ingevuld tot {formatMoment(form.dueAt)}. Wilt u hem toch nog invullen? Neem dan contact op met het programmabureau.
      </Paragraph>
    </Page>
  );
}
