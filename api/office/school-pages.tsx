/**
 * The office's school pages under /kantoor/scholen: find, add and change schools, and start a
 * school's journey. Every form post carries the session's CSRF token; the pages call the same
 * functions as the JSON API (services/schools/school-record.ts, services/journeys/start-journey.ts).
 */
import { Router, type Request, type Response } from 'express';
import { Track } from '../../domain/journey';
import { School } from '../../domain/school';
import { z } from '../../domain/zod';
import type { Logger } from '../../platform/logger';
import { AppError, issuesOf, type Issue } from '../../services/errors';
import { toAppError } from '../errors-middleware';
import { startJourney, type JourneyDependencies } from '../../services/journeys/start-journey';
import { errorsByField } from '../pages/form-fields';
import { text } from '../pages/form-text';
import { pageHeaders } from '../pages/page-headers';
import { sendPage } from '../pages/render';
import { addSchool, findSchool, schoolJourneys, SchoolSearch, SchoolUpdate, searchSchools, updateSchool } from '../../services/schools/school-record';
import { validate } from '../../services/validate';
import { ensureSession, formValues, officeForm, officePageErrors, type FailedAction } from './page-parts';
import { pageSession, requireCsrf, requireOfficePage } from './page-guard';
import { SchoolListPage, SchoolPage, startableTracks } from './school-page';

/** What the form asks for a journey; the service checks the rest (the school's sector, a running journey). */
const StartJourneyForm = z.object({
  track: z.enum(Track.options, { message: 'Kies het traject.' }),
  hasAspirantYearBehind: z.boolean(),
});

/** The schema's words for a choice are about codes; the form's are about what was on the screen. */
const choiceMessages: Record<string, string> = {
  sector: 'Kies de sector.',
  inspectionRating: 'Kies het oordeel van de inspectie.',
  equalAccessMarkers: 'Kies alleen kenmerken uit de lijst.',
};

function onForm(issues: Issue[]): Issue[] {
  return issues.map((issue) => {
    const field = issue.path[0];
    if (field && choiceMessages[field]) return { path: [field], message: choiceMessages[field]! };
    return issue;
  });
}

/** The ticked markers: one posted value is a string, several an array. */
function markersOf(body: unknown): string[] {
  const value = (body as Record<string, unknown> | undefined)?.equalAccessMarkers;
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string').map(text);
}

function recordInput(values: Record<string, string>, markers: string[]) {
  return {
    name: values.name ?? '',
    sector: values.sector ?? '',
    region: values.region ?? '',
    contactEmail: values.contactEmail ?? '',
    inspectionRating: values.inspectionRating ?? '',
    equalAccessMarkers: markers,
  };
}

/** A refusal (the schema's or the service's) as it shows at its form; anything else is no refusal. */
function refusal(error: unknown, action: string, values: Record<string, string>): { status: number; failed: FailedAction } | undefined {
  const refused = toAppError(error);
  if (!refused || refused.status >= 500) return undefined;
  const { fields, general } = errorsByField(onForm(issuesOf(refused)));
  return { status: refused.status, failed: { action, fields, general, values } };
}

export function officeSchoolPagesRouter(deps: JourneyDependencies & { log: Logger }): Router {
  const { db } = deps;
  const router = Router();
  router.use('/kantoor/scholen', pageHeaders, ensureSession(db), officeForm);

  function readSearch(req: Request): { query: string; search: SchoolSearch } {
    const query = text(req.query.zoek);
    const parsed = SchoolSearch.safeParse({ q: query || undefined, page: text(req.query.pagina) || undefined });
    return { query, search: parsed.success ? parsed.data : { q: query || undefined, page: 1 } };
  }

  router.get('/kantoor/scholen', requireOfficePage(), async (req, res) => {
    const { query, search } = readSearch(req);
    sendPage(res, 200, <SchoolListPage session={pageSession(res)} query={query} list={await searchSchools(db, search)} />);
  });

  router.post('/kantoor/scholen/acties/toevoegen', requireOfficePage(), requireCsrf(), async (req, res) => {
    const values = formValues(req.body);
    const markers = markersOf(req.body);
    try {
      const school = await addSchool(db, validate(School, { brin: values.brin ?? '', ...recordInput(values, markers) }));
      res.redirect(303, `/kantoor/scholen/${school.brin}?gedaan=toevoegen`);
    } catch (error) {
      const refused = refusal(error, 'toevoegen', values);
      if (!refused) throw error;
      const list = await searchSchools(db, { page: 1 });
      sendPage(res, refused.status, <SchoolListPage session={pageSession(res)} query="" list={list} failed={refused.failed} markers={markers} />);
    }
  });

  async function showSchool(
    res: Response,
    brin: string,
    status: number,
    extra: { done?: string; startedJourney?: string; failed?: FailedAction; markers?: string[] } = {},
  ) {
    const school = await findSchool(db, brin);
    sendPage(res, status, <SchoolPage session={pageSession(res)} school={school} journeys={await schoolJourneys(db, school.brin)} {...extra} />);
  }

  router.get('/kantoor/scholen/:brin', requireOfficePage(), async (req, res) => {
    const done = text(req.query.gedaan) || undefined;
    // Only a journey id's characters: the link on the page is built from it.
    const startedJourney = /^[\w.~:-]{1,100}$/.test(text(req.query.dossier)) ? text(req.query.dossier) : undefined;
    await showSchool(res, String(req.params.brin), 200, { ...(done ? { done } : {}), ...(startedJourney ? { startedJourney } : {}) });
  });

  router.post('/kantoor/scholen/:brin/acties/bewerken', requireOfficePage(), requireCsrf(), async (req, res) => {
    const values = formValues(req.body);
    const markers = markersOf(req.body);
    try {
      const school = await updateSchool(db, String(req.params.brin), validate(SchoolUpdate, recordInput(values, markers)));
      res.redirect(303, `/kantoor/scholen/${school.brin}?gedaan=bewerken`);
    } catch (error) {
      const refused = refusal(error, 'bewerken', values);
      if (!refused || refused.status === 404) throw error;
      await showSchool(res, String(req.params.brin), refused.status, { failed: refused.failed, markers });
    }
  });

  router.post('/kantoor/scholen/:brin/acties/reis-starten', requireOfficePage(), requireCsrf(), async (req, res) => {
    const values = formValues(req.body);
    const school = await findSchool(db, String(req.params.brin));
    try {
      const form = validate(StartJourneyForm, { track: values.track ?? '', hasAspirantYearBehind: values.hasAspirantYearBehind === 'ja' });
      if (!startableTracks(school.sector).includes(form.track)) {
        throw new AppError('invalid_input', 'Kies een van de trajecten in de lijst.', [{ path: ['track'], message: 'Kies een van de trajecten in de lijst.' }]);
      }
      const { journeyId } = await startJourney(deps, { brin: school.brin, track: form.track, hasAspirantYearBehind: form.hasAspirantYearBehind });
      res.redirect(303, `/kantoor/scholen/${school.brin}?gedaan=reis-starten&dossier=${encodeURIComponent(journeyId)}`);
    } catch (error) {
      const refused = refusal(error, 'reis-starten', values);
      if (!refused) throw error;
      await showSchool(res, school.brin, refused.status, { failed: refused.failed });
    }
  });

  router.use(
    '/kantoor/scholen',
    officePageErrors(deps.log, '/kantoor/scholen', (error) =>
      error instanceof AppError && error.code === 'school_not_found' ? 'Er is geen school met deze BRIN-code bekend.' : undefined,
    ),
  );

  return router;
}
