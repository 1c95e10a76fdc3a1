/**
 * The OpenAPI document, generated from the same zod schemas that validate requests. Each router
 * registers its paths here next to the code that serves them.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from '../domain/zod';

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

export function openApiDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Koers API',
      version: '0.1.0',
      description: 'Case management for Ontwikkelkracht school journeys. Messages for people are in Dutch.',
    },
  });
}

export { OpenAPIRegistry };
