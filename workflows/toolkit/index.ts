/**
 * The workflow toolkit every workflow is written with: validated Updates and refusals, the ordered
 * step recorder and the clock.
 */
export { now } from './clock';
export { orderedSteps } from './ordered-steps';
export { parse, refuse, refuseField, validatedUpdate, type UpdateRules } from './updates';
