/**
 * The office's cohort pages in a real browser (Debian's Chromium through playwright-core), on the
 * dev stack with a worker: an admin creates a cohort with the form (a bad capacity is refused at
 * its field), registers VO schools by BRIN (a PO school is refused in Dutch), the schools complete
 * their registration by their mailed link and have their intake; then the office proposes the
 * development groups (five schools on one theme form a group, the one on another theme is a
 * problem), confirms them, and is told why confirming again is refused. axe-core checks the pages.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../api/office/authenticate';
import type { DevelopmentTheme } from '../../domain/development-groups';
import { journeyWorkflowId } from '../../workflows/contracts/journey';
import { launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { cohortRequest, registration } from '../support/cohorts';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { createSchool } from '../support/fixtures';
import { linkIn, tokenOf } from '../support/school-links';
import { until } from '../support/until';

let stack: DevStack;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDevStack({ worker: true }), launchChromium()]);
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  // Signed in as the stack's admin (Anna Visser): only admins see the form that creates a cohort.
  await context.addCookies([{ name: SESSION_COOKIE, value: stack.cookies.admin.slice(SESSION_COOKIE.length + 1), url: stack.apiUrl }]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** The school leader completes the registration with the link from the mail; the office records the intake. */
async function registerAndIntake(request: { name: string }, journeyId: string, contactEmail: string, theme: DevelopmentTheme): Promise<void> {
  const mail = await stack.mail.waitFor((m) => m.to === contactEmail && m.subject.startsWith(`Meld uw school aan voor ${request.name}`), 30_000);
  const submitted = await api(stack, 'POST', `/api/journeys/${journeyId}/registration`, registration(theme), tokenOf(linkIn(mail)));
  expect(submitted.body).toMatchObject({ phase: 'intake', registration: { place: 'placed', theme } });
  const intake = await api(stack, 'POST', `/api/journeys/${journeyId}/intake-outcome`, { outcome: 'ontwikkelschool', notes: 'Online intake gehouden.' });
  expect(intake.body).toMatchObject({ phase: 'grouping' });
}

