/**
 * The office's cohort pages under /kantoor/cohorten: the cohorts of the school development
 * trajectory (admins create them here), and one cohort with its places and development groups.
 * Every form post carries the session's CSRF token; what it asks goes through the same functions
 * as the JSON API (services/cohorts/manage-cohorts.ts), so the page shows what the cohort's workflow decided.
 */
import type { Client } from '@temporalio/client';
import { Router, type Response } from 'express';
import { CohortId, CreateCohort, RegisterForCohort } from '../../domain/cohort';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import {
  confirmDevelopmentGroups,
  createCohort,
  cohortView,
  listCohortsWithPlaces,
  proposeDevelopmentGroups,
  registerForCohort,
} from '../../services/cohorts/manage-cohorts';
import { AppError, issuesOf } from '../../services/errors';
import { toAppError } from '../errors-middleware';
import { errorsByField } from '../pages/form-fields';
import { pageHeaders } from '../pages/page-headers';
import { sendPage } from '../pages/render';
import { validate } from '../../services/validate';
import type { FailedAction } from './page-parts';
import { CohortListPage, CohortPage } from './cohort-page';
import { ensureSession, formValues, NotFoundPage, officeForm, officePageErrors, whole } from './page-parts';
import { pageSession, requireCsrf, requireOfficePage } from './page-guard';

export interface CohortPageDependencies {
  db: Db;
  temporal: Client;
  taskQueue: string;
  log: Logger;
}

const unknownCohort = 'Er is geen cohort met dit kenmerk.';
const isUnknownCohort = (error: unknown) => error instanceof AppError && error.code === 'cohort_not_found';

type Values = Record<string, string>;

/** Per action on a cohort (its URL segment): what it does with the posted form, as the signed-in staff member. */
const cohortActions: Record<string, (deps: CohortPageDependencies, cohortId: string, values: Values, staffName: string) => Promise<unknown>> = {
  register: (deps, cohortId, v) => registerForCohort(deps, cohortId, validate(RegisterForCohort, { brin: v.brin ?? '' }).brin),
  propose: (deps, cohortId, _v, staffName) => proposeDevelopmentGroups(deps, cohortId, staffName),
  confirm: (deps, cohortId, _v, staffName) => confirmDevelopmentGroups(deps, cohortId, staffName),
};

/**
 * A refusal as its form shows it. Registering has one field, so whatever refuses the school (not
 * VO, unknown, already on its way) is said there; proposing and confirming are buttons, so their
 * refusal is one message (its issues repeat the problems the page shows already).
 */
function refusalOnForm(action: string, refused: AppError): Pick<FailedAction, 'fields' | 'general'> {
  if (action === 'register') return errorsByField(issuesOf(refused).map((issue) => ({ ...issue, path: ['brin'] })));
  if (action === 'propose' || action === 'confirm') return { fields: {}, general: [refused.message] };
  return errorsByField(issuesOf(refused));
}

export function cohortPagesRouter(deps: CohortPageDependencies): Router {
  const { db, log } = deps;
  const router = Router();
  router.use('/kantoor/cohorten', pageHeaders, ensureSession(db), officeForm);

  async function showList(res: Response, status: number, extra: { done?: string; failed?: FailedAction } = {}): Promise<void> {
    sendPage(res, status, <CohortListPage session={pageSession(res)} cohorts={await listCohortsWithPlaces(deps)} {...extra} />);
  }

  router.get('/kantoor/cohorten', requireOfficePage(), async (req, res) => {
    const done = typeof req.query.gedaan === 'string' ? req.query.gedaan : undefined;
    await showList(res, 200, done ? { done } : {});
  });

  router.post('/kantoor/cohorten/acties/create', requireOfficePage('admin'), requireCsrf(), async (req, res) => {
    const values = formValues(req.body);
    const input = {
      id: values.id ?? '',
      name: values.name ?? '',
      schoolYear: values.schoolYear ?? '',
      capacity: whole(values.capacity ?? ''),
      registrationClosesAt: values.registrationClosesAt ?? '',
      kickOffOn: values.kickOffOn ?? '',
      startDayOn: values.startDayOn ?? '',
    };
    try {
      const created = await createCohort(deps, validate(CreateCohort, input));
      res.redirect(303, `/kantoor/cohorten/${created.id}?gedaan=create`);
    } catch (error) {
      const refused = toAppError(error);
      if (!refused) throw error;
      // "Exists" names no field; the id is what to change.
      const issues = refused.code === 'cohort_exists' ? [{ path: ['id'], message: refused.message }] : issuesOf(refused);
      await showList(res, refused.status, { failed: { action: 'create', ...errorsByField(issues), values } });
    }
  });

  async function showCohort(res: Response, cohortId: string, status: number, extra: { done?: string; failed?: FailedAction } = {}): Promise<void> {
    try {
      sendPage(res, status, <CohortPage session={pageSession(res)} cohort={await cohortView(deps, cohortId)} {...extra} />);
    } catch (error) {
      if (!isUnknownCohort(error)) throw error;
      sendPage(res, 404, <NotFoundPage what={unknownCohort} />);
    }
  }

  router.get('/kantoor/cohorten/:cohortId', requireOfficePage(), async (req, res) => {
    const cohortId = CohortId.safeParse(req.params.cohortId).data;
    if (!cohortId) return sendPage(res, 404, <NotFoundPage what={unknownCohort} />);
    const done = typeof req.query.gedaan === 'string' ? req.query.gedaan : undefined;
    await showCohort(res, cohortId, 200, done ? { done } : {});
  });

  router.post('/kantoor/cohorten/:cohortId/acties/:action', requireOfficePage(), requireCsrf(), async (req, res) => {
    const cohortId = CohortId.safeParse(req.params.cohortId).data;
    const name = String(req.params.action);
    const act = cohortActions[name];
    if (!cohortId || !act) return sendPage(res, 404, <NotFoundPage what="Dit cohort of deze actie bestaat niet." />);
    const values = formValues(req.body);
    try {
      await act(deps, cohortId, values, pageSession(res).staff.name);
      res.redirect(303, `/kantoor/cohorten/${cohortId}?gedaan=${name}`);
    } catch (error) {
      const refused = toAppError(error);
      if (!refused || isUnknownCohort(refused)) throw error;
      await showCohort(res, cohortId, refused.status, { failed: { action: name, ...refusalOnForm(name, refused), values } });
    }
  });

  router.use(
    '/kantoor/cohorten',
    officePageErrors(log, '/kantoor/cohorten', (error) => (isUnknownCohort(error) ? unknownCohort : undefined)),
  );

  return router;
}
