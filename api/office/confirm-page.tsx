/**
 * The "Weet u het zeker?" step every change to a round passes: what will happen, in words, and a
 * form that posts the first step's values again, confirmed. Works without JavaScript.
 */
import type { ComponentChildren } from 'preact';
import type { Session } from '../../services/staff/sessions';
import { SubmitButton } from '../pages/form-fields';
import { DataList, Heading1, Paragraph } from '../pages/layout';
import { CsrfField, OfficePage } from './office-page';
import { link } from './page-parts';

/**
 * The second step of every change: what will happen, in words, and a form that repeats the first
 * step's values (hidden) with `bevestigd=ja`. Works without JavaScript; "Nee" goes back unchanged.
 */
export function ConfirmPage({
  session,
  title,
  facts,
  postTo,
  values,
  submit,
  back,
  children,
}: {
  session: Session;
  title: string;
  facts: [string, ComponentChildren][];
  postTo: string;
  values: Record<string, string>;
  submit: string;
  back: string;
  children?: ComponentChildren;
}) {
  return (
    <OfficePage title="Weet u het zeker?" session={session} current="rondes">
      <Heading1>Weet u het zeker?</Heading1>
      <Paragraph lead>{title}</Paragraph>
      {facts.length > 0 && <DataList items={facts} />}
      {children}
      <form method="post" action={postTo} class="koers-row">
        <CsrfField session={session} />
        {Object.entries(values).map(([name, value]) => (
          <input type="hidden" name={name} value={value} key={name} />
        ))}
        <input type="hidden" name="bevestigd" value="ja" />
        <div class="koers-actions">
          <SubmitButton intent="bevestigen">{submit}</SubmitButton>
          {link(back, 'Nee, terug')}
        </div>
      </form>
    </OfficePage>
  );
}
