/**
 * The office's accounts as JSON: the twins of /kantoor/medewerkers and /kantoor/wachtwoord, on the
 * same functions (staff/manage-staff.ts). One router for /api/staff, so OPTIONS names all its methods.
 */
import { Router } from 'express';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import {
  addStaffMember,
  changeOwnPassword,
  changeRole,
  disableStaff,
  listStaff,
  PasswordChange,
  resetPassword,
  RoleChange,
  StaffAccount,
  StaffChangeRefused,
  StaffId,
} from '../../services/staff/manage-staff';
import { NewStaffMember, StaffExistsError } from '../../services/staff/staff-member';
import { AppError } from '../../services/errors';
import { StaffView } from './session';
import { officeSession, sessionToken } from '../office/authenticate';
import { errorResponse, jsonBody, jsonResponse } from '../openapi';
import type { RouteTable } from '../route';
import { validate } from '../../services/validate';

const StaffParams = z.object({ staffId: StaffId });

/** A refused change as the API answers it. */
export function staffRefusal(error: unknown): AppError | undefined {
  if (!(error instanceof StaffChangeRefused)) return undefined;
  if (error.reason === 'not_found') return new AppError('not_found', error.message);
  // Input of the right shape that does not hold: a rule's refusal (422), as a new password typed differently twice is.
  if (error.reason === 'wrong_password')
    return new AppError('rule_violated', error.message, [{ path: [error.field ?? 'currentPassword'], message: error.message }]);
  return new AppError('not_allowed_now', error.message);
}

async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw staffRefusal(error) ?? error;
  }
}

export function staffRouter({ db }: { db: Db }, routes: RouteTable): Router {
  const router = Router();

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/staff',
      access: 'admin',
      summary: "The office's accounts",
      responses: { 200: jsonResponse('The accounts', z.array(StaffAccount)) },
    },
    async (_req, res) => {
      res.json(await listStaff(db));
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/staff/{staffId}/role',
      access: 'admin',
      summary: "Change an account's role; the last active admin keeps theirs",
      request: { params: StaffParams, body: jsonBody(RoleChange) },
      responses: { 200: jsonResponse('Changed', StaffAccount), 409: errorResponse('The last active admin cannot be demoted') },
    },
    async (req, res) => {
      const { staffId } = validate(StaffParams, req.params);
      const { role } = validate(RoleChange, req.body);
      res.json(await answering(() => changeRole(db, staffId, role)));
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/staff/{staffId}/disable',
      access: 'admin',
      summary: 'Disable an account: it cannot sign in, and its sessions end at once; the last active admin cannot be disabled',
      request: { params: StaffParams },
      responses: { 200: jsonResponse('Disabled', StaffAccount), 409: errorResponse('The last active admin cannot be disabled') },
    },
    async (req, res) => {
      const { staffId } = validate(StaffParams, req.params);
      res.json(await answering(() => disableStaff(db, staffId)));
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/staff/{staffId}/password-reset',
      access: 'admin',
      summary: "Give a colleague's account a new generated password, answered once; its sessions end",
      request: { params: StaffParams },
      responses: {
        200: jsonResponse('Reset', z.object({ staff: StaffAccount, password: z.string() })),
        409: errorResponse('One changes their own password with POST /api/session/password'),
      },
    },
    async (req, res) => {
      const { staffId } = validate(StaffParams, req.params);
      const session = officeSession(res, 'admin');
      const { account, password } = await answering(() => resetPassword(db, staffId, session.staff));
      res.json({ staff: account, password });
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/session/password',
      access: 'staff',
      summary: 'Change your own password, with the current one; your other sessions end',
      request: { body: jsonBody(PasswordChange) },
      responses: { 204: { description: 'Changed' } },
    },
    async (req, res) => {
      const change = validate(PasswordChange, req.body);
      const session = officeSession(res, 'staff');
      await answering(() => changeOwnPassword(db, session.staff.id, sessionToken(req), change));
      res.status(204).end();
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/staff',
      access: 'admin',
      summary: 'Add a staff account; its first password is answered once',
      request: { body: jsonBody(NewStaffMember) },
      responses: {
        201: jsonResponse('Added', z.object({ staff: StaffView, password: z.string() })),
        400: errorResponse('Invalid input'),
        409: errorResponse('An account for this address exists'),
      },
    },
    async (req, res) => {
      const input = validate(NewStaffMember, req.body);
      try {
        const { member, password } = await addStaffMember(db, input);
        res.status(201).json({ staff: member, password });
      } catch (error) {
        if (error instanceof StaffExistsError) throw new AppError('staff_exists', `Er is al een account voor ${input.email}.`);
        throw error;
      }
    },
  );

  return router;
}
