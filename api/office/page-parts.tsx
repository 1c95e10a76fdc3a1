/**
 * What the office's pages share: links and dates as they show them, the
 * not-found page, action forms with their errors, and how a page router reads its session, its
 * posted forms and its failures.
 */
import type { ComponentChildren } from 'preact';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { formatDay as formatCalendarDay } from '../../mail/format';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import type { Session } from '../../services/staff/sessions';
import { ErrorSummary, SubmitButton, type FieldErrors } from '../pages/form-fields';
import { text } from '../pages/form-text';
import { Heading1, Page, Paragraph } from '../pages/layout';
import { sendPage } from '../pages/render';
import { loadSession } from './authenticate';
import { CsrfField } from './office-page';

/** An action the office tried that the workflow or the schema refused: shown at its form. */
export interface FailedAction {
  action: string;
  fields: FieldErrors;
  general: string[];
  values: Record<string, string>;
}

export const link = (href: string, label: string) => (
  <a class="utrecht-link utrecht-link--html-a" href={href}>
    {label}
  </a>
);

/** "12 september 2026" for 2026-09-12: a date in the office's tables. */
export const formatDay = (day: string) => formatCalendarDay(day, { weekday: false });

export function NotFoundPage({ what }: { what: string }) {
  return (
    <Page title="Niet gevonden">
      <Heading1>Niet gevonden</Heading1>
      <Paragraph>{what}</Paragraph>
    </Page>
  );
}

/** Errors of a failed form, keyed by the ids its fields have on this page (`${action}-${field}`). */
export function prefixed(action: string, failed: FailedAction | undefined): FieldErrors {
  if (!failed) return {};
  return Object.fromEntries(Object.entries(failed.fields).map(([id, messages]) => [`${action}-${id}`, messages]));
}

/** One action's form, posted to `${base}/acties/${action}`; after a refusal, its errors at the top. */
export function ActionForm(props: {
  session: Session;
  base: string;
  action: string;
  title: string;
  failed?: FailedAction | undefined;
  submit: string;
  secondary?: boolean;
  children?: ComponentChildren;
}) {
  const headingId = `${props.action}-kop`;
  return (
    <form method="post" action={`${props.base}/acties/${props.action}`} class="koers-row" aria-labelledby={headingId} noValidate>
      <h3 class="utrecht-heading-3" id={headingId}>
        {props.title}
      </h3>
      {props.failed && <ErrorSummary errors={prefixed(props.action, props.failed)} general={props.failed.general} />}
      <CsrfField session={props.session} />
      {props.children}
      <div class="koers-actions">
        <SubmitButton intent={props.action} secondary={props.secondary}>
          {props.submit}
        </SubmitButton>
      </div>
    </form>
  );
}

/** A whole number as typed, else the text itself: the schema then says what is wrong with it. */
export const whole = (value: string) => (/^\s*\d{1,6}\s*$/.test(value) ? Number(value) : value);

/** A posted office form. */
export const officeForm = express.urlencoded({ extended: false, limit: '128kb', parameterLimit: 100 });

/** The other office pages load the session for /kantoor already; a page router does not depend on that. */
export function ensureSession(db: Db): RequestHandler {
  const load = loadSession(db);
  return (req, res, next) => (res.locals.session === undefined ? load(req, res, next) : next());
}

/** A posted form's text fields, without its CSRF token: what a refused form is shown again with. */
export function formValues(body: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).flatMap(([key, value]) =>
      key !== '_csrf' && typeof value === 'string' ? [[key, text(value)]] : [],
    ),
  );
}

/** What a page router answers when a handler fails: its not-found page when `notFound` names what is missing, else a 503 on record. */
export function officePageErrors(log: Logger, scope: string, notFound: (error: unknown) => string | undefined): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const missing = notFound(error);
    if (missing) return sendPage(res, 404, <NotFoundPage what={missing} />);
    log.error({ err: error, method: req.method, route: req.route?.path ?? scope }, 'office page failed');
    sendPage(res, 503, <NotFoundPage what="Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw." />);
  };
}
