/**
 * The school-facing view of a journey, read through its link: the school's pages and the JSON
 * API's school view both come here, so what a school may see is decided in one place
 * (domain/school-view.ts says what it is; this reads it).
 *
 * A page view reads the case record in PostgreSQL, not the workflow: a school opening its link
 * costs no Temporal query, and a page renders with the worker down. The record is what the
 * workflow stored step by step (activities/record-journey-step.ts), and an action's Update answers
 * only once its steps are stored, so a page opened after an action shows what it led to. The
 * record can be behind only while steps wait to be stored (PostgreSQL was unreachable; the step
 * activity retries, backing off to five minutes): the page then shows the last stored state, and
 * an action taken from it is still checked by the workflow's own validator. Taking an action
 * (fresh) reads the workflow, as before; so does a view the record cannot show (below).
 */
import type { Client } from '@temporalio/client';
import type { JourneyView } from '../../domain/journey';
import { schoolViewOf, type SchoolJourneyView } from '../../domain/school-view';
import type { Db } from '../../platform/db';
import { journeyFromRecord, readJourney } from '../journeys/journey-record';
import { withStoredDraft } from '../journeys/staged-drafts';
import type { LinkGrant, LinkRefusal } from '../links/open-link';
import { openSchoolLink, type ExpectedLink } from './school-link';

export interface SchoolActionDependencies {
  db: Db;
  temporal: Client;
}

/**
 * Whether the record holds all a school's page shows of this journey. Not so for a school
 * development registration: the cohort it registers for is in the workflow's input until the
 * school submits, and its place in the cohort's line moves by signal, without a step.
 */
function recordShows(view: JourneyView): boolean {
  return !(view.track === 'schoolontwikkeling' && view.phase === 'registration');
}

/** The journey behind a link: from the case record, or from its workflow when asked fresh or when the record cannot show it. */
async function journeyForSchool(deps: SchoolActionDependencies, journeyId: string, fresh: boolean): Promise<JourneyView> {
  // No case row yet: the journey's first step is not stored; its workflow knows.
  const recorded = fresh ? null : await journeyFromRecord(deps.db, journeyId);
  return recorded && recordShows(recorded) ? recorded : readJourney(deps, journeyId);
}

/**
 * The journey a granted link belongs to, as the school may see it now (an application draft with
 * its stored content). `fresh`: as its workflow has it this moment, for taking an action.
 */
export async function readSchoolView(deps: SchoolActionDependencies, link: Pick<LinkGrant, 'journeyId'>, fresh = false): Promise<SchoolJourneyView> {
  return schoolViewOf(await withStoredDraft(deps.db, await journeyForSchool(deps, link.journeyId, fresh)));
}

export type OpenedSchoolView = { ok: true; link: LinkGrant; journey: SchoolJourneyView } | { ok: false; refusal: LinkRefusal };

/** Opens the link and reads the school's view of its journey; or why the link opens nothing. */
export async function openSchoolView(deps: SchoolActionDependencies, token: string, expected: ExpectedLink = {}, fresh = false): Promise<OpenedSchoolView> {
  const check = await openSchoolLink(deps.db, token, expected);
  if (check.status !== 'valid') return { ok: false, refusal: check };
  return { ok: true, link: check.link, journey: await readSchoolView(deps, check.link, fresh) };
}
