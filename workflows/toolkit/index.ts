/**
 * The workflow toolkit every workflow is written with: validated Updates and refusals, the ordered
 * step recorder, the activity retry policy, telling other workflows and the clock.
 */
export { now } from './clock';
export { orderedSteps } from './ordered-steps';
export { shortLocalActivity, retry } from './retry';
export { tell } from './tell';
export { parse, refuse, refuseField, validatedUpdate, type UpdateRules } from './updates';
