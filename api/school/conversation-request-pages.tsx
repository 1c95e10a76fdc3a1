/**
 * A school asks for the exploratory conversation itself: the public page /gesprek-aanvragen (works
 * without JavaScript) and its JSON twin POST /api/conversation-requests, validated by the one
 * schema in domain/conversation-request.ts and answered the same whatever happened to the request,
 * so neither tells whether a school is in the programme. Rate-limited per address (one count for
 * both ways in); a filled-in honeypot is answered as a success and stores nothing.
 */
import type { Client } from '@temporalio/client';
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import {
  CONTACT_WITHIN_WORKDAYS,
  ConversationRequest,
  ConversationRequestReceived,
  conversationRequestReceived,
  privacyNotice,
  sectorLabel,
  trackInterestLabel,
} from '../../domain/conversation-request';
import { Sector } from '../../domain/school';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import { AppError } from '../../services/errors';
import { takeConversationRequest } from '../../services/journeys/take-conversation-request';
import { errorResponse, jsonBody, jsonResponse } from '../openapi';
import { ChoiceGroup, ErrorSummary, SubmitButton, TextArea, TextField, errorsByField, type FieldErrors } from '../pages/form-fields';
import { text } from '../pages/form-text';
import { Alert, Heading1, Heading2, Page, Paragraph } from '../pages/layout';
import { pageHeaders } from '../pages/page-headers';
import { sendPage } from '../pages/render';
import type { RouteTable } from '../route';
import { validate } from '../../services/validate';

export const REQUEST_PAGE = '/gesprek-aanvragen';
const RECEIVED_PAGE = '/gesprek-aanvragen/ontvangen';

const TOO_MANY = 'Er zijn vanaf uw netwerk veel aanvragen verstuurd. Probeer het over een uur opnieuw, of mail het programmabureau.';

const publicFooter = 'Vragen? Neem contact op met het programmabureau Ontwikkelkracht.';

export interface ConversationRequestDependencies {
  db: Db;
  temporal: Client;
  taskQueue: string;
  log: Logger;
  retentionDays: number;
  /** Requests taken in per address per hour (default 10); refused input does not count. */
  requestsPerHour?: number | undefined;
}

type FormValues = Record<
  'brin' | 'schoolName' | 'sector' | 'region' | 'contactName' | 'contactEmail' | 'contactPhone' | 'trackInterest' | 'question',
  string
> & {
  hasAspirantYearBehind: boolean;
};

const emptyValues: FormValues = {
  brin: '',
  schoolName: '',
  sector: '',
  region: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  trackInterest: '',
  question: '',
  hasAspirantYearBehind: false,
};

/** What the browser posted, as the schema's input: an unchecked checkbox is absent, a checked one says "ja". */
function fromForm(body: Record<string, unknown>): FormValues & { website: string } {
  return {
    brin: text(body.brin),
    schoolName: text(body.schoolName),
    sector: text(body.sector),
    region: text(body.region),
    contactName: text(body.contactName),
    contactEmail: text(body.contactEmail).trim(),
    contactPhone: text(body.contactPhone),
    trackInterest: text(body.trackInterest),
    question: text(body.question),
    hasAspirantYearBehind: text(body.hasAspirantYearBehind) === 'ja',
    website: text(body.website),
  };
}

