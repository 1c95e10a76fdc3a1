/**
 * The OpenAPI document, generated from the same zod schemas that validate requests. Each router
 * registers its paths here next to the code that serves them.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from '../domain/zod';
import type { DocumentedRoute } from './route';

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'not_eligible' }),
      message: z.string().openapi({ description: 'Dutch, for the school or the office' }),
      issues: z.array(z.object({ path: z.array(z.string()), message: z.string(), code: z.string().optional() })),
    }),
  })
  .openapi('ErrorResponse');

export function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: ErrorResponse } } };
}

export function jsonResponse(description: string, schema: z.ZodType) {
  return { description, content: { 'application/json': { schema } } };
}

export function jsonBody(schema: z.ZodType) {
  return { required: true, content: { 'application/json': { schema } } };
}

/** How callers prove who they are: the office by session cookie, a school by its link's token. */
export function registerSecuritySchemes(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'officeSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'koers_session',
    description: 'Set by POST /api/session. Scopes name the role a route needs beyond staff (admin).',
  });
  registry.registerComponent('securitySchemes', 'schoolLink', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token of the link e-mailed to the school for this step (the last part of https://…/s/<token>)',
  });
}

type JsonSchema = Record<string, any>;

/** No text column can hold a NUL character, so the API refuses it in every string (validate.ts). */
const NO_NUL = '^[^\\u0000]*$';

/** What String.prototype.trim removes: zod's .trim() before its length checks. */
const TRIMMED = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/** A string zod trims before counting: at least `min` characters between what trim removes. */
const trimmedAtLeast = (min: number) => {
  const [edge, any] = [`[^${TRIMMED}\\u0000]`, '[^\\u0000]']; // and no NUL, as everywhere
  return min <= 1 ? `^[${TRIMMED}]*${edge}${any}*$` : `^[${TRIMMED}]*${edge}${any}{${min - 2},}${edge}[${TRIMMED}]*$`;
};

interface ZodDef {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDef } }>;
  innerType?: { _zod: { def: ZodDef } };
  in?: { _zod: { def: ZodDef } };
  element?: { _zod: { def: ZodDef } };
  format?: string;
  pattern?: RegExp;
  checks?: { _zod: { def: { check: string; minimum?: number } } }[];
}

/**
 * What zod checks that the generated document does not say, said as JSON Schema: a trimmed string's
 * least length, and zod's own (stricter) e-mail grammar. `json` is the generated schema of `def`.
 */
function alignWithZod(def: ZodDef, json: JsonSchema | undefined, resolve: (schema: JsonSchema) => JsonSchema): void {
  if (!json) return;
  const target = resolve(json);
  if (['optional', 'default', 'nullable', 'prefault', 'readonly'].includes(def.type) && def.innerType)
    return alignWithZod(def.innerType._zod.def, json, resolve);
  if (def.type === 'pipe' && def.in) return alignWithZod(def.in._zod.def, json, resolve);
  const branches: JsonSchema[] = target.anyOf ?? [target];
  if (def.type === 'object' && def.shape) {
    for (const branch of branches) {
      const resolved = resolve(branch);
      for (const [key, field] of Object.entries(def.shape)) alignWithZod(field._zod.def, resolved.properties?.[key], resolve);
    }
  } else if (def.type === 'array' && def.element) {
    for (const branch of branches) alignWithZod(def.element._zod.def, resolve(branch).items, resolve);
  } else if (def.type === 'string') {
    const string = branches.map(resolve).find((branch) => branch.type === 'string');
    if (!string || string.pattern) return;
    if (def.format === 'email' && def.pattern) {
      // zod's grammar, not RFC 5321's (which a validator of `format: email` may hold to, e.g. at most 64 characters before the @).
      string.pattern = def.pattern.source;
      delete string.format;
    }
    const checks = (def.checks ?? []).map((check) => check._zod.def);
    const min = checks.find((check) => check.check === 'min_length')?.minimum;
    if (checks.some((check) => check.check === 'overwrite') && min && !def.format) string.pattern = trimmedAtLeast(min);
  }
}

/**
 * Request schemas as strict as the API is: an object takes only the fields it names (the API
 * refuses others, route.ts), a free string no NUL. Components a request uses are tightened where
 * they are defined; a response that shares one holds only such values anyway.
 */
function tightenRequestSchemas(document: JsonSchema, routes: DocumentedRoute[]): void {
  const components: Record<string, JsonSchema> = document.components?.schemas ?? {};
  const seen = new Set<JsonSchema>();
  const resolve = (schema: JsonSchema): JsonSchema => (typeof schema.$ref === 'string' ? (components[schema.$ref.split('/').pop()!] ?? schema) : schema);
  const visit = (schema: unknown): void => {
    if (!schema || typeof schema !== 'object') return;
    const target = resolve(schema as JsonSchema);
    if (seen.has(target)) return;
    seen.add(target);
    const types: unknown[] = Array.isArray(target.type) ? target.type : [target.type];
    if (types.includes('string') && !target.pattern && !target.format && !target.enum && target.const === undefined) target.pattern = NO_NUL;
    if (target.properties && target.additionalProperties === undefined && !target.allOf) target.additionalProperties = false;
    for (const nested of Object.values(target.properties ?? {})) visit(nested);
    for (const key of ['items', 'additionalProperties', 'not']) visit(target[key]);
    for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) for (const nested of target[key] ?? []) visit(nested);
  };
  for (const [path, operations] of Object.entries<JsonSchema>(document.paths ?? {})) {
    for (const [method, operation] of Object.entries<JsonSchema>(operations)) {
      const body = operation.requestBody?.content?.['application/json']?.schema;
      const route = routes.find((candidate) => candidate.path === path && candidate.method === method);
      if (body && route?.body) alignWithZod(route.body._zod.def as unknown as ZodDef, body, resolve);
      visit(body);
      // Added after the visit: any value is taken, as it is ignored.
      if (body && route?.actorField) {
        const target = resolve(body);
        target.properties = { ...target.properties, [route.actorField]: { description: 'Ignored: the signed-in member of the office is who acted' } };
      }
      for (const parameter of operation.parameters ?? []) visit(parameter.schema);
    }
  }
}

export function openApiDocument(registry: OpenAPIRegistry, routes: DocumentedRoute[] = []) {
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Koers API',
      version: '0.1.0',
      description: 'Case management for Ontwikkelkracht school journeys. Messages for people are in Dutch.',
    },
  });
  tightenRequestSchemas(document as JsonSchema, routes);
  return document;
}

export { OpenAPIRegistry };
