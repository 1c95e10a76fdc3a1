/**
 * The office's round pages in a real browser (Debian's Chromium through playwright-core), on the
 * dev stack with a worker: an admin creates an extra round for ontwikkelscholen with the form (a
 * closing before the opening is refused at its field), confirms it on the "Weet u het zeker?"
 * page, opens it now through the round page and its confirmation, and sees it open; then sets the
 * yearly plan for expertscholen and sees its next opening. axe-core checks every page visited.
 */
import { formatInTimeZone } from 'date-fns-tz';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../api/office/authenticate';
import { PROGRAMME_TIME_ZONE } from '../../domain/amsterdam-time';
import { schoolYearOf } from '../../domain/school-year';
import { launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { startDevStack, type DevStack } from '../support/dev-stack';
import { until } from '../support/until';

const DAY = 86_400_000;
let stack: DevStack;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDevStack({ worker: true }), launchChromium()]);
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  await context.addCookies([{ name: SESSION_COOKIE, value: stack.cookies.admin.slice(SESSION_COOKIE.length + 1), url: stack.apiUrl }]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

const wallClock = (days: number) => formatInTimeZone(new Date(Date.now() + days * DAY), PROGRAMME_TIME_ZONE, "yyyy-MM-dd'T'HH:mm");

test('an admin creates a round through the pages, confirms it, opens it now, and sets the yearly plan', async () => {
  const id = `extra-${Date.now()}`;
  const page = await context.newPage();
  expect((await page.goto(`${stack.apiUrl}/kantoor/rondes`))?.status()).toBe(200);
  await expect(page.locator('nav a[aria-current="page"]').textContent()).resolves.toBe('Rondes');
  await expectAccessible(page);

  await page.fill('#create-id', id);
  await page.fill('#create-name', 'Extra ronde ontwikkelscholen');
  await page.fill('#create-schoolYear', schoolYearOf(new Date()));
  await page.fill('#create-opensAt', wallClock(14));
  await page.fill('#create-closesAt', wallClock(7));
  await page.check('#create-tracks-1');
  await page.click('button[value="create"]');
  await page.locator('#fouten').waitFor();
  await expect(page.locator('#create-closesAt-fout').textContent()).resolves.toBe('Een ronde sluit na het moment waarop zij opent.');
  await expectAccessible(page);

  await page.fill('#create-closesAt', wallClock(45));
  await page.click('button[value="create"]');
  await page.locator('h1', { hasText: 'Weet u het zeker?' }).waitFor();
  await expectAccessible(page);
  expect(await stack.db.subsidyRound.findUnique({ where: { id } })).toBeNull();
  await page.click('button[value="bevestigen"]');
  await page.waitForURL(`${stack.apiUrl}/kantoor/rondes/${id}?gedaan=create`);
  await page.locator('h1', { hasText: 'Extra ronde ontwikkelscholen' }).waitFor();
  await expectAccessible(page);

  await page.click('button[value="open-now"]');
  await page.locator('h1', { hasText: 'Weet u het zeker?' }).waitFor();
  await expectAccessible(page);
  await page.click('button[value="bevestigen"]');
  await page.waitForURL(`${stack.apiUrl}/kantoor/rondes/${id}?gedaan=open-now`);
  await until(
    () => stack.db.subsidyRound.findUnique({ where: { id } }),
    (row) => row?.status === 'open',
    'the round to open',
  );
  await page.goto(`${stack.apiUrl}/kantoor/rondes`);
  await expect(page.locator('tr', { hasText: 'Extra ronde ontwikkelscholen' }).textContent()).resolves.toContain('open');

  // The yearly plan for expertscholen: 1 June to 1 October; its next opening shows in the plan's table.
  await page.fill('#plan-expertschool-opensDay', '1');
  await page.selectOption('#plan-expertschool-opensMonth', '6');
  await page.fill('#plan-expertschool-closesDay', '1');
  await page.selectOption('#plan-expertschool-closesMonth', '10');
  await page.fill('#plan-expertschool-capacity', '40');
  await page.click('button[value="plan-expertschool"]');
  await page.waitForURL(`${stack.apiUrl}/kantoor/rondes?gedaan=plan`);
  const planRow = page.locator('tr', { hasText: '1 juni om 09:00' });
  await expect(planRow.textContent()).resolves.toContain('1 oktober om 17:00');
  await expect(planRow.textContent()).resolves.toMatch(/1 juni 20\d\d om 09:00 \(schooljaar 20\d\d-20\d\d/);
  await expectAccessible(page);
});
