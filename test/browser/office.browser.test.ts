/**
 * The programme office in a real browser (Debian's Chromium through playwright-core): sign in,
 * filter the overview, open a case, take an action and see the timeline change, read the
 * reports, sign out. axe-core checks every office page for serious WCAG 2.1 A/AA violations.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createStaffMember } from '../../services/staff/staff-member';
import { launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { createSchool } from '../support/fixtures';

let stack: DevStack;
let browser: Browser;
let context: BrowserContext;
const email = 'marloes.vink@ontwikkelkracht.example';
const password = 'correct paard batterij niet';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDevStack({ worker: true }), launchChromium()]);
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  await createStaffMember(stack.db, { email, name: 'Marloes Vink', role: 'staff' }, password);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

async function journeyFor(name: string, region: string, toIntake: boolean): Promise<string> {
  const school = await createSchool(stack.db, { name, region });
  const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  if (toIntake)
    await api(stack, 'POST', `/api/journeys/${body.journeyId}/conversation-report`, {
      conductedOn: '2026-11-20',
      report: 'Verkennend gesprek over de leesaanpak.',
    });
  return body.journeyId;
}

test('sign in, filter, open a case, record the conversation, see it on the timeline, sign out', async () => {
  const lindeId = await journeyFor('Basisschool De Linde', 'Zwolle', false);
  await journeyFor('Basisschool Het Anker', 'Utrecht', true);

  const page = await context.newPage();
  const response = await page.goto(`${stack.apiUrl}/kantoor`);
  expect(response?.status()).toBe(401);
  await expectAccessible(page);
  await page.fill('#email', email);
  await page.fill('#password', 'fout');
  await page.keyboard.press('Enter');
  await page.locator('#fouten').waitFor();
  await page.fill('#password', password);
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: 'Overzicht van alle scholen' }).waitFor();
  await expectAccessible(page);

  // Filter on the phase "gesprek" and the region: only De Linde remains.
  await page.selectOption('#phase', 'conversation');
  await page.selectOption('#region', 'Zwolle');
  await page.click('button:has-text("Toon")');
  await page.waitForURL(/phase=conversation/);
  const rows = page.locator('table.koers-table tbody tr');
  await expect(rows.count()).resolves.toBe(1);
  await expect(rows.first().textContent()).resolves.toContain('Basisschool De Linde');

  await page.click('a:has-text("Basisschool De Linde")');
  await page.locator('h1', { hasText: 'Basisschool De Linde' }).waitFor();
  expect(page.url()).toBe(`${stack.apiUrl}/kantoor/dossiers/${lindeId}`);
  await expectAccessible(page);

  // A refused action is explained at its form, and the page stays accessible.
  await page.fill('#conversation-plan-startsAt', '2020-01-06T10:00');
  await page.fill('#conversation-plan-location', 'Dorpsstraat 1, Zwolle');
  await page.click('button[value="conversation-plan"]');
  await page.locator('form[action$="/acties/conversation-plan"] #fouten').waitFor();
  await expect(page.locator('form[action$="/acties/conversation-plan"]').textContent()).resolves.toContain('Kies een moment in de toekomst.');
  await expectAccessible(page);

  await page.fill('#conversation-report-conductedOn', '2026-11-23');
  await page.fill('#conversation-report-report', 'Goed gesprek; de school wil verder met de intake.');
  await page.click('button[value="conversation-report"]');
  await page.locator('.utrecht-alert--ok', { hasText: 'Vastgelegd' }).waitFor();
  const timeline = await page.locator('#tijdlijn').textContent();
  expect(timeline).toContain('Gespreksverslag vastgelegd');
  expect(timeline).toContain('Marloes Vink');
  await expect(page.locator('main').textContent()).resolves.toContain('Uitkomst van de intake');

  await page.click('a:has-text("Rapportages")');
  await page.locator('h1', { hasText: 'Rapportages' }).waitFor();
  await expectAccessible(page);

  await page.click('button:has-text("Uitloggen")');
  await page.locator('h1', { hasText: 'Inloggen voor het programmabureau' }).waitFor();
  expect((await page.goto(`${stack.apiUrl}/kantoor`))?.status()).toBe(401);
  await page.close();
});
