/**
 * Everything a person reads is Dutch: every office and school page, on the system as `npm start`
 * runs it with cases in several phases (a conversation confirmed, a draft saved and an application
 * submitted and rejected, one approved, an aspirant year that ended), every mail sample of the mail
 * viewer, and the reports' CSV show no code (enum value, track id, role, event kind) instead of its
 * Dutch label. The codes come from the domain's zod schemas and label tables (test/support/raw-codes.ts).
 */
import { mailPreviews } from '../../mail';
import { schoolYearOf } from '../../domain/school-year';
import { hubYear } from '../../workflows';
import { hubWorkflowId, requestPlace, trajectoryIdOf } from '../../workflows/contracts/hub-year';
import { cohortRequest } from '../support/cohorts';
import { completeApplication, createSchool } from '../support/fixtures';
import { api, openRoundNow, startDevStack, startInAspirantYear, type DevStack } from '../support/dev-stack';
import { rawCodesIn, visibleText } from '../support/raw-codes';
import { applicationFields, getPage, linkIn, postForm } from '../support/school-links';
import type { School } from '../../domain/school';
import type { CaughtMail } from '../../devtools/mail-catcher';
import { until } from '../support/until';

const DAY = 86_400_000;
const office = 'Anna Visser';
let stack: DevStack;

/**
 * The office's pages, by path. Add a new page here; `{case:…}` stands for a case made below
 * (see `cases`).
 */
const OFFICE_PAGES: readonly string[] = [
  '/kantoor',
  '/kantoor?phase=closed',
  '/kantoor/rapportages',
  '/kantoor/hubs',
  '/kantoor/cohorten',
  '/kantoor/dossiers/{case:confirmed}',
  '/kantoor/dossiers/{case:rejected}',
  '/kantoor/dossiers/{case:approved}',
  '/kantoor/dossiers/{case:dropped-out}',
  '/kantoor/dossiers/{case:registered}',
  '/kantoor/cohorten/{case:cohort}',
  '/kantoor/hubs/{case:hub}',
  '/kantoor/scholen',
  '/kantoor/scholen/{case:approved-school}',
  '/kantoor/rondes',
  '/kantoor/rondes/taal-voorjaar',
  '/kantoor/medewerkers',
  '/kantoor/wachtwoord',
];
/** Pages anyone (a school, a signed-out visitor) reads without a link. */
const PUBLIC_PAGES: readonly string[] = ['/kantoor/inloggen', '/gesprek-aanvragen'];
/**
 * The pages behind a school's e-mailed links, as the walk below meets them (a link's page changes
 * with its step, and ends once the step is taken): captured while they are live.
 */
const SCHOOL_PAGES = [
  'invitation',
  'invitation-answered',
  'application-saved',
  'application-refused',
  'application-submitted',
  'expert-team',
  'expert-team-refused',
  'link-ended',
] as const;

const cases = new Map<string, string>();
const schoolPages = new Map<(typeof SCHOOL_PAGES)[number], string>();

const mailTo = (school: School, subject: RegExp) => (mail: CaughtMail) => mail.to === school.contactEmail && subject.test(mail.subject);

async function startJourney(name: string, overrides: Partial<School> = {}): Promise<{ school: School; journeyId: string }> {
  const school = await createSchool(stack.db, { name, equalAccessMarkers: ['small_regional', 'special_target_group'], ...overrides });
  const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  await until(
    () => api(stack, 'GET', `/api/journeys/${body.journeyId}`),
    (r) => r.body.phase === 'conversation' && r.body.unrecordedSteps === 0,
    'the journey in its first phase',
  );
  return { school, journeyId: body.journeyId };
}

