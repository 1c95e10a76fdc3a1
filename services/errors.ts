/**
 * The one error type of the services: a code the API answers with one HTTP status (this table),
 * a Dutch message for the school or the office, and `issues` that point at the fields concerned.
 */
export const errorStatus = {
  invalid_input: 400,
  /** Input of the right shape that a rule across its fields refuses (closing before opening): what no schema can say. */
  rule_violated: 422,
  not_found: 404,
  school_not_found: 404,
  journey_not_found: 404,
  journey_exists: 409,
  school_exists: 409,
  round_not_found: 404,
  round_exists: 409,
  round_overlaps: 409,
  round_not_changeable: 409,
  round_invalid: 422,
  cohort_not_found: 404,
  cohort_exists: 409,
  not_allowed_now: 409,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  too_many_requests: 429,
  staff_exists: 409,
  link_required: 401,
  link_unknown: 401,
  link_wrong_case: 403,
  link_wrong_purpose: 403,
  link_revoked: 410,
  link_used: 410,
  link_expired: 410,
  step_ended: 410,
  case_closed: 410,
  not_eligible: 422,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof errorStatus;

export interface Issue {
  path: string[];
  message: string;
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: Issue[] = [],
    /** Set by validate() when only rules across fields (refinements) refused the input, not its shape. */
    readonly onlyRules = false,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** A refusal's issues, or its message as a form-wide one when it names no field: what a form shows. */
export function issuesOf(error: AppError): Issue[] {
  return error.issues.length ? error.issues : [{ path: [], message: error.message }];
}
