/**
 * The enrolment, form and registration pages in a real browser: each state rendered without the
 * engine, with its stylesheets on a phone-sized screen and checked by axe-core for serious WCAG 2.1
 * A/AA violations; then a cohort's registration walked on the real stack (dev server, worker,
 * PostgreSQL, SMTP) from the mailed link. (The ontwikkelschool's walk comes with its journeys.)
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { h, type JSX } from 'preact';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assetsRouter } from '../../api/pages/assets';
import { errorsByField } from '../../api/pages/form-fields';
import { sendPage } from '../../api/pages/render';
import { EnrolmentStandingPage, TrajectoryChoicePage } from '../../api/school/enrolment-page';
import { FormAnsweredPage, FormPage, FormPastDuePage } from '../../api/school/form-page';
import { createCohort, registerForCohort, type CohortDependencies } from '../../services/cohorts/manage-cohorts';
import { formatDay } from '../../mail/format';
import { RegistrationClosedPage, RegistrationPage, RegistrationStandingPage } from '../../api/school/registration-page';
import { CreateCohort, type RegistrationView } from '../../domain/cohort';
import { formDefinitions } from '../../domain/forms';
import type { EnrolmentView, JourneyView } from '../../domain/journey';
import { formatMoment } from '../../mail/format';
import { getJourney } from '../../workflows/contracts/journey';
import { launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { cohortRequest, registration as registrationInput } from '../support/cohorts';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { createSchool } from '../support/fixtures';
import { getPage, linkIn, postForm, tokenOf } from '../support/school-links';
import { until } from '../support/until';

const token = 'A'.repeat(43);
const schoolName = 'Basisschool De Klimop';
const trajectories = [
  { trajectoryId: 'hub-12AB-2040-2041/t1', title: 'Begrijpend lezen', freePlaces: 2, waiting: 0, expertschool: { name: 'Het Kompas', region: 'Utrecht' } },
  {
    trajectoryId: 'hub-34CD-2040-2041/t1',
    title: 'Rekenen met begrip',
    freePlaces: 0,
    waiting: 2,
    expertschool: { name: 'De Vlinder', region: 'Noord-Holland' },
  },
];
const enrolment = (status: EnrolmentView['status'], extra: Partial<EnrolmentView> = {}): EnrolmentView => ({
  trajectoryId: 'hub-12AB-2040-2041/t1',
  title: 'Begrijpend lezen',
  expertschoolName: 'Het Kompas',
  status,
  position: null,
  acceptBefore: null,
  ...extra,
});
const form = { kind: 'nulmeting' as const, scope: '2040-2041', dueAt: '2040-10-01T07:00:00.000Z' };
const missing = errorsByField([{ path: ['scores', 'evidence'], message: 'Kies bij deze stelling een score van 1 tot en met 5.' }]);
const openRegistration: RegistrationView = {
  cohortId: 'vo-2040-abc',
  cohortName: 'Schoolontwikkeltraject VO 2040-2041',
  theme: null,
  secondTheme: null,
  schoolLeader: null,
  submittedAt: null,
  place: 'open',
  position: null,
  registrationClosesAt: '2040-04-30T15:00:00.000Z',
  kickOffOn: '2040-06-21',
  startDayOn: '2040-09-06',
};
const sentRegistration = {
  ...openRegistration,
  theme: 'wellbeing' as const,
  secondTheme: 'motivation' as const,
  schoolLeader: { name: 'Noor Visser', email: 'n.visser@baken.example' },
  submittedAt: '2040-04-20T08:00:00.000Z',
  place: 'waiting' as const,
  position: 2,
};
const registrationErrors = errorsByField([
  { path: ['theme'], message: 'Kies het thema waaraan uw school wil werken.' },
  { path: ['selfEvaluation', 'scores', 'goals'], message: 'Kies bij deze stelling een score van 1 tot en met 5.' },
  { path: ['schoolLeader', 'email'], message: 'Vul een geldig e-mailadres van de schoolleider in.' },
]);

const pages: Record<string, JSX.Element> = {
  choice: h(TrajectoryChoicePage, { token, schoolName, schoolYear: '2040-2041', trajectories }),
  'choice-refused': h(TrajectoryChoicePage, {
    token,
    schoolName,
    schoolYear: '2040-2041',
    trajectories,
    error: 'Dit leertraject hoort niet bij uw schooljaar.',
  }),
  'choice-after-lapsed-offer': h(TrajectoryChoicePage, { token, schoolName, schoolYear: '2040-2041', trajectories, lapsedOffer: 'Rekenen met begrip' }),
  enrolled: h(EnrolmentStandingPage, { token, schoolName, enrolment: enrolment('enrolled') }),
  waiting: h(EnrolmentStandingPage, { token, schoolName, enrolment: enrolment('waiting', { position: 2 }) }),
  offered: h(EnrolmentStandingPage, { token, schoolName, enrolment: enrolment('offered', { acceptBefore: '2040-06-22T15:00:00.000Z' }) }),
  form: h(FormPage, { token, schoolName, form }),
  'form-with-errors': h(FormPage, {
    token,
    schoolName,
    form,
    values: { scores: { vision: '4', practice: '2' }, remarks: '' },
    errors: missing.fields,
    general: missing.general,
  }),
  'form-answered': h(FormAnsweredPage, {
    form,
    answer: { scores: { vision: 4, practice: 2, evidence: 3, leadership: 5, lasting: 1 }, remarks: 'Goed begin.', at: '2040-09-20T08:00:00.000Z' },
    justSent: true,
  }),
  'form-past-due': h(FormPastDuePage, { form }),
  registration: h(RegistrationPage, { token, schoolName: 'Het Baken College', registration: openRegistration }),
  'registration-with-errors': h(RegistrationPage, {
    token,
    schoolName: 'Het Baken College',
    registration: openRegistration,
    values: { theme: '', secondTheme: 'motivation', scores: { vision: '4' }, remarks: '', leaderName: 'Noor Visser', leaderEmail: 'noor@' },
    errors: registrationErrors.fields,
    general: registrationErrors.general,
  }),
  'registration-placed': h(RegistrationStandingPage, {
    schoolName: 'Het Baken College',
    registration: { ...sentRegistration, place: 'placed', position: null },
    selfEvaluation: { scores: { vision: 4, goals: 3, support: 4, time: 3 }, remarks: 'Het team wil aan de slag.' },
    justSent: true,
  }),
  'registration-waiting': h(RegistrationStandingPage, { schoolName: 'Het Baken College', registration: sentRegistration, justSent: false }),
  'registration-closed': h(RegistrationClosedPage, { registration: openRegistration }),
};

let server: Server;
let origin: string;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  const app = express();
  app.use(assetsRouter());
  app.get('/voorbeeld/:name', (req, res) => {
    const page = pages[req.params.name];
    if (!page) return void res.status(404).end();
    sendPage(res, 200, page);
  });
  server = await new Promise<Server>((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

test.each(Object.keys(pages))('%s has no serious accessibility violations on a phone-sized screen', async (name) => {
  const page = await context.newPage();
  const response = await page.goto(`${origin}/voorbeeld/${name}`);
  expect(response?.status()).toBe(200);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.close();
});

test('a statement is answered by keyboard: Tab into its group, arrows pick the score', async () => {
  const page = await context.newPage();
  await page.goto(`${origin}/voorbeeld/form`);
  for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.id ?? '')) !== 'scores-vision-0'; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('scores-vision-0');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await page.evaluate(() => (document.querySelector('input[name="scores[vision]"]:checked') as HTMLInputElement | null)?.value)).toBe('3');
  // The next Tab leaves the group for the next statement.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('scores[practice]');
  await page.close();
});

describe('a registration for a cohort, from the mailed link, on the real stack', () => {
  let stack: DevStack;
  let deps: CohortDependencies;
  // Five places: the first school and four more fill the cohort, the sixth waits in line.
  const cohort = CreateCohort.parse(cohortRequest(Date.now(), { capacity: 5 }));
  const statements = Object.keys(formDefinitions.self_evaluation.statements);

  beforeAll(async () => {
    stack = await startDevStack({ worker: true });
    deps = { db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue };
    await createCohort(deps, cohort);
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** A VO school registered for the cohort by the office, and the link in the mail its school leader gets. */
  async function registered(name: string): Promise<{ journeyId: string; link: string }> {
    const school = await createSchool(stack.db, { name, sector: 'VO' });
    const { journeyId } = await registerForCohort(deps, cohort.id, school.brin);
    const mail = await stack.mail.waitFor((m) => m.to === school.contactEmail && m.subject.startsWith(`Meld uw school aan voor ${cohort.name}`), 30_000);
    return { journeyId, link: linkIn(mail) };
  }

  const journeyOf = (journeyId: string): Promise<JourneyView> => stack.client.workflow.getHandle(journeyId).query(getJourney);
  const mainText = (page: Page) => page.locator('main').textContent();

  test('the school leader registers on a phone: the cohort and its dates, errors by their fields with what was typed, then a place', async () => {
    const { journeyId, link } = await registered('Het Baken College');
    const page = await context.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await page.title()).toBe(`Aanmelden voor ${cohort.name} – Ontwikkelkracht`);
    const intro = await mainText(page);
    expect(intro).toContain(formatMoment(cohort.registrationClosesAt));
    expect(intro).toContain(formatDay(cohort.kickOffOn));
    expect(intro).toContain(formatDay(cohort.startDayOn));
    expect(intro).toContain('Betekenisvolle leeromgeving');
    expect(intro).toContain(formDefinitions.self_evaluation.statements.support);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // No theme, one score, a broken address: every problem by its field, and nothing is lost.
    await page.check('#selfEvaluation-scores-vision-3');
    await page.fill('#selfEvaluation-remarks', 'Het team wil aan de slag.');
    await page.fill('#schoolLeader-name', 'Noor Visser');
    await page.fill('#schoolLeader-email', 'noor@');
    await page.click('button[value="submit"]');
    await page.locator('#fouten').waitFor();
    expect(await page.title()).toBe(`Fout: Aanmelden voor ${cohort.name} – Ontwikkelkracht`);
    await expect(page.locator('#theme-fout').textContent()).resolves.toBe('Kies het thema waaraan uw school wil werken.');
    await expect(page.locator('#selfEvaluation-scores-goals-fout').textContent()).resolves.toBe('Kies bij deze stelling een score van 1 tot en met 5.');
    await expect(page.locator('#schoolLeader-email-fout').textContent()).resolves.toBe('Vul een geldig e-mailadres van de schoolleider in.');
    await expect(page.locator('#fouten').textContent()).resolves.toContain('Stelling 2: Kies bij deze stelling een score van 1 tot en met 5.');
    await expect(page.isChecked('#selfEvaluation-scores-vision-3')).resolves.toBe(true);
    await expect(page.isChecked('#secondTheme-0')).resolves.toBe(true);
    await expect(page.inputValue('#selfEvaluation-remarks')).resolves.toBe('Het team wil aan de slag.');
    await expect(page.inputValue('#schoolLeader-name')).resolves.toBe('Noor Visser');
    await expect(page.inputValue('#schoolLeader-email')).resolves.toBe('noor@');
    await expect(page.getAttribute('#schoolLeader-email', 'aria-invalid')).resolves.toBe('true');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.click('#fouten a[href="#schoolLeader-email"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('schoolLeader-email');
    expect((await journeyOf(journeyId)).registration?.submittedAt).toBeNull();

    await page.check('#theme-2'); // Welbevinden
    await page.check('#secondTheme-1'); // Motivatie
    for (const key of ['goals', 'support', 'time']) await page.check(`#selfEvaluation-scores-${key}-2`);
    await page.fill('#schoolLeader-email', 'n.visser@baken.example');
    await page.click('button[value="submit"]');
    await page.locator('h1', { hasText: 'U heeft een plaats' }).waitFor();
    expect(page.url()).toBe(link);
    const placed = await mainText(page);
    expect(placed).toContain(`Uw aanmelding voor ${cohort.name} is ontvangen.`);
    expect(placed).toContain(`Het Baken College heeft een plaats in ${cohort.name}.`);
    expect(placed).toContain('Noor Visser (n.visser@baken.example)');
    expect(placed).toContain('4 – grotendeels');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();

    // What the workflow holds is what was typed; the mail's link keeps showing where the school stands.
    expect((await journeyOf(journeyId)).registration).toMatchObject({
      place: 'placed',
      theme: 'wellbeing',
      secondTheme: 'motivation',
      schoolLeader: { name: 'Noor Visser', email: 'n.visser@baken.example' },
    });
    const selfEvaluation = (await journeyOf(journeyId)).forms.find((f) => f.kind === 'self_evaluation');
    expect(selfEvaluation?.answer).toMatchObject({ scores: { vision: 4, goals: 3, support: 3, time: 3 }, remarks: 'Het team wil aan de slag.' });
    const again = await getPage(link);
    expect(again.status).toBe(200);
    expect(again.html).toContain('<h1 class="utrecht-heading-1">U heeft een plaats</h1>');
  });

  test('a full cohort puts the next school on the waiting list, without JavaScript; a later visit shows its place in line, then its place', async () => {
    // The cohort fills up over the JSON API (the first test placed one school).
    const others = [];
    for (const n of [1, 2, 3, 4]) {
      const { journeyId, link } = await registered(`VO-school ${n}`);
      const sent = await api(stack, 'POST', `/api/journeys/${journeyId}/registration`, registrationInput('motivation'), tokenOf(link));
      expect(sent.body.registration).toMatchObject({ place: 'placed' });
      others.push(journeyId);
    }

    const { journeyId, link } = await registered('Het Lyceum');
    const fields: Record<string, string> = {
      theme: 'formative',
      secondTheme: '',
      'selfEvaluation[remarks]': '',
      'schoolLeader[name]': 'Sanne de Wit',
      'schoolLeader[email]': 's.dewit@lyceum.example',
      intent: 'submit',
    };
    for (const key of statements) fields[`selfEvaluation[scores][${key}]`] = '5';
    const waiting = await postForm(link, fields);
    expect(waiting.status).toBe(200);
    expect(waiting.html).toContain('<h1 class="utrecht-heading-1">U staat op de wachtlijst</h1>');
    expect(waiting.html).toContain('Het cohort is vol: Het Lyceum staat op de wachtlijst, op plaats 1.');
    expect((await journeyOf(journeyId)).registration).toMatchObject({ place: 'waiting', position: 1, theme: 'formative', secondTheme: null });

    // A later visit with the mail's link shows where the school stands.
    const page = await context.newPage();
    await page.goto(link);
    expect(await page.title()).toBe('U staat op de wachtlijst – Ontwikkelkracht');
    const standing = await mainText(page);
    expect(standing).toContain('Uw school heeft de aanmelding');
    expect(standing).toContain('Plaats op de wachtlijst');
    expect(standing).toContain('Formatief handelen');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A placed school stops: its place goes to the first in line, and the page says so.
    const stopped = await api(stack, 'POST', `/api/journeys/${others[0]}/cancel`, { reason: 'Het bestuur trekt de school terug.' });
    expect(stopped.status).toBe(200);
    await until(
      () => journeyOf(journeyId),
      (j) => j.registration?.place === 'placed',
      'the waiting school to get the place',
    );
    await page.reload();
    await page.locator('h1', { hasText: 'U heeft een plaats' }).waitFor();
    expect(await mainText(page)).toContain(`Het Lyceum heeft een plaats in ${cohort.name}.`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