export function ConversationRequestPage({
  values = emptyValues,
  errors = {},
  general = [],
  retentionDays,
}: {
  values?: FormValues;
  errors?: FieldErrors;
  general?: string[];
  retentionDays: number;
}) {
  const refused = Object.keys(errors).length > 0 || general.length > 0;
  return (
    <Page title={refused ? 'Fout: vraag een verkennend gesprek aan' : 'Vraag een verkennend gesprek aan'} footer={publicFooter}>
      <Heading1>Vraag een verkennend gesprek aan</Heading1>
      <Paragraph lead>
        Wil uw school meedoen aan Ontwikkelkracht? Het begint met een verkennend gesprek met het programmabureau. Dat gesprek is een voorwaarde om subsidie aan
        te vragen. Het programmabureau neemt binnen {CONTACT_WITHIN_WORKDAYS} werkdagen contact met u op om het gesprek te plannen.
      </Paragraph>
      <ErrorSummary errors={errors} general={general} />
      <form method="post" action={REQUEST_PAGE} noValidate>
        <Heading2>De school</Heading2>
        <TextField
          id="brin"
          name="brin"
          label="BRIN-code"
          description="Twee cijfers en twee letters, bijvoorbeeld 12AB."
          value={values.brin}
          autoComplete="off"
          size="small"
          errors={errors}
          required
        />
        <TextField
          id="schoolName"
          name="schoolName"
          label="Naam van de school"
          value={values.schoolName}
          autoComplete="organization"
          errors={errors}
          required
        />
        <ChoiceGroup
          id="sector"
          name="sector"
          type="radio"
          legend="Sector"
          options={Sector.options.map((sector) => [sector, sectorLabel[sector]])}
          checked={[values.sector]}
          errors={errors}
        />
        <TextField
          id="region"
          name="region"
          label="Regio"
          description="De provincie of regio van de school, bijvoorbeeld Utrecht."
          value={values.region}
          autoComplete="address-level1"
          errors={errors}
          required
        />

        <Heading2>Contactpersoon</Heading2>
        <TextField id="contactName" name="contactName" label="Naam" value={values.contactName} autoComplete="name" errors={errors} required />
        <TextField
          id="contactEmail"
          name="contactEmail"
          label="E-mailadres"
          description="Hierheen sturen wij de bevestiging."
          type="email"
          value={values.contactEmail}
          autoComplete="email"
          inputMode="email"
          errors={errors}
          required
        />
        <TextField
          id="contactPhone"
          name="contactPhone"
          label="Telefoonnummer (niet verplicht)"
          type="tel"
          value={values.contactPhone}
          autoComplete="tel"
          inputMode="tel"
          errors={errors}
        />

        <Heading2>Uw vraag</Heading2>
        <ChoiceGroup
          id="trackInterest"
          name="trackInterest"
          type="radio"
          legend="In welk traject heeft de school belangstelling?"
          description="Het schoolontwikkeltraject is alleen voor het voortgezet onderwijs. Twijfelt u? Kies dan Weet ik nog niet: in het gesprek zoeken we samen uit wat past."
          options={Object.entries(trackInterestLabel)}
          checked={[values.trackInterest]}
          errors={errors}
        />
        <ChoiceGroup
          id="hasAspirantYearBehind"
          name="hasAspirantYearBehind"
          type="checkbox"
          legend="Aspirant-traject"
          description="Deed de school vorig schooljaar mee? Dan volstaat een evaluatiegesprek."
          options={[['ja', 'Wij deden vorig schooljaar het aspirant-traject']]}
          checked={values.hasAspirantYearBehind ? ['ja'] : []}
          errors={errors}
        />
        <TextArea
          id="question"
          name="question"
          label="Waarover wilt u het gesprek voeren?"
          description="Bijvoorbeeld de aanpak van uw school, uw verbetervraag of wat u van het programma wilt weten."
          value={values.question}
          rows={5}
          errors={errors}
          required
        />
        <div class="koers-honeypot" aria-hidden="true">
          <label for="website">Laat dit veld leeg</label>
          <input type="text" id="website" name="website" tabIndex={-1} autoComplete="off" value="" />
        </div>

        <section aria-labelledby="privacy-kop" class="koers-section">
          <Heading2 id="privacy-kop">Wat doen wij met uw gegevens?</Heading2>
          {privacyNotice(retentionDays).map((line) => (
            <Paragraph key={line}>{line}</Paragraph>
          ))}
        </section>
        <div class="koers-actions">
          <SubmitButton intent="request">Gesprek aanvragen</SubmitButton>
        </div>
      </form>
    </Page>
  );
}

