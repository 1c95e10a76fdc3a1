/**
 * The school-facing view of a journey, read through its link: the school's pages and the JSON
 * API's school view both come here, so what a school may see is decided in one place
 * (domain/school-view.ts says what it is; this reads it).
 */
import type { Client } from '@temporalio/client';
import { schoolViewOf, type SchoolJourneyView } from '../../domain/school-view';
import type { Db } from '../../platform/db';
import { readJourney } from '../journeys/journey-record';
import { withStoredDraft } from '../journeys/staged-drafts';
import type { LinkGrant, LinkRefusal } from '../links/open-link';
import { openSchoolLink, type ExpectedLink } from './school-link';

export interface SchoolActionDependencies {
  db: Db;
  temporal: Client;
}

/** The journey a granted link belongs to, as the school may see it now (an application draft with its stored content). */
export async function readSchoolView(deps: SchoolActionDependencies, link: Pick<LinkGrant, 'journeyId'>): Promise<SchoolJourneyView> {
  return schoolViewOf(await withStoredDraft(deps.db, await readJourney(deps, link.journeyId)));
}

export type OpenedSchoolView = { ok: true; link: LinkGrant; journey: SchoolJourneyView } | { ok: false; refusal: LinkRefusal };

/** Opens the link and reads the school's view of its journey; or why the link opens nothing. */
export async function openSchoolView(deps: SchoolActionDependencies, token: string, expected: ExpectedLink = {}): Promise<OpenedSchoolView> {
  const check = await openSchoolLink(deps.db, token, expected);
  if (check.status !== 'valid') return { ok: false, refusal: check };
  return { ok: true, link: check.link, journey: await readSchoolView(deps, check.link) };
}
