/**
 * The office's account pages: /kantoor/medewerkers (admins only) and /kantoor/wachtwoord (every
 * member). Every form carries the session's CSRF token; disabling an account and resetting its
 * password ask for confirmation first. The pages call what the JSON API calls (services/staff/manage-staff.ts).
 */
import { Router, type Response } from 'express';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import {
  addStaffMember,
  changeOwnPassword,
  changeRole,
  disableStaff,
  listStaff,
  PasswordChange,
  resetPassword,
  RoleChange,
  StaffChangeRefused,
  findStaffAccount,
} from '../../services/staff/manage-staff';
import { NewStaffMember, StaffExistsError } from '../../services/staff/staff-member';
import { AppError, issuesOf } from '../../services/errors';
import { errorsByField } from '../pages/form-fields';
import { text } from '../pages/form-text';
import { pageHeaders } from '../pages/page-headers';
import { sendPage } from '../pages/render';
import { validate } from '../../services/validate';
import { sessionToken } from './authenticate';
import { ensureSession, formValues, NotFoundPage, officeForm, officePageErrors, type FailedAction } from './page-parts';
import { pageSession, requireCsrf, requireOfficePage } from './page-guard';
import { ConfirmStaffChangePage, OwnPasswordPage, PasswordResetPage, StaffListPage, type ConfirmKind } from './staff-page';

const confirmKinds: readonly ConfirmKind[] = ['uitschakelen', 'nieuw-wachtwoord'];

/** A schema's refusal as a form's errors; a role the list does not have reads as "choose one". */
function failedForm(error: AppError, action: string, values: Record<string, string>): FailedAction {
  const issues = issuesOf(error).map((issue) => (issue.path[0] === 'role' ? { path: ['role'], message: 'Kies een rol.' } : issue));
  const { fields, general } = errorsByField(issues);
  return { action, fields, general, values };
}

