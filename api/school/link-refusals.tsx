/**
 * What a school sees when its link does not open its step: one page per reason, each with its
 * own status, none saying anything about a case beyond what the link itself already showed.
 */
import type { LinkRefusal } from '../../services/links/open-link';
import { AppError, type ErrorCode } from '../../services/errors';
import { Heading1, Page, Paragraph } from '../pages/layout';
import { SubmitButton } from '../pages/form-fields';

interface RefusalText {
  status: number;
  code: ErrorCode;
  title: string;
  explanation: string;
}

export const refusalTexts: Record<LinkRefusal['status'], RefusalText> = {
  unknown: {
    status: 404,
    code: 'link_unknown',
    title: 'Deze link kennen we niet',
    explanation:
      'Controleer of u de hele link uit de e-mail heeft gebruikt: soms breekt een e-mailprogramma een lange link af. Lukt het niet, neem dan contact op met het programmabureau.',
  },
  revoked: {
    status: 410,
    code: 'link_revoked',
    title: 'Deze link is ingetrokken',
    explanation: 'Deze link werkt niet meer, bijvoorbeeld omdat u een nieuwere e-mail over deze stap heeft gekregen. Gebruik de link uit de nieuwste e-mail.',
  },
  used: {
    status: 410,
    code: 'link_used',
    title: 'Deze link is al gebruikt',
    explanation: 'Met deze link is de stap al gezet; een link voor een eenmalige stap werkt één keer. U hoeft niets meer te doen.',
  },
  closed: {
    status: 410,
    code: 'case_closed',
    title: 'Hier kunt u niets meer doen',
    explanation: 'De deelname waar deze link bij hoort, is afgesloten. Heeft u vragen, neem dan contact op met het programmabureau.',
  },
  ended: {
    status: 410,
    code: 'step_ended',
    title: 'Deze stap is voorbij',
    explanation:
      'De stap waar deze link bij hoort, kan niet meer gezet worden; een nieuwe link verandert dat niet. Heeft u vragen, neem dan contact op met het programmabureau.',
  },
  expired: {
    status: 410,
    code: 'link_expired',
    title: 'Deze link is verlopen',
    explanation: 'Links in onze e-mails werken een beperkte tijd. U kunt hieronder een nieuwe link aanvragen.',
  },
};

/** A round that closed says so, and what happens next: the school hears when the next one opens. */
const roundClosed: RefusalText = {
  status: 410,
  code: 'step_ended',
  title: 'De subsidieronde is gesloten',
  explanation:
    'De aanvraagtermijn van de subsidieronde waar deze link bij hoort, is voorbij: indienen kan hierin niet meer. Had uw school al ingediend, dan hoort u van ons over het besluit. Anders doet uw school mee in de volgende ronde: zodra die opengaat, krijgt u een e-mail met een nieuwe link, en wat u al had ingevuld blijft bewaard.',
};

export function refusalText(refusal: LinkRefusal): RefusalText {
  return refusal.status === 'ended' && refusal.purpose === 'application' ? roundClosed : refusalTexts[refusal.status];
}

export function RefusalPage({ refusal, token }: { refusal: LinkRefusal; token: string }) {
  const text = refusalText(refusal);
  return (
    <Page title={text.title}>
      <Heading1>{text.title}</Heading1>
      <Paragraph lead>{text.explanation}</Paragraph>
      {refusal.status === 'expired' && (
        <form method="post" action={`/s/${token}/nieuwe-link`}>
          <Paragraph>We sturen de nieuwe link naar het e-mailadres dat bij ons bekend is voor uw school, niet naar een ander adres.</Paragraph>
          <div class="koers-actions">
            <SubmitButton intent="renew">Stuur een nieuwe link</SubmitButton>
          </div>
        </form>
      )}
    </Page>
  );
}

export function RenewalRequestedPage() {
  return (
    <Page title="Nieuwe link aangevraagd">
      <Heading1>Nieuwe link aangevraagd</Heading1>
      <Paragraph lead>
        Kan deze stap nog gezet worden, dan ontvangt het e-mailadres dat bij ons bekend is voor uw school binnen enkele minuten een nieuwe link.
      </Paragraph>
      <Paragraph>Geen e-mail ontvangen? Kijk ook in de map met ongewenste e-mail, of neem contact op met het programmabureau.</Paragraph>
    </Page>
  );
}

/** The page a valid link shows when its step cannot be taken now (the round closed, the moment passed). */
export function StepClosedPage({ title, explanation }: { title: string; explanation: string }) {
  return (
    <Page title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph lead>{explanation}</Paragraph>
    </Page>
  );
}

/** The same refusals for the JSON API, where a link token comes as `Authorization: Bearer …`. */
export function refusalError(refusal: LinkRefusal): AppError {
  const text = refusalText(refusal);
  return new AppError(text.code, `${text.title}. ${text.explanation}`);
}