/** Conversation and intake done, a draft saved and the application submitted over the school's link. */
async function submitted(name: string): Promise<{ school: School; journeyId: string; link: string }> {
  const { school, journeyId } = await startJourney(name);
  await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-report`, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de leesaanpak.',
    recordedBy: office,
  });
  await api(stack, 'POST', `/api/journeys/${journeyId}/intake-outcome`, { outcome: 'expertschool', recordedBy: office });
  const link = linkIn(await stack.mail.waitFor(mailTo(school, /^Aanvraagronde Voorjaar is geopend$/)));
  const complete = completeApplication();
  const saved = await postForm(link, { ...applicationFields({ ...complete, participants: complete.participants.slice(0, 2) }), intent: 'save' });
  expect(saved.status).toBeLessThan(400);
  schoolPages.set('application-saved', saved.location ? (await getPage(new URL(saved.location, link).href)).html : saved.html);
  const refused = await postForm(link, { ...applicationFields({ ...complete, participants: complete.participants.slice(0, 3) }), intent: 'submit' });
  expect(refused.status).toBe(422);
  schoolPages.set('application-refused', refused.html);
  expect((await postForm(link, { ...applicationFields(complete), intent: 'submit' })).status).toBe(303);
  schoolPages.set('application-submitted', (await getPage(link)).html);
  return { school, journeyId, link };
}

beforeAll(async () => {
  stack = await startDevStack({ worker: true });
  await openRoundNow(stack, { id: 'taal-voorjaar', name: 'Voorjaar', schoolYear: '2040-2041' });

  // A conversation planned and confirmed by the school.
  const confirmed = await startJourney('Basisschool Het Bevestigde Gesprek', { inspectionRating: 'zeer_zwak' });
  await api(stack, 'POST', `/api/journeys/${confirmed.journeyId}/conversation-plan`, {
    startsAt: new Date(Date.now() + 7 * DAY).toISOString(),
    durationMinutes: 60,
    location: 'Dorpsstraat 1, Utrecht',
    plannedBy: office,
  });
  const invitation = linkIn(await stack.mail.waitFor(mailTo(confirmed.school, /^Uitnodiging: /)));
  schoolPages.set('invitation', (await getPage(invitation)).html);
  const answered = await postForm(invitation, { answer: 'confirm', note: '' });
  expect(answered.status).toBe(200);
  schoolPages.set('invitation-answered', answered.html);
  cases.set('confirmed', confirmed.journeyId);

  // One application rejected, one approved.
  const rejected = await submitted('Basisschool De Afwijzing');
  await api(stack, 'POST', `/api/journeys/${rejected.journeyId}/decision`, {
    decision: 'rejected',
    reason: 'Het activiteitenplan is nog te globaal.',
    decidedBy: office,
  });
  cases.set('rejected', rejected.journeyId);
  schoolPages.set('link-ended', (await getPage(rejected.link)).html);
  const approved = await submitted('Basisschool De Toekenning');
  await api(stack, 'POST', `/api/journeys/${approved.journeyId}/decision`, {
    decision: 'approved',
    reason: 'Een sterk en haalbaar activiteitenplan.',
    decidedBy: office,
  });
  cases.set('approved', approved.journeyId);
  cases.set('approved-school', approved.school.brin);

  // An aspirant year that ended with the school stopping.
  const aspirant = await createSchool(stack.db, { name: 'Basisschool Het Aspirantjaar', sector: 'VO' });
  const aspirantId = await startInAspirantYear(stack, aspirant);
  const expertTeamLink = linkIn(await stack.mail.waitFor(mailTo(aspirant, /^Geef uw expertteam door voor het aspirantjaar /)));
  schoolPages.set('expert-team', (await getPage(expertTeamLink)).html);
  schoolPages.set(
    'expert-team-refused',
    (await postForm(expertTeamLink, { 'members[0][name]': 'A', 'members[0][email]': 'geen-adres', intent: 'submit' })).html,
  );
  await api(stack, 'POST', `/api/journeys/${aspirantId}/aspirant-outcome`, {
    outcome: 'dropped_out',
    reason: 'De school kan het expertteam niet vrijmaken.',
    recordedBy: office,
  });
  cases.set('dropped-out', aspirantId);

  // A cohort of the school development trajectory with a VO school registered for it.
  const cohort = cohortRequest(Date.now());
  expect((await api(stack, 'POST', '/api/cohorts', cohort)).status).toBe(201);
  const vo = await createSchool(stack.db, { name: 'Scholengemeenschap De Aanmelding', sector: 'VO' });
  const registered = await api(stack, 'POST', `/api/cohorts/${cohort.id}/registrations`, { brin: vo.brin });
  expect(registered.status).toBeLessThan(300);
  cases.set('cohort', cohort.id);
  cases.set('registered', registered.body.journeyId);

  // A hub year of an expertschool with one ontwikkelschool asking for a place.
  const { equalAccessMarkers: _, ...expert } = await createSchool(stack.db, { name: 'Expertschool De Hub' });
  const schoolYear = schoolYearOf(new Date());
  const hubId = hubWorkflowId(expert.brin, schoolYear);
  const hub = await stack.client.workflow.start(hubYear, {
    workflowId: hubId,
    taskQueue: stack.taskQueue,
    args: [{ hubId, journeyId: `journey-expertschool-${expert.brin}`, school: expert, schoolYear, trajectories: [{ title: 'Begrijpend lezen', places: 2 }] }],
  });
  const asking = await createSchool(stack.db, { name: 'Basisschool De Wachtlijst' });
  await hub.executeUpdate(requestPlace, {
    args: [{ trajectoryId: trajectoryIdOf(hubId, 1), journeyId: `journey-ontwikkelschool-${asking.brin}`, brin: asking.brin, schoolName: asking.name }],
  });
  await until(
    () => api(stack, 'GET', `/api/hubs/${hubId}`),
    (r) => r.status === 200,
    'the hub on record',
  );
  cases.set('hub', hubId);

  // Every step stored in the case record before the pages are read.
  for (const journeyId of [confirmed.journeyId, rejected.journeyId, approved.journeyId, aspirantId, registered.body.journeyId])
    await until(
      () => api(stack, 'GET', `/api/journeys/${journeyId}`),
      (r) => r.body.unrecordedSteps === 0,
      'every step on record',
    );
}, 240_000);
afterAll(async () => {
  await stack?.close();
});

const resolve = (path: string) => path.replace(/\{case:([a-z-]+)\}/, (_, name: string) => cases.get(name) ?? `(no case ${name})`);

test.each(OFFICE_PAGES)('the office page %s shows no raw code', async (path) => {
  const response = await fetch(`${stack.apiUrl}${resolve(path)}`, { headers: { cookie: stack.cookies.admin } });
  expect(response.status).toBe(200);
  expect(rawCodesIn(visibleText(await response.text()))).toEqual([]);
});

test.each(PUBLIC_PAGES)('the page %s shows no raw code', async (path) => {
  const response = await getPage(`${stack.apiUrl}${resolve(path)}`);
  expect(response.status).toBe(200);
  expect(rawCodesIn(visibleText(response.html))).toEqual([]);
});

test.each(SCHOOL_PAGES)("the school's page %s shows no raw code", (name) => {
  const html = schoolPages.get(name);
  expect(html).toContain('</html>');
  expect(rawCodesIn(visibleText(html!))).toEqual([]);
});

test('the case timeline names each step in Dutch: draft or submitted, the decision, the aspirant outcome', async () => {
  const page = async (name: string) =>
    visibleText(await (await fetch(`${stack.apiUrl}/kantoor/dossiers/${cases.get(name)}`, { headers: { cookie: stack.cookies.admin } })).text());
  const rejected = await page('rejected');
  expect(rejected).toContain('Concept van de aanvraag opgeslagen');
  expect(rejected).toContain('Aanvraag ingediend');
  expect(rejected).toContain('Besluit op de aanvraag: afgewezen');
  expect(rejected).not.toContain('opgeslagen of ingediend');
  expect(await page('approved')).toContain('Besluit op de aanvraag: toegekend');
  const confirmed = await page('confirmed');
  expect(confirmed).toContain('School antwoordde op de uitnodiging: bevestigd door de school');
  expect(confirmed).toContain('Inspectieoordeel zeer zwak');
  expect(confirmed).toContain('kleine regionale scholen, scholen met bijzondere doelgroepen');
  const droppedOut = await page('dropped-out');
  expect(droppedOut).toContain('Uitkomst aspirantjaar vastgelegd: gestopt na het aspirantjaar, De school kan het expertteam niet vrijmaken.');
  expect(droppedOut).toContain('Deelname afgesloten: gestopt');
});

test('the reports page and its CSV name every sector and phase in Dutch', async () => {
  const html = await (await fetch(`${stack.apiUrl}/kantoor/rapportages`, { headers: { cookie: stack.cookies.admin } })).text();
  expect(visibleText(html)).toContain('Regionale netwerken (alle sectoren)');
  const csv = await (await fetch(`${stack.apiUrl}/kantoor/rapportages/export.csv`, { headers: { cookie: stack.cookies.admin } })).text();
  expect(rawCodesIn(csv.replace(/;/g, ' '))).toEqual([]);
});

test.each(mailPreviews.map((preview) => [preview.kind, preview] as const))('the mail sample %s shows no raw code', (_kind, preview) => {
  const mail = preview.render();
  expect(rawCodesIn(`${mail.subject} ${mail.text} ${visibleText(mail.html)}`)).toEqual([]);
});
