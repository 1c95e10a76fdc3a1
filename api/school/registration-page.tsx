/**
 * A VO school's registration for a cohort of the school development trajectory, as the school
 * leader fills it in on a phone: the cohort and its dates, the theme (and a second choice), the
 * self-evaluation of the preconditions, and who leads. Afterwards: where the school stands.
 */
import type { RegistrationView } from '../../domain/cohort';
import { developmentThemeLabel, DevelopmentTheme } from '../../domain/development-groups';
import { formDefinitions } from '../../domain/forms';
import { formatDay, formatMoment } from '../../mail/format';
import { ChoiceGroup, ErrorSummary, SubmitButton, TextArea, TextField, type FieldErrors } from '../pages/form-fields';
import { Alert, DataList, Heading1, Heading2, Page, Paragraph } from '../pages/layout';
import { scoreOptions } from './form-page';

const statements = Object.entries(formDefinitions.self_evaluation.statements);
const themeOptions: [string, string][] = DevelopmentTheme.options.map((theme) => [theme, developmentThemeLabel[theme]]);
/** Choosing no second theme is a choice too, so that a chosen one can be taken back without JavaScript. */
const secondThemeOptions: [string, string][] = [['', 'Geen tweede keus'], ...themeOptions];
const scoreLabel = (score: number | undefined) => (score === undefined ? '—' : (scoreOptions.find(([value]) => value === String(score))?.[1] ?? String(score)));

/** The field ids are the schema's paths joined by dashes: an issue at ['selfEvaluation', 'scores', 'vision'] lands on its group. */
export const registrationFieldId = {
  theme: 'theme',
  secondTheme: 'secondTheme',
  statement: (key: string) => `selfEvaluation-scores-${key}`,
  remarks: 'selfEvaluation-remarks',
  leaderName: 'schoolLeader-name',
  leaderEmail: 'schoolLeader-email',
};

/** What the school typed, as text, to show again next to the errors. */
export interface RegistrationValues {
  theme: string;
  secondTheme: string;
  scores: Record<string, string>;
  remarks: string;
  leaderName: string;
  leaderEmail: string;
}

function CohortDates({ registration, closes = true }: { registration: RegistrationView; closes?: boolean }) {
  return (
    <DataList
      items={[
        ['Cohort', registration.cohortName],
        ...(closes ? [['Aanmelding sluit', formatMoment(registration.registrationClosesAt)] as [string, string]] : []),
        ['Kick-off', formatDay(registration.kickOffOn)],
        ['Startdag', formatDay(registration.startDayOn)],
      ]}
    />
  );
}

export function RegistrationPage(props: {
  token: string;
  schoolName: string;
  registration: RegistrationView;
  values?: RegistrationValues;
  errors?: FieldErrors;
  general?: string[];
}) {
  const { registration, values, errors = {}, general = [] } = props;
  const numberOf = Object.fromEntries(statements.map(([key], index) => [registrationFieldId.statement(key), index + 1]));
  const contextOf = (fieldId: string) => (numberOf[fieldId] ? `Stelling ${numberOf[fieldId]}` : undefined);
  const title = `Aanmelden voor ${registration.cohortName}`;
  return (
    <Page title={Object.keys(errors).length || general.length ? `Fout: ${title}` : title}>
      <Heading1>{title}</Heading1>
      <Paragraph lead>
        {props.schoolName} is aangemeld voor {registration.cohortName}: anderhalf jaar schoolontwikkeling in een ontwikkelgroep van 5 tot 7 scholen met
        hetzelfde thema. Rond hier de aanmelding af.
      </Paragraph>
      <CohortDates registration={registration} />
      <Paragraph>
        De plaatsen gaan op volgorde van aanmelding. Is het cohort vol, dan komt uw school op de wachtlijst. U verstuurt de aanmelding één keer.
      </Paragraph>
      <ErrorSummary errors={errors} general={general} contextOf={contextOf} />
      <form method="post" action={`/s/${props.token}`} noValidate>
        <section class="koers-section" aria-labelledby="thema-kop">
          <Heading2 id="thema-kop">Thema</Heading2>
          <ChoiceGroup
            id={registrationFieldId.theme}
            name="theme"
            type="radio"
            legend="Aan welk thema wil uw school werken?"
            options={themeOptions}
            checked={[values?.theme ?? '']}
            errors={errors}
          />
          <ChoiceGroup
            id={registrationFieldId.secondTheme}
            name="secondTheme"
            type="radio"
            legend="Tweede keus (niet verplicht)"
            description="Alleen als er voor uw eerste thema geen groep van 5 tot 7 scholen te vormen is, delen we uw school in bij dit thema."
            options={secondThemeOptions}
            checked={[values?.secondTheme ?? '']}
            errors={errors}
          />
        </section>
        <section class="koers-section" aria-labelledby="zelfevaluatie-kop">
          <Heading2 id="zelfevaluatie-kop">{formDefinitions.self_evaluation.title}</Heading2>
          <Paragraph>
            {formDefinitions.self_evaluation.intro} Geef bij elke stelling aan in hoeverre die voor uw school geldt, van 1 (helemaal niet) tot 5 (helemaal wel).
          </Paragraph>
          {statements.map(([key, statement], index) => (
            <ChoiceGroup
              key={key}
              id={registrationFieldId.statement(key)}
              name={`selfEvaluation[scores][${key}]`}
              type="radio"
              legend={`${index + 1}. ${statement}`}
              options={scoreOptions}
              checked={[values?.scores[key] ?? '']}
              errors={errors}
            />
          ))}
          <TextArea
            id={registrationFieldId.remarks}
            name="selfEvaluation[remarks]"
            label="Toelichting (niet verplicht)"
            description="Wilt u een score toelichten, of iets anders kwijt? Dat kan hier."
            value={values?.remarks ?? ''}
            rows={5}
            errors={errors}
          />
        </section>
        <section class="koers-section" aria-labelledby="schoolleider-kop">
          <Heading2 id="schoolleider-kop">Schoolleider</Heading2>
          <Paragraph>De schoolleider die namens uw school meedoet aan het traject.</Paragraph>
          <TextField
            id={registrationFieldId.leaderName}
            name="schoolLeader[name]"
            label="Naam"
            value={values?.leaderName ?? ''}
            autoComplete="name"
            errors={errors}
          />
          <TextField
            id={registrationFieldId.leaderEmail}
            name="schoolLeader[email]"
            label="E-mailadres"
            type="email"
            inputMode="email"
            autoComplete="email"
            value={values?.leaderEmail ?? ''}
            errors={errors}
          />
        </section>
        <div class="koers-actions">
          <SubmitButton intent="submit">Aanmelding versturen</SubmitButton>
        </div>
      </form>
    </Page>
  );
}

