/** The school names the expert team of its aspirant year: at least 2 people, the school leader among them. */
import { participantRoleLabel } from '../../domain/application';
import type { Participant } from '../../domain/application';
import { ErrorSummary, rowContext, SelectField, SubmitButton, TextField, type FieldErrors } from '../pages/form-fields';
import { Alert, Heading1, Heading2, Page, Paragraph } from '../pages/layout';

export const MAX_MEMBER_ROWS = 20;
const roleOptions = Object.entries(participantRoleLabel) as [string, string][];

export function ExpertTeamPage(props: {
  token: string;
  schoolName: string;
  schoolYear: string;
  members: { name: string; email: string; role: string }[];
  rows: number;
  focusLast?: boolean;
  errors?: FieldErrors;
  general?: string[];
}) {
  const { errors = {}, general = [] } = props;
  const rows = Math.max(props.rows, props.members.length);
  return (
    <Page title={Object.keys(errors).length || general.length ? 'Fout: expertteam doorgeven' : 'Expertteam doorgeven'}>
      <Heading1>Expertteam van {props.schoolName}</Heading1>
      <Paragraph lead>Geef de leden van het expertteam voor het aspirantjaar {props.schoolYear} door: minstens 2 mensen, onder wie de schoolleider.</Paragraph>
      <ErrorSummary errors={errors} general={general} contextOf={rowContext({ members: 'Lid' })} />
      <form method="post" action={`/s/${props.token}`} noValidate>
        <button type="submit" name="intent" value="add-member" class="koers-default-button" tabIndex={-1} aria-hidden="true">
          Nog een lid toevoegen
        </button>
        <input type="hidden" name="rows" value={String(rows)} />
        <section class="koers-section" aria-labelledby="leden-kop">
          <Heading2 id="leden-kop">Leden</Heading2>
          <div id="members" tabIndex={-1}>
            {errors.members && <p class="utrecht-form-field-error-message">{errors.members.join(' ')}</p>}
            {Array.from({ length: rows }, (_, i) => {
              const m = props.members[i] ?? { name: '', email: '', role: '' };
              return (
                <fieldset class="utrecht-form-fieldset koers-row" key={i}>
                  <legend class="utrecht-form-fieldset__legend">Lid {i + 1}</legend>
                  <TextField
                    id={`members-${i}-name`}
                    name={`members[${i}][name]`}
                    label="Naam"
                    value={m.name}
                    errors={errors}
                    autoFocus={props.focusLast && i === rows - 1}
                  />
                  <TextField id={`members-${i}-email`} name={`members[${i}][email]`} label="E-mailadres" type="email" value={m.email} errors={errors} />
                  <SelectField
                    id={`members-${i}-role`}
                    name={`members[${i}][role]`}
                    label="Rol"
                    value={m.role}
                    options={roleOptions}
                    placeholder="Kies een rol"
                    errors={errors}
                  />
                </fieldset>
              );
            })}
          </div>
          {rows < MAX_MEMBER_ROWS && (
            <SubmitButton secondary intent="add-member">
              Nog een lid toevoegen
            </SubmitButton>
          )}
        </section>
        <div class="koers-actions">
          <SubmitButton intent="submit">Expertteam doorgeven</SubmitButton>
        </div>
      </form>
    </Page>
  );
}

export function ExpertTeamRegisteredPage({ members }: { members: Participant[] }) {
  return (
    <Page title="Expertteam doorgegeven">
      <Heading1>Dank u wel</Heading1>
      <Alert type="ok">
        <p class="utrecht-paragraph">
          Uw expertteam van {members.length} mensen is doorgegeven. Het programmabureau neemt contact met u op over het aspirantjaar.
        </p>
      </Alert>
    </Page>
  );
}
