/**
 * The office's account pages: colleagues (admins add one, change a role, disable an account or
 * give it a new password, after a confirmation step), and every member's own password change.
 * A generated password is on the page once, in the answer to the post that made it.
 */
import type { Session } from '../../services/staff/sessions';
import type { StaffAccount } from '../../services/staff/manage-staff';
import { MIN_PASSWORD_LENGTH } from '../../services/staff/manage-staff';
import { StaffRole } from '../../services/staff/staff-member';
import { ErrorSummary, SelectField, SubmitButton, TextField, type FieldErrors } from '../pages/form-fields';
import { Alert, Heading1, Heading2, Paragraph } from '../pages/layout';
import { Table } from '../pages/table';
import { CsrfField, OfficePage } from './office-page';
import { ActionForm, link, prefixed, type FailedAction } from './page-parts';

/** A role as a person reads it, at the start of a cell or label. */
export const roleName: Record<StaffRole, string> = { staff: 'Medewerker', admin: 'Beheerder' };
const roleOptions: [string, string][] = StaffRole.options.map((role) => [role, roleName[role]]);

export type ConfirmKind = 'uitschakelen' | 'nieuw-wachtwoord';

function GeneratedPassword({ account, password, first }: { account: StaffAccount; password: string; first: boolean }) {
  return (
    <Alert type="ok" title={first ? `Account voor ${account.name} toegevoegd` : `Nieuw wachtwoord voor ${account.name}`}>
      <Paragraph>
        {first ? 'Het eerste wachtwoord' : 'Het nieuwe wachtwoord'} is: <code>{password}</code>
      </Paragraph>
      <Paragraph>
        Dit wachtwoord staat alleen nu op deze pagina. Geef het veilig door aan {account.name} ({account.email}); daarna kiest die zelf een eigen wachtwoord via
        “Wachtwoord wijzigen”.
      </Paragraph>
    </Alert>
  );
}

const doneMessage: Record<string, string> = {
  rol: 'De rol is gewijzigd.',
  uitschakelen: 'Het account is uitgeschakeld. Wie ermee ingelogd was, is uitgelogd.',
};

export function StaffListPage({
  session,
  accounts,
  failed,
  added,
  done,
}: {
  session: Session;
  accounts: StaffAccount[];
  failed?: FailedAction | undefined;
  added?: { account: StaffAccount; password: string } | undefined;
  done?: string | undefined;
}) {
  const adding = failed?.action === 'toevoegen' ? failed : undefined;
  const roleFailure = failed?.action === 'rol' ? failed : undefined;
  return (
    <OfficePage title="Medewerkers" session={session} current="medewerkers">
      <Heading1>Medewerkers van het programmabureau</Heading1>
      {added && <GeneratedPassword account={added.account} password={added.password} first />}
      {done && doneMessage[done] && <Alert type="ok">{doneMessage[done]}</Alert>}
      {roleFailure && <ErrorSummary errors={roleFailure.fields} general={roleFailure.general} />}
      <section aria-labelledby="medewerkers-kop" class="koers-section">
        <Heading2 id="medewerkers-kop">Accounts</Heading2>
        <Table
          labelledBy="medewerkers-kop"
          columns={[{ label: 'Naam' }, { label: 'E-mailadres' }, { label: 'Status' }, { label: 'Rol' }, { label: 'Account' }]}
          rows={accounts.map((account) => ({
            key: account.id,
            cells: [
              account.id === session.staff.id ? `${account.name} (uzelf)` : account.name,
              account.email,
              account.disabled ? 'Uitgeschakeld' : 'Actief',
              account.disabled ? (
                roleName[account.role]
              ) : (
                <form method="post" action={`/kantoor/medewerkers/${account.id}/acties/rol`} noValidate>
                  <CsrfField session={session} />
                  <SelectField
                    id={`rol-${account.id}`}
                    name="role"
                    label={`Rol van ${account.name}`}
                    value={roleFailure?.values.staffId === account.id ? (roleFailure.values.role ?? account.role) : account.role}
                    placeholder="Kies een rol"
                    options={roleOptions}
                    errors={roleFailure?.fields}
                  />
                  <input type="hidden" name="staffId" value={account.id} />
                  <SubmitButton intent={`rol-${account.id}`} secondary>
                    Rol opslaan
                  </SubmitButton>
                </form>
              ),
              account.disabled ? (
                '—'
              ) : (
                <ul class="utrecht-unordered-list">
                  <li>{link(`/kantoor/medewerkers/${account.id}/uitschakelen`, `Account van ${account.name} uitschakelen`)}</li>
                  {account.id !== session.staff.id && (
                    <li>{link(`/kantoor/medewerkers/${account.id}/nieuw-wachtwoord`, `Nieuw wachtwoord voor ${account.name}`)}</li>
                  )}
                </ul>
              ),
            ],
          }))}
        />
      </section>
      <section aria-labelledby="toevoegen-kop" class="koers-section">
        <ActionForm session={session} base="/kantoor/medewerkers" action="toevoegen" title="Collega toevoegen" failed={adding} submit="Account toevoegen">
          <Paragraph>Koers maakt een eerste wachtwoord en toont het één keer, hier op de pagina.</Paragraph>
          <TextField id="toevoegen-name" name="name" label="Naam" value={adding?.values.name ?? ''} errors={prefixed('toevoegen', adding)} autoComplete="off" />
          <TextField
            id="toevoegen-email"
            name="email"
            label="E-mailadres"
            type="email"
            value={adding?.values.email ?? ''}
            errors={prefixed('toevoegen', adding)}
            autoComplete="off"
          />
          <SelectField
            id="toevoegen-role"
            name="role"
            label="Rol"
            description="Een beheerder beheert ook de rondes en de accounts van collega's."
            value={adding?.values.role ?? 'staff'}
            placeholder="Kies een rol"
            options={roleOptions}
            errors={prefixed('toevoegen', adding)}
          />
        </ActionForm>
      </section>
    </OfficePage>
  );
}

