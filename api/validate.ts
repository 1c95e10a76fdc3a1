import type { z } from 'zod';
import { AppError } from './errors';

/** Parses request input with its schema; a mismatch is a 400 that says, per field, what is wrong. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
  throw new AppError('invalid_input', issues.map((issue) => issue.message).join(' '), issues);
}
