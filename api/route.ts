/**
 * One call per API route: it is documented in the OpenAPI document and served by Express with the
 * access it declares, so no route can be served without saying who may call it.
 *   public   anyone (health, the document, signing in)
 *   school   a school's link token as Bearer (the route checks the link's journey and step)
 *   staff    a signed-in member of the programme office
 *   admin    a signed-in admin of the programme office
 * The statuses a route can answer follow from what it declares (its access, its input, its path
 * parameters), so the document names every one; a body with a field the schema does not have is
 * refused; a method the path does not have is a 405 that says which it does.
 */
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { RequestHandler, Router } from 'express';
import type { z } from 'zod';
import type { StaffRole } from '../services/staff/staff-member';
import { AppError, type Issue } from '../services/errors';
import { officeSecurity, requireOffice } from './office/authenticate';
import { errorResponse, type OpenAPIRegistry } from './openapi';
import { toAppError } from './errors-middleware';

export type Access = 'public' | 'school' | StaffRole;

export interface RouteSpec extends Omit<RouteConfig, 'method' | 'security'> {
  method: 'get' | 'post' | 'delete';
  access: Access;
  /** An office action's field that names who acted: a request may send it, and it is ignored (the session says who). */
  actorField?: string;
}

export interface DocumentedRoute {
  method: RouteSpec['method'];
  /** OpenAPI style: /api/rounds/{roundId} */
  path: string;
  access: Access;
  /** The body's field a request may send that the schema leaves out (see RouteSpec.actorField). */
  actorField?: string;
  /** The body's schema: the document says what it checks beyond what is generated from it (openapi.ts). */
  body?: z.ZodType;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Where the input has a field the parsed value lost: zod drops what an object's schema does not know. */
function unknownFields(input: unknown, parsed: unknown, path: string[] = []): string[][] {
  if (Array.isArray(input) && Array.isArray(parsed)) return input.flatMap((item, i) => unknownFields(item, parsed[i], [...path, String(i)]));
  if (!isPlainObject(input) || !isPlainObject(parsed)) return [];
  return Object.keys(input).flatMap((key) => (key in parsed ? unknownFields(input[key], parsed[key], [...path, key]) : [[...path, key]]));
}

/** Refuses a JSON body with fields its schema does not have (400), before the route reads it. */
function refuseUnknownFields(schema: z.ZodType, actorField: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (!isPlainObject(req.body)) return next();
    const body = { ...req.body };
    if (actorField) delete body[actorField];
    const parsed = schema.safeParse(body);
    // Input that does not parse is refused by the route's own validation, with its messages.
    if (!parsed.success) return next();
    const unknown = unknownFields(body, parsed.data);
    if (!unknown.length) return next();
    const issues: Issue[] = unknown.map((path) => ({ path, message: `Onbekend veld "${path.join('.')}": laat het weg.` }));
    next(new AppError('invalid_input', issues.map((issue) => issue.message).join(' '), issues));
  };
}

/** The route's handler; input refused only by a rule across its fields (not its shape) is a 422, as documented. */
function answeringRules(handler: RequestHandler): RequestHandler {
  return async (req, res, next) => {
    try {
      await handler(req, res, next);
    } catch (error) {
      // Input the route's schema accepted and a workflow's validator then refused is refused by a rule, too.
      const known = toAppError(error);
      if (known?.code === 'invalid_input' && known.onlyRules) throw new AppError('rule_violated', known.message, known.issues);
      throw error;
    }
  };
}

export class RouteTable {
  readonly routes: DocumentedRoute[] = [];
  constructor(private readonly registry: OpenAPIRegistry) {}

  add(router: Router, { access, actorField, ...spec }: RouteSpec, handler: RequestHandler): void {
    const isOffice = access === 'staff' || access === 'admin';
    const body = spec.request?.body?.content['application/json']?.schema as z.ZodType | undefined;
    const hasPathParams = /\{\w+\}/.test(spec.path);
    this.registry.registerPath({
      ...spec,
      ...(isOffice ? officeSecurity(access) : access === 'school' ? { security: [{ schoolLink: [] }] } : {}),
      responses: {
        // Whatever takes input can refuse it: its shape (400), or a rule across its fields (422).
        ...(spec.request ? { 400: errorResponse('Invalid input'), 422: errorResponse('Input the rules refuse (e.g. closing before opening)') } : {}),
        ...(body ? { 413: errorResponse('The body is too large'), 415: errorResponse('The body is not JSON') } : {}),
        ...(hasPathParams ? { 404: errorResponse('Not found') } : {}),
        ...(access === 'school'
          ? {
              401: errorResponse('No link token, or an unknown one'),
              403: errorResponse('The link is for another journey or another step'),
              410: errorResponse('The link was revoked, used, or has expired, or the journey is closed'),
            }
          : {}),
        ...spec.responses,
        ...(isOffice
          ? {
              401: errorResponse('Not signed in'),
              403: errorResponse(
                spec.method === 'get' ? 'Signed in without the role this needs' : 'Signed in without the role this needs, or sent from another site (CSRF)',
              ),
            }
          : {}),
      },
    });
    const expressPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
    router[spec.method](
      expressPath,
      ...(isOffice ? [requireOffice(access)] : []),
      ...(body ? [refuseUnknownFields(body, actorField)] : []),
      answeringRules(handler),
    );
    this.routes.push({ method: spec.method, path: spec.path, access, ...(actorField ? { actorField } : {}), ...(body ? { body } : {}) });
  }

  /**
   * After every route: a request for a declared path with a method it does not have is a 405
   * naming the methods it has (Allow), not a 404 as if the path did not exist.
   */
  methodNotAllowed(): RequestHandler {
    const paths = [...new Set(this.routes.map((route) => route.path))].map((path) => ({
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}/?$`),
      methods: this.routes.filter((route) => route.path === path).map((route) => route.method.toUpperCase()),
    }));
    return (req, res, next) => {
      const methods = new Set(paths.filter(({ pattern }) => pattern.test(req.path)).flatMap((path) => path.methods));
      if (!methods.size || methods.has(req.method)) return next();
      if (methods.has('GET')) methods.add('HEAD');
      const allow = [...methods].join(', ');
      res.setHeader('Allow', allow);
      next(new AppError('method_not_allowed', `Dit adres kent ${req.method} niet; wel: ${allow}.`));
    };
  }
}
