/**
 * The office's round pages under /kantoor/rondes: staff see every round and the yearly plan; admins
 * create, reschedule, open now and cancel rounds (each after a "Weet u het zeker?" step, without
 * JavaScript) and save the plan. Every form carries the session's CSRF token; every change goes
 * through the same functions as the JSON API (services/rounds/), so a refusal is the same refusal.
 */
import type { Client } from '@temporalio/client';
import { Router, type Response } from 'express';
import { CancelRound, CreateRound, RescheduleRound, RoundId, RoundTrack } from '../../domain/round';
import { roundTrackLabel, RoundPlan } from '../../domain/round-plan';
import { formatMoment } from '../../mail/format';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import { AppError, issuesOf, type Issue } from '../../services/errors';
import { toAppError } from '../errors-middleware';
import { errorsByField } from '../pages/form-fields';
import { pageHeaders } from '../pages/page-headers';
import { sendPage } from '../pages/render';
import {
  cancelRound,
  createRound,
  getRound,
  openRoundNow,
  refuseClosingBeforeOpening,
  refuseIfEnded,
  rescheduleRound,
} from '../../services/rounds/manage-rounds';
import { roundApplications, roundsWithApplications } from '../../services/rounds/round-applications';
import { listRoundPlans, nextPlannedOpenings, saveRoundPlan } from '../../services/rounds/round-plan';
import { validate } from '../../services/validate';
import { ensureSession, formValues, NotFoundPage, officeForm, officePageErrors, whole, type FailedAction } from './page-parts';
import { pageSession, requireCsrf, requireOfficePage } from './page-guard';
import { ConfirmPage } from './confirm-page';
import { RoundPage } from './round-page';
import { RoundsListPage } from './rounds-page';

export interface RoundPageDependencies {
  db: Db;
  temporal: Client;
  taskQueue: string;
  log: Logger;
}

type Values = Record<string, string>;

const unknownRound = 'Er is geen subsidieronde met dit kenmerk.';
const isUnknownRound = (error: unknown) => error instanceof AppError && error.code === 'round_not_found';
const BASE = '/kantoor/rondes';

/** "14, 3" → [14, 3]; what is not a whole number stays text, for the schema to name. */
const numbers = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(whole);
const optionalWhole = (value: string | undefined) => (value?.trim() ? whole(value) : null);

/** A form's checkboxes arrive as one value or several; the page passes them on as one list "a,b". */
function readValues(body: unknown): Values {
  const values = formValues(body);
  const tracks = (body as Record<string, unknown> | undefined)?.tracks;
  if (Array.isArray(tracks)) values.tracks = tracks.filter((t): t is string => typeof t === 'string').join(',');
  return values;
}

const createInput = (v: Values) => ({
  id: v.id ?? '',
  name: v.name ?? '',
  schoolYear: v.schoolYear ?? '',
  opensAt: v.opensAt ?? '',
  closesAt: v.closesAt ?? '',
  tracks: (v.tracks ?? '').split(',').filter(Boolean),
  capacity: optionalWhole(v.capacity),
  reminderDaysBefore: numbers(v.reminderDaysBefore),
});

const planInput = (track: string, v: Values) => ({
  track,
  opensMonth: whole(v.opensMonth ?? ''),
  opensDay: whole(v.opensDay ?? ''),
  opensTime: v.opensTime ?? '',
  closesMonth: whole(v.closesMonth ?? ''),
  closesDay: whole(v.closesDay ?? ''),
  closesTime: v.closesTime ?? '',
  capacity: optionalWhole(v.capacity),
  reminderDaysBefore: numbers(v.reminderDaysBefore),
});

/**
 * A refusal as its form shows it: each issue at its field (a list's item at the list's field); what
 * the service says without a field goes where the office changes it (an existing id at the id, an
 * overlap at the opening, missing amounts at the school year).
 */
function refusalOnForm(refused: AppError): Pick<FailedAction, 'fields' | 'general'> {
  const atField: Partial<Record<string, string>> = { round_exists: 'id', round_overlaps: 'opensAt' };
  const field = atField[refused.code];
  const issues: Issue[] = field
    ? [{ path: [field], message: refused.message }]
    : issuesOf(refused).map((issue) => ({ ...issue, path: issue.path[0] === 'rates' ? ['schoolYear'] : issue.path.slice(0, 1) }));
  return errorsByField(issues);
}

const moment = (value: string | undefined) => (value ? formatMoment(value) : 'verandert niet');

