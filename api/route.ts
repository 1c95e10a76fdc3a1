/**
 * One call per API route: it is documented in the OpenAPI document and served by Express with the
 * access it declares, so no route can be served without saying who may call it.
 *   public   anyone (health, the document, signing in)
 *   school   a school's link token as Bearer (the route checks the link's journey and step)
 *   staff    a signed-in member of the programme office
 *   admin    a signed-in admin of the programme office
 */
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { RequestHandler, Router } from 'express';
import type { StaffRole } from '../staff/staff-member';
import { officeSecurity, requireOffice } from './office/authenticate';
import { errorResponse, type OpenAPIRegistry } from './openapi';

export type Access = 'public' | 'school' | StaffRole;

export interface RouteSpec extends Omit<RouteConfig, 'method' | 'security'> {
  method: 'get' | 'post' | 'delete';
  access: Access;
}

export interface DocumentedRoute {
  method: RouteSpec['method'];
  /** OpenAPI style: /api/rounds/{roundId} */
  path: string;
  access: Access;
}

export class RouteTable {
  readonly routes: DocumentedRoute[] = [];
  constructor(private readonly registry: OpenAPIRegistry) {}

  add(router: Router, { access, ...spec }: RouteSpec, handler: RequestHandler): void {
    const isOffice = access === 'staff' || access === 'admin';
    this.registry.registerPath({
      ...spec,
      ...(isOffice ? officeSecurity(access) : access === 'school' ? { security: [{ schoolLink: [] }] } : {}),
      responses: {
        // Whatever takes input can refuse it.
        ...(spec.request ? { 400: errorResponse('Invalid input') } : {}),
        ...spec.responses,
        ...(isOffice ? { 401: errorResponse('Not signed in'), 403: errorResponse('Signed in without the role this needs') } : {}),
      },
    });
    const expressPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
    router[spec.method](expressPath, ...(isOffice ? [requireOffice(access)] : []), handler);
    this.routes.push({ method: spec.method, path: spec.path, access });
  }
}
