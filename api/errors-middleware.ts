/**
 * Where every failure becomes one HTTP answer: a workflow's refusal, a missing workflow or an
 * AppError gets its status and Dutch message; anything else is logged and answered as a 500.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../platform/logger';
import { RefusalType } from '../workflows/contracts/refusals';
import { AppError, type ErrorCode, type Issue } from '../services/errors';

const refusalCodes: Record<string, ErrorCode> = {
  [RefusalType.invalidInput]: 'invalid_input',
  [RefusalType.notNow]: 'not_allowed_now',
  [RefusalType.notEligible]: 'not_eligible',
  // Still handing over to its next run after the API's retries: try again shortly.
  [RefusalType.handingOver]: 'unavailable',
};

/** The SDK's rejection of an Update the workflow has no handler for: an action another track does not have. */
const UNHANDLED_UPDATE = /^No registered handler for update: /;
export const ACTION_NOT_IN_TRACK = 'Deze actie hoort niet bij het traject van deze school.';

/** What a missing workflow is, by the prefix of its id: the thing the office or school asked for. */
const missingWorkflow: [prefix: string, code: ErrorCode, message: string][] = [
  ['round-', 'round_not_found', 'Deze subsidieronde bestaat niet (meer).'],
  ['cohort-', 'cohort_not_found', 'Dit cohort bestaat niet.'],
  ['hub-', 'not_found', 'Deze hub bestaat niet.'],
];

/** Turns whatever was thrown into the one error shape the API answers with. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const code = refusalCodes[error.cause.type ?? ''];
    const details = error.cause.details?.[0] as { issues?: Issue[] } | undefined;
    // An Update's validator sees input the API already checked against the same schema: what it refuses, a rule refuses.
    if (code) return new AppError(code, error.cause.message, details?.issues ?? [], code === 'invalid_input');
    if (UNHANDLED_UPDATE.test(error.cause.message)) return new AppError('not_allowed_now', ACTION_NOT_IN_TRACK);
  }
  if (error instanceof WorkflowNotFoundError) {
    const [, code, message] = missingWorkflow.find(([prefix]) => error.workflowId?.startsWith(prefix)) ?? [, 'journey_not_found', 'Deze reis bestaat niet.'];
    return new AppError(code, message);
  }
  // Errors of express.json(), with their HTTP status and a type.
  const bodyError = error as { type?: string; status?: number };
  if (bodyError.type === 'entity.too.large') return new AppError('payload_too_large', 'Het verzoek is te groot.');
  if (bodyError.type === 'entity.parse.failed') return new AppError('invalid_input', 'Het verzoek is geen geldige JSON.');
  if (bodyError.status && bodyError.status >= 400 && bodyError.status < 500) return new AppError('invalid_input', 'Het verzoek kan niet worden gelezen.');
  return undefined;
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = toAppError(error);
    if (known) {
      res.status(known.status).json({ error: { code: known.code, message: known.message, issues: known.issues } });
      return;
    }
    log.error({ err: error, method: req.method, path: req.route?.path ?? req.path }, 'request failed');
    res.status(500).json({ error: { code: 'internal', message: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.', issues: [] } });
  };
}

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: 'Deze pagina bestaat niet.', issues: [] } });
};

/** POST bodies, when there is one, must be JSON: anything else is refused before it is read. */
export const requireJson: RequestHandler = (req, _res, next) => {
  // A POST that sends nothing (no body, or Content-Length: 0) needs no type.
  const sendsNothing = req.is('application/json') === null || req.headers['content-length'] === '0';
  if (req.method === 'POST' && !sendsNothing && !req.is('application/json')) {
    next(new AppError('unsupported_media_type', 'Stuur de gegevens als JSON (Content-Type: application/json).'));
    return;
  }
  next();
};
