/**
 * The office's hub pages under /kantoor/hubs: the hubs of a school year, and one hub with its
 * forms. Every form post carries the session's CSRF token; every action is the hub workflow's Update.
 */
import type { Client } from '@temporalio/client';
import { Router, type Response } from 'express';
import { HubId } from '../../domain/hub';
import { nextSchoolYear, previousSchoolYear, SchoolYear, schoolYearOf } from '../../domain/school-year';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import { AppError, issuesOf } from '../../services/errors';
import { toAppError } from '../errors-middleware';
import { hubAction, readHub, takeHubAction } from '../../services/hubs/hub-actions';
import { listHubs } from '../../services/hubs/hub-record';
import { errorsByField } from '../pages/form-fields';
import { text } from '../pages/form-text';
import { pageHeaders } from '../pages/page-headers';
import { sendPage } from '../pages/render';
import type { FailedAction } from './page-parts';
import { HubListPage, HubPage } from './hub-page';
import { ensureSession, formValues, NotFoundPage, officeForm, officePageErrors, whole } from './page-parts';
import { pageSession, requireCsrf, requireOfficePage } from './page-guard';

type Values = Record<string, string>;

/** Per action (its URL segment): the input a posted form stands for; the action's schema checks it. */
const formInput: Record<string, (v: Values) => unknown> = {
  sessions: (v) => ({ trajectoryId: v.trajectoryId ?? '', kind: v.kind ?? '', heldOn: v.heldOn ?? '', notes: v.notes ?? '', topic: v.topic ?? '' }),
  'knowledge-sharing': (v) => ({ kind: v.kind ?? '', title: v.title ?? '', heldOn: v.heldOn ?? '', attendees: whole(v.attendees ?? '') }),
  outcome: (v) => ({ outcome: v.outcome ?? '', reason: v.reason ?? '' }),
  // One field names both: "<trajectory id>|<journey id>".
  release: (v) => {
    const [trajectoryId = '', journeyId = ''] = (v.place ?? '').split('|');
    return { trajectoryId, journeyId, reason: v.reason ?? '' };
  },
};

/** The release form has one field for the trajectory and the school: their errors go there. */
const fieldOnForm = (action: string, path: string) => (action === 'release' && (path === 'trajectoryId' || path === 'journeyId') ? 'place' : path);

export function hubPagesRouter({ db, temporal, log }: { db: Db; temporal: Client; log: Logger }): Router {
  const router = Router();
  router.use('/kantoor/hubs', pageHeaders, ensureSession(db), officeForm);

  router.get('/kantoor/hubs', requireOfficePage(), async (req, res) => {
    const current = schoolYearOf(new Date());
    const asked = SchoolYear.safeParse(text(req.query.schooljaar));
    const schoolYear = asked.success ? asked.data : current;
    const years = [previousSchoolYear(current), current, nextSchoolYear(current)];
    if (!years.includes(schoolYear)) years.push(schoolYear);
    sendPage(res, 200, <HubListPage session={pageSession(res)} schoolYear={schoolYear} hubs={await listHubs(db, { schoolYear })} years={years.sort()} />);
  });

  async function showHub(res: Response, hubId: string, status: number, extra: { done?: string; failed?: FailedAction } = {}): Promise<void> {
    try {
      sendPage(res, status, <HubPage session={pageSession(res)} hub={await readHub({ db, temporal }, hubId)} {...extra} />);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      sendPage(res, 404, <NotFoundPage what="Er is geen hub met dit nummer." />);
    }
  }

  router.get('/kantoor/hubs/:hubId', requireOfficePage(), async (req, res) => {
    const hubId = HubId.safeParse(req.params.hubId).data;
    if (!hubId) return sendPage(res, 404, <NotFoundPage what="Er is geen hub met dit nummer." />);
    const done = typeof req.query.gedaan === 'string' ? req.query.gedaan : undefined;
    await showHub(res, hubId, 200, done ? { done } : {});
  });

  router.post('/kantoor/hubs/:hubId/acties/:action', requireOfficePage(), requireCsrf(), async (req, res) => {
    const hubId = HubId.safeParse(req.params.hubId).data;
    const name = String(req.params.action);
    const action = hubAction(name);
    const toInput = formInput[name];
    if (!hubId || !action || !toInput) return sendPage(res, 404, <NotFoundPage what="Deze hub of actie bestaat niet." />);
    const values = formValues(req.body);
    try {
      await takeHubAction(temporal, hubId, action, toInput(values), pageSession(res).staff.name);
      res.redirect(303, `/kantoor/hubs/${hubId}?gedaan=${name}`);
    } catch (error) {
      const refused = toAppError(error);
      if (!refused || refused.code === 'not_found') throw error;
      const issues = issuesOf(refused).map((issue) => ({ ...issue, path: issue.path.map((p) => fieldOnForm(name, p)) }));
      const { fields, general } = errorsByField(issues);
      await showHub(res, hubId, refused.status, { failed: { action: name, fields, general, values } });
    }
  });

  router.use(
    '/kantoor/hubs',
    officePageErrors(log, '/kantoor/hubs', (error) => (error instanceof AppError && error.code === 'not_found' ? 'Er is geen hub met dit nummer.' : undefined)),
  );

  return router;
}