/** The self-evaluation as it was received with the registration. */
export interface SelfEvaluationAnswer {
  scores: Record<string, number>;
  remarks: string;
}

/**
 * Where a school stands once its registration is in: a place, or its place on the waiting list.
 * Right after sending (`justSent`) it says the registration was received; on a later visit, when.
 */
export function RegistrationStandingPage(props: {
  schoolName: string;
  registration: RegistrationView & { submittedAt: string };
  selfEvaluation?: SelfEvaluationAnswer | undefined;
  /** The theme of the development group the office confirmed, once there is one. */
  groupTheme?: DevelopmentTheme | undefined;
  justSent: boolean;
}) {
  const { registration, selfEvaluation } = props;
  const received = props.justSent
    ? `Uw aanmelding voor ${registration.cohortName} is ontvangen.`
    : `Uw school heeft de aanmelding voor ${registration.cohortName} verstuurd op ${formatMoment(registration.submittedAt)}.`;
  const waiting = registration.place === 'waiting';
  const title = waiting ? 'U staat op de wachtlijst' : 'U heeft een plaats';
  const sent: [string, string][] = [
    ['Verstuurd op', formatMoment(registration.submittedAt)],
    ['Thema', registration.theme ? developmentThemeLabel[registration.theme] : '—'],
    ['Tweede keus', registration.secondTheme ? developmentThemeLabel[registration.secondTheme] : 'geen'],
    ['Schoolleider', registration.schoolLeader ? `${registration.schoolLeader.name} (${registration.schoolLeader.email})` : '—'],
  ];
  return (
    <Page title={props.justSent ? `Aanmelding verstuurd: ${title.toLowerCase()}` : title}>
      <Heading1>{title}</Heading1>
      {waiting ? (
        <>
          <Alert type="info">
            <p class="utrecht-paragraph">
              {received} Het cohort is vol: {props.schoolName} staat op de wachtlijst
              {registration.position !== null ? `, op plaats ${registration.position}` : ''}.
            </p>
          </Alert>
          {registration.position !== null && <DataList items={[['Plaats op de wachtlijst', String(registration.position)]]} />}
          <Paragraph>
            Komt er vóór de kick-off op {formatDay(registration.kickOffOn)} een plaats vrij, dan gaat die naar de eerste school op de wachtlijst. Krijgt uw
            school een plaats, dan neemt het programmabureau contact met u op voor de online intake. Komt er vóór de kick-off geen plaats vrij, dan eindigt uw
            aanmelding.
          </Paragraph>
        </>
      ) : (
        <>
          <Alert type="ok">
            <p class="utrecht-paragraph">
              {received} {props.schoolName} heeft een plaats in {registration.cohortName}.
            </p>
          </Alert>
          <Paragraph>
            {props.groupTheme
              ? `Uw school is ingedeeld in de ontwikkelgroep ${developmentThemeLabel[props.groupTheme]}. U hoeft nu niets te doen.`
              : 'Het programmabureau neemt contact met u op voor een online intake. Daarna delen we uw school in bij een ontwikkelgroep. U hoeft nu niets te doen.'}
          </Paragraph>
        </>
      )}
      <CohortDates registration={registration} closes={false} />
      <Heading2>Uw aanmelding</Heading2>
      <DataList items={sent} />
      {selfEvaluation && (
        <>
          <Heading2>{formDefinitions.self_evaluation.title}</Heading2>
          <DataList
            items={[
              ...statements.map(([key, statement]): [string, string] => [statement, scoreLabel(selfEvaluation.scores[key])]),
              ['Toelichting', selfEvaluation.remarks || '—'],
            ]}
          />
        </>
      )}
    </Page>
  );
}

/** The registration closed before the school sent it. */
export function RegistrationClosedPage({ registration }: { registration: RegistrationView }) {
  return (
    <Page title="De aanmelding is gesloten">
      <Heading1>De aanmelding is gesloten</Heading1>
      <Paragraph lead>
        De aanmelding voor {registration.cohortName} kon worden verstuurd tot {formatMoment(registration.registrationClosesAt)}. Wilt u uw school toch nog
        aanmelden? Neem dan contact op met het programmabureau.
      </Paragraph>
    </Page>
  );
}

/** The school's journey in the cohort has ended (no place came free, the intake referred it, it stopped). */
export function RegistrationEndedPage({ registration, reason }: { registration: RegistrationView; reason: string | null }) {
  return (
    <Page title="Uw aanmelding is afgesloten">
      <Heading1>Uw aanmelding is afgesloten</Heading1>
      <Paragraph lead>
        {reason ?? `De deelname van uw school aan ${registration.cohortName} is afgesloten.`} Heeft u vragen, neem dan contact op met het programmabureau.
      </Paragraph>
    </Page>
  );
}
