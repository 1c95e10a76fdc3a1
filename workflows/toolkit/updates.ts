/**
 * Validated Updates, as every workflow takes them: a refusal carries a type the API maps to an
 * answer and a reason a person can act on (per field where it is about one). An Update is validated
 * in its validator and again in its handler: a server may deliver an Update without running its
 * validator, and replay never runs it, so a refusal fails the Update, never the workflow task.
 */
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from '../../domain/zod';
import { RefusalType } from '../contracts/refusals';

/** Refuses what was asked, with a type the API maps to its answer and a message for a person. */
export function refuse(type: string, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
}

/** Refuses one field's value with a message for that field. */
export function refuseField(field: string, message: string, type: string = RefusalType.invalidInput): never {
  refuse(type, message, { issues: [{ path: [field], message }] });
}

/** The input as `schema` reads it, or a refusal naming every field that is wrong. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
    refuse(RefusalType.invalidInput, issues.map((i) => i.message).join(' '), { issues });
  }
  return result.data;
}

export interface UpdateRules<T> {
  /** Checked first, before the input is read: whether the workflow takes this Update now. */
  allowed?: () => void;
  /** Checked last, on the input as the schema read it. */
  check?: (input: T) => void;
}

/**
 * Registers an Update whose validator checks `allowed`, then the input's schema, then `check`; the
 * handler checks it all again before `handle` runs. The handler hands back what `handle` returns,
 * as it is (no extra promise around it), so an answer comes when it always came.
 */
export function validatedUpdate<T, R>(
  definition: UpdateDefinition<R, [T]>,
  schema: z.ZodType<T>,
  rules: UpdateRules<T>,
  handle: (input: T) => Promise<R> | R,
): void {
  const validate = (raw: T): T => {
    rules.allowed?.();
    const valid = parse(schema, raw);
    rules.check?.(valid);
    return valid;
  };
  setHandler(definition, (raw: T) => handle(validate(raw)), { validator: (raw: T) => void validate(raw) });
}
