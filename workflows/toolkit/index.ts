/**
 * The workflow toolkit every workflow is written with: validated Updates and refusals.
 */
export { parse, refuse, refuseField, validatedUpdate, type UpdateRules } from './updates';
