/**
 * Why a workflow's Update validator refused an action: the failure type it throws, which the API
 * maps to an HTTP status (services and api read these; workflows throw them).
 */
/** Failure types of the Update validators; the API maps each to an HTTP status. */
export const RefusalType = {
  invalidInput: 'InvalidInput',
  notNow: 'ActionNotAllowedNow',
  notEligible: 'NotEligible',
  /** The run is handing over to the next (continueAsNew): the same action, sent again, reaches the new run. */
  handingOver: 'JourneyHandingOver',
} as const;
