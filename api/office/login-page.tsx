/** Signing in to the office: e-mail address and password. */
import { ErrorSummary, SubmitButton, TextField } from '../pages/form-fields';
import { Heading1, Page, Paragraph } from '../pages/layout';

export function LoginPage({ returnTo, email = '', error }: { returnTo: string; email?: string; error?: string }) {
  return (
    <Page title={error ? 'Inloggen mislukt' : 'Inloggen'} footer="Koers, het dossiersysteem van het programmabureau Ontwikkelkracht.">
      <Heading1>Inloggen voor het programmabureau</Heading1>
      <Paragraph>Scholen hebben geen account: zij werken via de links in hun e-mail.</Paragraph>
      {error && <ErrorSummary errors={{}} general={[error]} />}
      <form method="post" action="/kantoor/inloggen" noValidate>
        <input type="hidden" name="terug" value={returnTo} />
        <TextField id="email" name="email" label="E-mailadres" type="email" value={email} autoComplete="username" />
        <PasswordField />
        <div class="koers-actions">
          <SubmitButton intent="login">Inloggen</SubmitButton>
        </div>
      </form>
    </Page>
  );
}

function PasswordField() {
  return (
    <div class="utrecht-form-field utrecht-form-field--text">
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for="password">
          Wachtwoord
        </label>
      </div>
      <div class="utrecht-form-field__input">
        <input class="utrecht-textbox utrecht-textbox--html-input" id="password" name="password" type="password" autoComplete="current-password" />
      </div>
    </div>
  );
}
