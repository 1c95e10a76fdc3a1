/**
 * How workflows retry their activities: a database or mail outage must delay a workflow, never
 * lose what it does, so an activity is retried for as long as it takes, backing off to five minutes.
 */
export const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' } as const;
