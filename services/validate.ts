/** The one way request input is read: checked against its zod schema, refused in Dutch per field. */
import type { z } from 'zod';
import { AppError } from './errors';

/** Whether a NUL character hides anywhere in the input: no text column can hold one. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([key, v]) => key.includes('\u0000') || holdsNul(v));
  return false;
}

/** Parses request input with its schema; a mismatch is a 400 that says, per field, what is wrong. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  // Refused here, at the edge: accepted, it would reach a workflow whose step PostgreSQL cannot store.
  if (holdsNul(input)) throw new AppError('invalid_input', 'Het verzoek bevat een ongeldig teken (NUL).');
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
  const onlyRules = result.error.issues.every((issue) => issue.code === 'custom');
  throw new AppError('invalid_input', issues.map((issue) => issue.message).join(' '), issues, onlyRules);
}
