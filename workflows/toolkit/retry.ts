/**
 * How workflows retry their activities: a database or mail outage must delay a workflow, never
 * lose what it does, so an activity is retried for as long as it takes, backing off to five minutes.
 */
export const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' } as const;

/**
 * A short database read or write as a local activity (run by the worker within the workflow task,
 * no round trip through the server): each attempt up to 30 s, retried without end as above (no
 * schedule-to-close limit). One that outlasts the workflow task timeout keeps the task alive (the
 * SDK heartbeats it); past a minute of retries the waits between them are workflow timers. A
 * worker that dies mid-way leaves no result in the history, so the next one runs it again: it must
 * be safe to run twice.
 */
export const shortLocalActivity = { startToCloseTimeout: '30 seconds', retry, localRetryThreshold: '1 minute' } as const;