const confirmText: Record<ConfirmKind, { title: (name: string) => string; body: string; submit: string }> = {
  uitschakelen: {
    title: (name) => `Account van ${name} uitschakelen?`,
    body: 'Wie met dit account is ingelogd, wordt meteen uitgelogd, en met dit account kan niemand meer inloggen. Dossiers en wat deze collega vastlegde, blijven bewaard.',
    submit: 'Ja, uitschakelen',
  },
  'nieuw-wachtwoord': {
    title: (name) => `Nieuw wachtwoord voor ${name}?`,
    body: 'Koers maakt een nieuw wachtwoord en toont het één keer. Het oude wachtwoord werkt dan niet meer, en wie met dit account is ingelogd, wordt uitgelogd.',
    submit: 'Ja, maak een nieuw wachtwoord',
  },
};

export function ConfirmStaffChangePage({
  session,
  account,
  kind,
  refused,
}: {
  session: Session;
  account: StaffAccount;
  kind: ConfirmKind;
  refused?: string | undefined;
}) {
  const { title, body, submit } = confirmText[kind];
  return (
    <OfficePage title={title(account.name)} session={session} current="medewerkers">
      <Heading1>{title(account.name)}</Heading1>
      {refused && <ErrorSummary errors={{}} general={[refused]} />}
      <Paragraph>{body}</Paragraph>
      <form method="post" action={`/kantoor/medewerkers/${account.id}/acties/${kind}`} noValidate>
        <CsrfField session={session} />
        <input type="hidden" name="bevestigd" value="ja" />
        <div class="koers-actions">
          <SubmitButton intent={kind}>{submit}</SubmitButton>
          {link('/kantoor/medewerkers', 'Nee, terug naar de medewerkers')}
        </div>
      </form>
    </OfficePage>
  );
}

export function PasswordResetPage({ session, account, password }: { session: Session; account: StaffAccount; password: string }) {
  return (
    <OfficePage title={`Nieuw wachtwoord voor ${account.name}`} session={session} current="medewerkers">
      <Heading1>Nieuw wachtwoord voor {account.name}</Heading1>
      <GeneratedPassword account={account} password={password} first={false} />
      <Paragraph>{link('/kantoor/medewerkers', 'Terug naar de medewerkers')}</Paragraph>
    </OfficePage>
  );
}

export function OwnPasswordPage({ session, failed, done }: { session: Session; failed?: FailedAction | undefined; done?: boolean }) {
  const errors: FieldErrors = prefixed('wijzigen', failed);
  return (
    <OfficePage title="Wachtwoord wijzigen" session={session} current="wachtwoord">
      <Heading1>Wachtwoord wijzigen</Heading1>
      {done && <Alert type="ok">Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd.</Alert>}
      <ActionForm session={session} base="/kantoor/wachtwoord" action="wijzigen" title="Nieuw wachtwoord kiezen" failed={failed} submit="Wachtwoord wijzigen">
        <TextField
          id="wijzigen-currentPassword"
          name="currentPassword"
          label="Huidig wachtwoord"
          type="password"
          value=""
          errors={errors}
          autoComplete="current-password"
        />
        <TextField
          id="wijzigen-newPassword"
          name="newPassword"
          label="Nieuw wachtwoord"
          description={`Minstens ${MIN_PASSWORD_LENGTH} tekens. Een zin van een paar woorden is sterk en goed te onthouden.`}
          type="password"
          value=""
          errors={errors}
          autoComplete="new-password"
        />
        <TextField
          id="wijzigen-repeatPassword"
          name="repeatPassword"
          label="Nieuw wachtwoord (nog een keer)"
          type="password"
          value=""
          errors={errors}
          autoComplete="new-password"
        />
      </ActionForm>
    </OfficePage>
  );
}
