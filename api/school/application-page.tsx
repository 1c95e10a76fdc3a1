/** The school's application: a form it can save and resume, and submit once it is complete. */
import { otherSubsidyLabel, participantRoleLabel, sectionLabel, type SectionKey } from '../../domain/application';
import { exclusionRules } from '../../domain/eligibility';
import type { SchoolJourneyView } from '../../domain/school-view';
import { formatMoment } from '../../mail/format';
import { ChoiceGroup, ErrorSummary, rowContext, SelectField, SubmitButton, TextArea, TextField, type FieldErrors } from '../pages/form-fields';
import { Alert, DataList, Heading1, Heading2, Page, Paragraph } from '../pages/layout';

/** The application as the school sees it (a final decision without who took it). */
type ApplicationView = NonNullable<SchoolJourneyView['application']>;

export const MAX_PARTICIPANT_ROWS = 50;
export const MAX_TRAJECTORY_ROWS = 10;

export interface ApplicationValues {
  participants: { name: string; email: string; role: string }[];
  sections: Partial<Record<SectionKey, string>>;
  trajectories: { title: string; places: number | string }[];
  otherSubsidies: string[];
}

export interface ApplicationPageProps {
  token: string;
  schoolName: string;
  roundName: string;
  schoolYear: string;
  closesAt: string;
  sections: SectionKey[];
  values: ApplicationValues;
  participantRows: number;
  trajectoryRows: number;
  /** An expertschool offers learning trajectories; an ontwikkelschool chooses one after approval. */
  offersTrajectories: boolean;
  minimumParticipants: number;
  /** What excludes the school whatever it writes (its inspection rating, another subsidy): said before the form. */
  exclusions?: readonly string[];
  errors?: FieldErrors;
  general?: string[];
  /** A confirmation to show above the form, e.g. after saving. */
  notice?: string | undefined;
  /** The row just added gets the focus, so a keyboard user continues there. */
  focus?: 'participant' | 'trajectory' | undefined;
}

const roleOptions = Object.entries(participantRoleLabel) as [string, string][];
const subsidyOptions = Object.entries(otherSubsidyLabel).map(([value, label]) => [value, `Mijn school ontvangt subsidie van ${label}`] as [string, string]);

/** "3 deelnemers ingevuld, minstens 4 nodig. Er is nog geen schoolleider bij." (the script keeps it current). */
export function participantStatus(participants: { name: string; role: string }[], minimum = 4): string {
  const people = participants.filter((p) => p.name.trim().length >= 2);
  const leader = people.some((p) => p.role === 'school_leader');
  return `${people.length} ${people.length === 1 ? 'deelnemer' : 'deelnemers'} ingevuld, minstens ${minimum} nodig. ${leader ? 'Er is een schoolleider bij.' : 'Er is nog geen schoolleider bij.'}`;
}

const rowOf = rowContext({ participants: 'Deelnemer', trajectories: 'Leertraject' });
/** Which participant, trajectory or plan section an error is about, for the summary. */
function fieldContext(fieldId: string): string | undefined {
  const section = /^sections-(.+)$/.exec(fieldId)?.[1];
  return section && section in sectionLabel ? sectionLabel[section as SectionKey] : rowOf(fieldId);
}

export function defaultRows(filled: number, minimum: number, max: number): number {
  return Math.min(max, Math.max(minimum, filled + 1));
}