export function roundPagesRouter(deps: RoundPageDependencies): Router {
  const { db, log } = deps;
  const router = Router();
  router.use(BASE, pageHeaders, ensureSession(db), officeForm);

  async function showList(res: Response, status: number, extra: { done?: string; failed?: FailedAction } = {}): Promise<void> {
    const [rounds, plans, openings] = await Promise.all([roundsWithApplications(db), listRoundPlans(db), nextPlannedOpenings(db)]);
    sendPage(res, status, <RoundsListPage session={pageSession(res)} rounds={rounds} plans={plans} openings={openings} {...extra} />);
  }

  router.get(BASE, requireOfficePage(), async (req, res) => {
    const done = typeof req.query.gedaan === 'string' ? req.query.gedaan : undefined;
    await showList(res, 200, done ? { done } : {});
  });

  router.post(`${BASE}/acties/:action`, requireOfficePage('admin'), requireCsrf(), async (req, res) => {
    const action = String(req.params.action);
    const values = readValues(req.body);
    const session = pageSession(res);
    try {
      if (action === 'create') {
        const input = validate(CreateRound, createInput(values));
        if (values.bevestigd !== 'ja') {
          return sendPage(
            res,
            200,
            <ConfirmPage
              session={session}
              title={`U maakt de ronde "${input.name}" aan. Op het openingsmoment gaat zij open en krijgen wachtende scholen bericht.`}
              facts={confirmFacts(input)}
              postTo={`${BASE}/acties/create`}
              values={withoutStep(values)}
              submit="Ja, maak de ronde aan"
              back={BASE}
            />,
          );
        }
        const created = await createRound(deps, input);
        return res.redirect(303, `${BASE}/${created.id}?gedaan=create`);
      }
      const track = RoundTrack.safeParse(action.replace(/^plan-/, '')).data;
      if (!action.startsWith('plan-') || !track) return sendPage(res, 404, <NotFoundPage what="Deze actie bestaat niet." />);
      await saveRoundPlan(deps, validate(RoundPlan, planInput(track, values)), session.staff.name);
      res.redirect(303, `${BASE}?gedaan=plan`);
    } catch (error) {
      const refused = toAppError(error);
      if (!refused) throw error;
      await showList(res, refused.status, { failed: { action, ...refusalOnForm(refused), values } });
    }
  });

  async function showRound(res: Response, roundId: string, status: number, extra: { done?: string; failed?: FailedAction } = {}): Promise<void> {
    const [round, applications] = await Promise.all([getRound(db, roundId), roundApplications(db, roundId)]);
    sendPage(res, status, <RoundPage session={pageSession(res)} round={round} applications={applications} {...extra} />);
  }

  const validRoundId = (value: unknown) => RoundId.safeParse(value).data;

  router.get(`${BASE}/:roundId`, requireOfficePage(), async (req, res) => {
    const roundId = validRoundId(req.params.roundId);
    if (!roundId) return sendPage(res, 404, <NotFoundPage what={unknownRound} />);
    const done = typeof req.query.gedaan === 'string' ? req.query.gedaan : undefined;
    await showRound(res, roundId, 200, done ? { done } : {});
  });

  router.post(`${BASE}/:roundId/acties/:action`, requireOfficePage('admin'), requireCsrf(), async (req, res) => {
    const roundId = validRoundId(req.params.roundId);
    const action = String(req.params.action);
    if (!roundId || !['reschedule', 'open-now', 'cancel'].includes(action))
      return sendPage(res, 404, <NotFoundPage what="Deze ronde of actie bestaat niet." />);
    const values = readValues(req.body);
    const session = pageSession(res);
    const confirmed = values.bevestigd === 'ja';
    try {
      const round = await getRound(db, roundId);
      refuseIfEnded(round, '; wijzigen kan niet meer');
      const confirm = (title: string, facts: [string, string][], submit: string) =>
        sendPage(
          res,
          200,
          <ConfirmPage
            session={session}
            title={title}
            facts={[['Ronde', round.name], ...facts]}
            postTo={`${BASE}/${roundId}/acties/${action}`}
            values={withoutStep(values)}
            submit={submit}
            back={`${BASE}/${roundId}`}
          />,
        );
      if (action === 'reschedule') {
        const change = validate(RescheduleRound, { opensAt: values.opensAt || undefined, closesAt: values.closesAt || undefined });
        // Said before the confirmation, not after it: the service checks the same again.
        refuseClosingBeforeOpening({ opensAt: change.opensAt ?? round.opensAt, closesAt: change.closesAt ?? round.closesAt });
        if (!confirmed) {
          return confirm(
            'U verzet de ronde. Scholen die al aanvragen, krijgen de nieuwe sluitingsdatum.',
            [
              ['Nieuw openingsmoment', moment(change.opensAt)],
              ['Nieuw sluitingsmoment', moment(change.closesAt)],
            ],
            'Ja, verzet de ronde',
          );
        }
        await rescheduleRound(deps, roundId, change);
      } else if (action === 'open-now') {
        if (!confirmed) return confirm('U opent de ronde nu, vóór het geplande moment. Wachtende scholen krijgen meteen bericht.', [], 'Ja, open de ronde nu');
        await openRoundNow(deps, roundId);
      } else {
        const { reason } = validate(CancelRound, { reason: values.reason ?? '' });
        if (!confirmed) {
          return confirm(
            'U annuleert de ronde. Dit kan niet ongedaan worden; scholen die aanvragen, wachten op de volgende ronde.',
            [['Reden', reason]],
            'Ja, annuleer de ronde',
          );
        }
        await cancelRound(deps, roundId, reason);
      }
      res.redirect(303, `${BASE}/${roundId}?gedaan=${action}`);
    } catch (error) {
      const refused = toAppError(error);
      if (!refused || isUnknownRound(refused)) throw error;
      await showRound(res, roundId, refused.status, { failed: { action, ...refusalOnForm(refused), values } });
    }
  });

  router.use(
    BASE,
    officePageErrors(log, BASE, (error) => (isUnknownRound(error) ? unknownRound : undefined)),
  );

  return router;
}

/** The first step's values, to post again: without the step marker or the button's name. */
function withoutStep(values: Values): Values {
  return Object.fromEntries(Object.entries(values).filter(([key]) => key !== 'bevestigd' && key !== 'intent'));
}

function confirmFacts(round: CreateRound): [string, string][] {
  return [
    ['Kenmerk', round.id],
    ['Schooljaar', round.schoolYear],
    ['Trajecten', round.tracks.map((t) => roundTrackLabel[t]).join(' en ')],
    ['Opent', formatMoment(round.opensAt)],
    ['Sluit', formatMoment(round.closesAt)],
    ['Capaciteit', round.capacity === null ? 'geen maximum' : String(round.capacity)],
    ['Herinneringen', round.reminderDaysBefore.length ? `${round.reminderDaysBefore.join(' en ')} dagen voor sluiting` : 'geen'],
  ];
}