test('create a cohort, register schools, propose development groups with a problem, confirm them', async () => {
  const request = cohortRequest(Date.now());
  const page = await context.newPage();

  expect((await page.goto(`${stack.apiUrl}/kantoor/cohorten`))?.status()).toBe(200);
  await expect(page.locator('nav a[aria-current="page"]').textContent()).resolves.toBe('Cohorten');
  await expectAccessible(page);
  // A staff member sees the cohorts but not the form that creates one.
  const asStaff = await fetch(`${stack.apiUrl}/kantoor/cohorten`, { headers: { cookie: stack.cookies.staff } });
  expect(await asStaff.text()).not.toContain('Cohort aanmaken');

  // The moment registration closes, as the office types it: Amsterdam wall-clock time, two weeks ahead.
  const closes = `${new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10)}T17:00`;
  await page.fill('#create-id', request.id);
  await page.fill('#create-name', request.name);
  await page.fill('#create-schoolYear', request.schoolYear);
  await page.fill('#create-capacity', '2');
  await page.fill('#create-registrationClosesAt', closes);
  await page.fill('#create-kickOffOn', request.kickOffOn);
  await page.fill('#create-startDayOn', request.startDayOn);
  await page.click('button[value="create"]');
  await page.locator('#fouten').waitFor();
  await expect(page.locator('#create-capacity-fout').textContent()).resolves.toBe(
    'Een cohort heeft minstens 5 plaatsen: een ontwikkelgroep telt 5 tot 7 scholen.',
  );
  await expect(page.inputValue('#create-name')).resolves.toBe(request.name);
  await page.fill('#create-capacity', '6');
  await page.click('button[value="create"]');
  await page.waitForURL(`${stack.apiUrl}/kantoor/cohorten/${request.id}?gedaan=create`);
  await page.locator('h1', { hasText: request.name }).waitFor();

  // Only VO schools: a PO school is refused at the BRIN field, in Dutch.
  const po = await createSchool(stack.db, { name: 'Basisschool De Regenboog', sector: 'PO' });
  await page.fill('#register-brin', po.brin);
  await page.click('button[value="register"]');
  await page.locator('form[action$="/acties/register"] #fouten').waitFor();
  await expect(page.locator('#register-brin-fout').textContent()).resolves.toBe(
    'Het traject Schoolontwikkeltraject (VO) is voor scholen uit VO; Basisschool De Regenboog is een PO-school.',
  );

  // One school registered with the form, five more through the API: five on one theme, one on another.
  const schools = await Promise.all(
    ['Het Baken 1', 'Het Baken 2', 'Het Baken 3', 'Het Baken 4', 'Het Baken 5', 'Lyceum De Linde'].map((name) =>
      createSchool(stack.db, { name, sector: 'VO' }),
    ),
  );
  const themeOf = (i: number): DevelopmentTheme => (i < 5 ? 'motivation' : 'wellbeing');
  await page.fill('#register-brin', schools[0]!.brin.toLowerCase());
  await page.click('button[value="register"]');
  await page.waitForURL(/gedaan=register/);
  await expect(page.locator('.utrecht-alert--ok').textContent()).resolves.toContain('De school is aangemeld.');
  for (const school of schools.slice(1)) {
    expect((await api(stack, 'POST', `/api/cohorts/${request.id}/registrations`, { brin: school.brin })).status).toBe(201);
  }
  const journeyIds = schools.map((s) => journeyWorkflowId(s.brin, 'schoolontwikkeling'));
  await Promise.all(schools.map((school, i) => registerAndIntake(request, journeyIds[i]!, school.contactEmail, themeOf(i))));
  await until(
    () => api(stack, 'GET', `/api/cohorts/${request.id}`),
    (r) => r.body.readyForGrouping.length === 6,
    'six schools ready for grouping',
  );

  await page.reload();
  await expect(page.locator('section[aria-labelledby="indeling-kop"] tbody tr').count()).resolves.toBe(6);
  // A school's name leads to its case.
  await expect(page.locator(`a[href="/kantoor/dossiers/${journeyIds[5]}"]`).first().textContent()).resolves.toBe('Lyceum De Linde');

  await page.click('button:has-text("Stel ontwikkelgroepen voor")');
  await page.waitForURL(/gedaan=propose/);
  await page.locator('h3', { hasText: 'Groep 1: Motivatie (5 scholen)' }).waitFor();
  const problems = await page.locator('.utrecht-alert--warning').textContent();
  expect(problems).toContain('Niet iedereen kan worden ingedeeld');
  expect(problems).toContain('Voor het thema Welbevinden');
  expect(problems).toContain('(Lyceum De Linde)');
  await expectAccessible(page);

  await page.click('button:has-text("Bevestig ontwikkelgroepen")');
  await page.waitForURL(/gedaan=confirm/);
  const confirmed = await page.locator('section[aria-labelledby="groepen-kop"]').textContent();
  expect(confirmed).toContain(`Motivatie (${request.id}/motivation-1)`);
  expect(confirmed).toContain('Bevestigd door Anna Visser');
  for (const name of ['Het Baken 1', 'Het Baken 5']) expect(confirmed).toContain(name);
  expect(confirmed).not.toContain('Lyceum De Linde');
  await expect(page.locator('section[aria-labelledby="plaatsen-kop"]').textContent()).resolves.toContain(`in groep ${request.id}/motivation-1`);

  // Whoever is left cannot form a group: confirming again is refused, with the reason, at its button.
  await page.click('button:has-text("Bevestig ontwikkelgroepen")');
  await page.locator('form[action$="/acties/confirm"] #fouten').waitFor();
  await expect(page.locator('form[action$="/acties/confirm"] #fouten').textContent()).resolves.toContain(
    'Er kan nog geen ontwikkelgroep worden gevormd. Voor het thema Welbevinden',
  );
  await expectAccessible(page);

  // The list counts the places the cohort's workflow holds.
  await page.click('nav a:has-text("Cohorten")');
  const row = page.locator('section[aria-labelledby="cohorten-kop"] tbody tr', { hasText: request.name });
  await expect(row.locator('td').allTextContents()).resolves.toEqual([
    request.name,
    request.schoolYear,
    'aanmelding open',
    '6',
    '6',
    '0',
    expect.stringContaining('om 17:00'),
    expect.any(String),
    expect.any(String),
  ]);
  await page.close();
});