export function staffPagesRouter({ db, log }: { db: Db; log: Logger }): Router {
  const router = Router();
  router.use(['/kantoor/medewerkers', '/kantoor/wachtwoord'], pageHeaders, ensureSession(db), officeForm);

  async function showList(
    res: Response,
    status: number,
    extra: { failed?: FailedAction; added?: Parameters<typeof StaffListPage>[0]['added']; done?: string } = {},
  ) {
    sendPage(res, status, <StaffListPage session={pageSession(res)} accounts={await listStaff(db)} {...extra} />);
  }

  const account = (staffId: string) => findStaffAccount(db, staffId);

  const missing = (res: Response) => sendPage(res, 404, <NotFoundPage what="Er is geen account met dit nummer." />);

  router.get('/kantoor/medewerkers', requireOfficePage('admin'), async (req, res) => {
    const done = text(req.query.gedaan);
    await showList(res, 200, done ? { done } : {});
  });

  router.post('/kantoor/medewerkers/acties/toevoegen', requireOfficePage('admin'), requireCsrf(), async (req, res) => {
    const values = formValues(req.body);
    try {
      const input = validate(NewStaffMember, { name: values.name ?? '', email: values.email ?? '', role: values.role ?? '' });
      const { account: added, password } = await addStaffMember(db, input);
      // Shown in this answer only: a redirect would have to keep the password somewhere.
      await showList(res, 201, { added: { account: added, password } });
    } catch (error) {
      if (error instanceof StaffExistsError) {
        const message = 'Er is al een account met dit e-mailadres.';
        return showList(res, 409, { failed: { action: 'toevoegen', fields: { email: [message] }, general: [], values } });
      }
      if (!(error instanceof AppError)) throw error;
      await showList(res, error.status, { failed: failedForm(error, 'toevoegen', values) });
    }
  });

  router.post('/kantoor/medewerkers/:staffId/acties/rol', requireOfficePage('admin'), requireCsrf(), async (req, res) => {
    const target = await account(String(req.params.staffId));
    if (!target) return missing(res);
    const values: Record<string, string> = { ...formValues(req.body), staffId: target.id };
    const field = `rol-${target.id}`;
    try {
      const { role } = validate(RoleChange, { role: values.role ?? '' });
      await changeRole(db, target.id, role);
      res.redirect(303, '/kantoor/medewerkers?gedaan=rol');
    } catch (error) {
      const message = error instanceof StaffChangeRefused ? error.message : error instanceof AppError ? 'Kies een rol.' : undefined;
      if (!message) throw error;
      await showList(res, error instanceof StaffChangeRefused ? 409 : 400, { failed: { action: 'rol', fields: { [field]: [message] }, general: [], values } });
    }
  });

  router.get('/kantoor/medewerkers/:staffId/:kind', requireOfficePage('admin'), async (req, res) => {
    const kind = confirmKinds.find((k) => k === req.params.kind);
    const target = kind ? await account(String(req.params.staffId)) : undefined;
    if (!kind || !target) return missing(res);
    sendPage(res, 200, <ConfirmStaffChangePage session={pageSession(res)} account={target} kind={kind} />);
  });

  router.post('/kantoor/medewerkers/:staffId/acties/:kind', requireOfficePage('admin'), requireCsrf(), async (req, res) => {
    const kind = confirmKinds.find((k) => k === req.params.kind);
    const target = kind ? await account(String(req.params.staffId)) : undefined;
    if (!kind || !target) return missing(res);
    // Only the confirmation page's form says "ja": anything else goes there first.
    if (text(req.body.bevestigd) !== 'ja') return res.redirect(303, `/kantoor/medewerkers/${target.id}/${kind}`);
    const session = pageSession(res);
    try {
      if (kind === 'uitschakelen') {
        await disableStaff(db, target.id);
        // Whoever disabled their own account has just ended their own session too.
        return res.redirect(303, target.id === session.staff.id ? '/kantoor/inloggen' : '/kantoor/medewerkers?gedaan=uitschakelen');
      }
      const { account: reset, password } = await resetPassword(db, target.id, session.staff);
      sendPage(res, 200, <PasswordResetPage session={session} account={reset} password={password} />);
    } catch (error) {
      if (!(error instanceof StaffChangeRefused)) throw error;
      sendPage(
        res,
        error.reason === 'not_found' ? 404 : 409,
        <ConfirmStaffChangePage session={session} account={target} kind={kind} refused={error.message} />,
      );
    }
  });

  router.get('/kantoor/wachtwoord', requireOfficePage(), (req, res) => {
    sendPage(res, 200, <OwnPasswordPage session={pageSession(res)} done={text(req.query.gedaan) === 'ja'} />);
  });

  router.post('/kantoor/wachtwoord/acties/wijzigen', requireOfficePage(), requireCsrf(), async (req, res) => {
    const session = pageSession(res);
    // Passwords never come back in the form: a refused form is shown empty.
    const body = req.body as Record<string, unknown>;
    const input = { currentPassword: text(body.currentPassword), newPassword: text(body.newPassword), repeatPassword: text(body.repeatPassword) };
    try {
      await changeOwnPassword(db, session.staff.id, sessionToken(req), validate(PasswordChange, input));
      res.redirect(303, '/kantoor/wachtwoord?gedaan=ja');
    } catch (error) {
      if (error instanceof StaffChangeRefused && error.field) {
        return sendPage(
          res,
          400,
          <OwnPasswordPage session={session} failed={{ action: 'wijzigen', fields: { [error.field]: [error.message] }, general: [], values: {} }} />,
        );
      }
      if (!(error instanceof AppError)) throw error;
      sendPage(res, error.status, <OwnPasswordPage session={session} failed={failedForm(error, 'wijzigen', {})} />);
    }
  });

  router.use(
    ['/kantoor/medewerkers', '/kantoor/wachtwoord'],
    officePageErrors(log, '/kantoor/medewerkers', () => undefined),
  );

  return router;
}