export function ApplicationPage(props: ApplicationPageProps) {
  const { values, errors = {}, general = [] } = props;
  const participantRows = Math.max(props.participantRows, values.participants.length);
  const trajectoryRows = Math.max(props.trajectoryRows, values.trajectories.length);
  const closes = formatMoment(props.closesAt);
  const hasErrors = Object.keys(errors).length > 0 || general.length > 0;
  return (
    <Page title={hasErrors ? 'Fout in uw aanvraag' : 'Uw aanvraag'} enhanced>
      <Heading1>Aanvraag expertschool: {props.schoolName}</Heading1>
      <Paragraph lead>
        Voor de aanvraagronde {props.roundName}, schooljaar {props.schoolYear}. Dien uw aanvraag in vóór {closes}.
      </Paragraph>
      {props.exclusions?.length ? (
        <Alert type="warning" title="Uw school kan deze subsidie niet krijgen">
          {props.exclusions.map((reason) => (
            <Paragraph key={reason}>{reason}</Paragraph>
          ))}
          <Paragraph>
            Een aanvraag wordt daarom afgewezen. Klopt dit niet, neem dan contact op met het programmabureau Ontwikkelkracht voordat u verder gaat.
          </Paragraph>
        </Alert>
      ) : (
        <Paragraph>U kunt deze subsidie niet aanvragen als {exclusionRules.join(', of als ')}.</Paragraph>
      )}
      <Paragraph>U kunt tussendoor opslaan en later verder gaan met de link uit uw e-mail.</Paragraph>
      {props.notice && <Alert type="ok">{props.notice}</Alert>}
      <ErrorSummary errors={errors} general={general} contextOf={fieldContext} />
      <form method="post" action={`/s/${props.token}`} noValidate>
        {/* The form's default button: Enter in a field saves, it never submits the application. */}
        <button type="submit" name="intent" value="save" class="koers-default-button" tabIndex={-1} aria-hidden="true">
          Opslaan
        </button>
        <input type="hidden" name="participantRows" value={String(participantRows)} />
        <input type="hidden" name="trajectoryRows" value={String(trajectoryRows)} />

        <section class="koers-section" aria-labelledby="deelnemers-kop">
          <Heading2 id="deelnemers-kop">Deelnemers</Heading2>
          <Paragraph>Minstens {props.minimumParticipants} mensen van uw school doen mee, onder wie de schoolleider.</Paragraph>
          <p class="utrecht-paragraph koers-status" id="deelnemers-status" role="status" aria-live="polite" data-minimum={String(props.minimumParticipants)}>
            {participantStatus(values.participants, props.minimumParticipants)}
          </p>
          <div id="participants" tabIndex={-1}>
            {errors.participants && <p class="utrecht-form-field-error-message">{errors.participants.join(' ')}</p>}
            {Array.from({ length: participantRows }, (_, i) => {
              const p = values.participants[i] ?? { name: '', email: '', role: '' };
              const isNew = props.focus === 'participant' && i === participantRows - 1;
              return (
                <fieldset class="utrecht-form-fieldset koers-row" data-participant-row key={i}>
                  <legend class="utrecht-form-fieldset__legend">Deelnemer {i + 1}</legend>
                  <TextField
                    id={`participants-${i}-name`}
                    name={`participants[${i}][name]`}
                    label="Naam"
                    value={p.name}
                    errors={errors}
                    autoComplete="off"
                    autoFocus={isNew}
                  />
                  <TextField
                    id={`participants-${i}-email`}
                    name={`participants[${i}][email]`}
                    label="E-mailadres"
                    type="email"
                    value={p.email}
                    errors={errors}
                    autoComplete="off"
                  />
                  <SelectField
                    id={`participants-${i}-role`}
                    name={`participants[${i}][role]`}
                    label="Rol"
                    value={p.role}
                    options={roleOptions}
                    placeholder="Kies een rol"
                    errors={errors}
                  />
                </fieldset>
              );
            })}
          </div>
          {participantRows < MAX_PARTICIPANT_ROWS && (
            <SubmitButton secondary intent="add-participant">
              Nog een deelnemer toevoegen
            </SubmitButton>
          )}
        </section>

        <section class="koers-section" aria-labelledby="plan-kop">
          <Heading2 id="plan-kop">Activiteitenplan</Heading2>
          {props.sections.map((key) => (
            <TextArea id={`sections-${key}`} name={`sections[${key}]`} label={sectionLabel[key]} value={values.sections[key] ?? ''} errors={errors} key={key} />
          ))}
        </section>

        {props.offersTrajectories && (
          <section class="koers-section" aria-labelledby="trajecten-kop">
            <Heading2 id="trajecten-kop">Leertrajecten</Heading2>
            <Paragraph>
              De leertrajecten die uw school als expertschool aanbiedt aan ontwikkelscholen, met het aantal plaatsen (hoogstens 6 per traject).
            </Paragraph>
            <div id="trajectories" tabIndex={-1}>
              {errors.trajectories && <p class="utrecht-form-field-error-message">{errors.trajectories.join(' ')}</p>}
              {Array.from({ length: trajectoryRows }, (_, i) => {
                const t = values.trajectories[i] ?? { title: '', places: '' };
                const isNew = props.focus === 'trajectory' && i === trajectoryRows - 1;
                return (
                  <fieldset class="utrecht-form-fieldset koers-row" key={i}>
                    <legend class="utrecht-form-fieldset__legend">Leertraject {i + 1}</legend>
                    <TextField
                      id={`trajectories-${i}-title`}
                      name={`trajectories[${i}][title]`}
                      label="Titel"
                      value={t.title}
                      errors={errors}
                      autoFocus={isNew}
                    />
                    <TextField
                      id={`trajectories-${i}-places`}
                      name={`trajectories[${i}][places]`}
                      label="Aantal plaatsen"
                      value={String(t.places)}
                      inputMode="numeric"
                      size="small"
                      errors={errors}
                    />
                  </fieldset>
                );
              })}
            </div>
            {trajectoryRows < MAX_TRAJECTORY_ROWS && (
              <SubmitButton secondary intent="add-trajectory">
                Nog een leertraject toevoegen
              </SubmitButton>
            )}
          </section>
        )}

        <section class="koers-section" aria-labelledby="subsidies-kop">
          <Heading2 id="subsidies-kop">Andere subsidies</Heading2>
          <ChoiceGroup
            id="otherSubsidies"
            name="otherSubsidies"
            type="checkbox"
            legend="Kruis aan wat voor uw school geldt"
            description="Een school die een van deze subsidies ontvangt, kan deze subsidie niet krijgen."
            options={subsidyOptions}
            checked={values.otherSubsidies}
            errors={errors}
          />
        </section>

        <div class="koers-actions">
          <SubmitButton intent="submit">Aanvraag indienen</SubmitButton>
          <SubmitButton secondary intent="save">
            Opslaan en later verder
          </SubmitButton>
        </div>
      </form>
    </Page>
  );
}

const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

export function ApplicationSubmittedPage({ schoolName, application }: { schoolName: string; application: ApplicationView }) {
  const decided = application.decision;
  return (
    <Page title="Aanvraag ingediend">
      <Heading1>Uw aanvraag is ingediend</Heading1>
      <Paragraph lead>
        De aanvraag van {schoolName} voor schooljaar {application.schoolYear} is binnen.{' '}
        {decided ? 'Het programmabureau heeft erover besloten.' : 'Het programmabureau beoordeelt haar en laat u het besluit per e-mail weten.'}
      </Paragraph>
      <DataList
        items={[
          ['Ingediend op', application.submittedAt ? formatMoment(application.submittedAt) : '–'],
          ['Aangevraagd bedrag', application.amountEuros === null ? '–' : euros.format(application.amountEuros)],
          ['Deelnemers', String(application.participants.length)],
          ['Leertrajecten', application.trajectories.map((t) => `${t.title} (${t.places} plaatsen)`).join(', ')],
          ...(decided
            ? ([
                ['Besluit', decided.decision === 'approved' ? 'Toegekend' : 'Afgewezen'],
                ['Toelichting', decided.reason],
              ] as [string, string][])
            : []),
        ]}
      />
    </Page>
  );
}