export function ConversationRequestReceivedPage() {
  return (
    <Page title="Aanvraag ontvangen" footer={publicFooter}>
      <Heading1>Aanvraag ontvangen</Heading1>
      <Alert type="ok">
        <p class="utrecht-paragraph">{conversationRequestReceived.message}</p>
      </Alert>
      <Paragraph>
        Heeft u na {CONTACT_WITHIN_WORKDAYS} werkdagen nog niets gehoord, of is er iets veranderd? Neem dan contact op met het programmabureau.
      </Paragraph>
    </Page>
  );
}

function TooManyPage() {
  return (
    <Page title="Even geduld" footer={publicFooter}>
      <Heading1>Even geduld</Heading1>
      <Paragraph lead>{TOO_MANY}</Paragraph>
    </Page>
  );
}

export function conversationRequestRouter(deps: ConversationRequestDependencies, routes: RouteTable): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 });
  const apiPath = '/api/conversation-requests';
  // One count per address for the page and the JSON twin; only requests taken in count, so a typo
  // costs nothing. The address is the client's as TRUST_PROXY says (app's 'trust proxy').
  const refusals = new WeakMap<object, RequestHandler>();
  const limiter = rateLimit({
    windowMs: 3_600_000,
    limit: deps.requestsPerHour ?? 10,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipFailedRequests: true,
    handler: (req, res, next) => refusals.get(req)!(req, res, next),
  });
  const limit =
    (onLimit: RequestHandler): RequestHandler =>
    (req, res, next) => {
      refusals.set(req, onLimit);
      return limiter(req, res, next);
    };

  router.use(REQUEST_PAGE, pageHeaders);
  router.get(REQUEST_PAGE, (_req, res) => sendPage(res, 200, <ConversationRequestPage retentionDays={deps.retentionDays} />));
  router.get(RECEIVED_PAGE, (_req, res) => sendPage(res, 200, <ConversationRequestReceivedPage />));
  router.post(
    REQUEST_PAGE,
    limit((_req, res) => sendPage(res, 429, <TooManyPage />)),
    form,
    async (req, res) => {
      const posted = fromForm(req.body ?? {});
      const parsed = ConversationRequest.safeParse(posted);
      if (!parsed.success) {
        const { fields, general } = errorsByField(parsed.error.issues);
        const onlyRules = parsed.error.issues.every((issue) => issue.code === 'custom');
        return sendPage(
          res,
          onlyRules ? 422 : 400,
          <ConversationRequestPage values={posted} errors={fields} general={general} retentionDays={deps.retentionDays} />,
        );
      }
      await takeConversationRequest(deps, parsed.data);
      res.redirect(303, RECEIVED_PAGE);
    },
  );
  // Whoever asks sees a page, never JSON, also when something on our side fails.
  router.use(REQUEST_PAGE, ((error, req, res, _next) => {
    deps.log.error({ err: error, method: req.method, route: REQUEST_PAGE }, 'conversation request page failed');
    sendPage(
      res,
      503,
      <Page title="Er ging iets mis" footer={publicFooter}>
        <Heading1>Er ging iets mis aan onze kant</Heading1>
        <Paragraph lead>Uw aanvraag is niet verstuurd. Probeer het over een paar minuten opnieuw.</Paragraph>
      </Page>,
    );
  }) as ErrorRequestHandler);

  router.post(
    apiPath,
    limit((_req, _res, next) => next(new AppError('too_many_requests', TOO_MANY))),
  );
  routes.add(
    router,
    {
      method: 'post',
      path: apiPath,
      access: 'public',
      summary: 'A school asks for the exploratory conversation (the JSON twin of /gesprek-aanvragen); the answer never says whether the school is known',
      request: { body: jsonBody(ConversationRequest) },
      responses: {
        202: jsonResponse('Taken in (also a request for a school whose journey runs: it joins that journey)', ConversationRequestReceived),
        429: errorResponse('Too many requests from this address'),
      },
    },
    async (req, res) => {
      await takeConversationRequest(deps, validate(ConversationRequest, req.body));
      res.status(202).json(conversationRequestReceived);
    },
  );
  return router;
}
