/**
 * How the pages hold up on a phone (390 px) and a desktop (1280 px), in a real browser (Debian's
 * Chromium through playwright-core), checked geometrically: no chart label runs over a bar or out
 * of its chart, the page never scrolls sideways while a wide table scrolls in its own box,
 * checkboxes and radio buttons are at least 24 by 24 px, and after a refused submit the focus is
 * on the error summary. axe-core finds no serious violation. Screenshots go to the test's scratch
 * folder, for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../api/office/authenticate';
import { launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { api, openRoundNow, startDevStack, type DevStack } from '../support/dev-stack';
import { createSchool } from '../support/fixtures';
import { rawCodesIn } from '../support/raw-codes';
import { linkIn } from '../support/school-links';
import { requiredEnv } from '../support/time-skipping';

const office = 'Anna Visser';
const WIDTHS = [390, 1280] as const;
let stack: DevStack;
let browser: Browser;
let caseInIntake: string;
let caseInConversation: string;
let applicationLink: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDevStack({ worker: true }), launchChromium()]);
  mkdirSync(path.join(requiredEnv('KOERS_TEST_SCRATCH'), 'screenshots'), { recursive: true });
  await openRoundNow(stack, { id: 'opmaak-voorjaar', name: 'Voorjaar', schoolYear: '2040-2041' });
  const start = async (name: string) => {
    const school = await createSchool(stack.db, { name, equalAccessMarkers: ['small_regional'] });
    const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
    return { school, journeyId: body.journeyId as string };
  };
  caseInConversation = (await start('Basisschool De Brede Tabel')).journeyId;
  const intake = await start('Openbare Basisschool Het Lange Schoolnaamgebouw aan de Rivier');
  await api(stack, 'POST', `/api/journeys/${intake.journeyId}/conversation-report`, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de leesaanpak.',
    recordedBy: office,
  });
  caseInIntake = intake.journeyId;
  const applying = await start('Basisschool De Aanvraag');
  await api(stack, 'POST', `/api/journeys/${applying.journeyId}/conversation-report`, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de leesaanpak.',
    recordedBy: office,
  });
  await api(stack, 'POST', `/api/journeys/${applying.journeyId}/intake-outcome`, { outcome: 'expertschool', recordedBy: office });
  applicationLink = linkIn(await stack.mail.waitFor((m) => m.to === applying.school.contactEmail && m.subject === 'Aanvraagronde Voorjaar is geopend'));
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** A signed-in office member's browser at this width; axe is injected as a script, which the CSP forbids: bypassCSP lets it in. */
async function officeContext(width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 }, locale: 'nl-NL' });
  await context.addCookies([{ name: SESSION_COOKIE, value: stack.cookies.admin.slice(SESSION_COOKIE.length + 1), url: stack.apiUrl }]);
  return context;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(requiredEnv('KOERS_TEST_SCRATCH'), 'screenshots', `${name}.png`), fullPage: true });
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** The page never scrolls sideways: what is wider (a table) scrolls in its own box. */
async function expectNoSidewaysScroll(page: Page, width: number): Promise<void> {
  const { scrollWidth, widest } = await page.evaluate((viewport) => {
    // What sticks out, outside any box that scrolls itself: named in the failure, to find it by.
    const scrollsItself = (element: Element | null): boolean =>
      element !== null &&
      element !== document.body &&
      ((getComputedStyle(element).overflowX !== 'visible' && element.scrollWidth > element.clientWidth) || scrollsItself(element.parentElement));
    const widest = Array.from(document.body.querySelectorAll('*'))
      .filter((element) => element.getBoundingClientRect().right > viewport + 0.5 && !scrollsItself(element.parentElement))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} ${Math.round(element.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, widest };
  }, width);
  expect({ scrollWidth: Math.min(scrollWidth, width), widest: scrollWidth > width ? widest : [] }).toEqual({
    scrollWidth: Math.min(scrollWidth, width),
    widest: [],
  });
  expect(scrollWidth).toBeLessThanOrEqual(width);
}

/** Every checkbox and radio button on the page is at least 24 by 24 CSS pixels. */
async function expectTouchTargets(page: Page): Promise<number> {
  const sizes = await page.$$eval('input[type=checkbox], input[type=radio]', (inputs) =>
    inputs.map((input) => {
      const box = input.getBoundingClientRect();
      return { id: input.id, width: box.width, height: box.height };
    }),
  );
  expect(sizes.filter((s) => s.width < 24 || s.height < 24)).toEqual([]);
  return sizes.length;
}

describe.each(WIDTHS)('at %i px wide', (width) => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await officeContext(width);
  });
  afterAll(async () => {
    await context?.close();
  });

  test('the reports: chart labels clear of every bar and inside their chart, the wide table scrolls in its own box', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/kantoor/rapportages`);
    await screenshot(page, `rapportages-${width}`);
    const charts = await page.$$eval('figure.koers-chart svg', (svgs) =>
      svgs.map((svg) => {
        const box = (element: Element) => {
          const r = element.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: element.textContent ?? '' };
        };
        return { svg: box(svg), texts: Array.from(svg.querySelectorAll('text')).map(box), bars: Array.from(svg.querySelectorAll('rect, line')).map(box) };
      }),
    );
    expect(charts).toHaveLength(2);
    const overlaps = (a: { left: number; right: number; top: number; bottom: number }, b: typeof a) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    for (const chart of charts) {
      expect(chart.texts.length).toBeGreaterThan(0);
      for (const text of chart.texts) {
        expect({ text: text.text, overBar: chart.bars.some((bar) => overlaps(text, bar)) }).toEqual({ text: text.text, overBar: false });
        expect(text.left).toBeGreaterThanOrEqual(chart.svg.left - 0.5);
        expect(text.right).toBeLessThanOrEqual(chart.svg.right + 0.5);
        expect(text.top).toBeGreaterThanOrEqual(chart.svg.top - 0.5);
        expect(text.bottom).toBeLessThanOrEqual(chart.svg.bottom + 0.5);
      }
    }

    await expectNoSidewaysScroll(page, width);
    const wrapper = page.locator('.koers-table-wrapper[aria-labelledby="fase-kop"]');
    await expect(wrapper.getAttribute('tabindex')).resolves.toBe('0');
    expect((await wrapper.getAttribute('aria-label')) ?? (await wrapper.getAttribute('aria-labelledby'))).toBeTruthy();
    const scroll = await wrapper.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
    if (width === 390) expect(scroll.scrollWidth).toBeGreaterThan(scroll.clientWidth);
    // Keyboard: the table's box takes focus (and then scrolls with the arrow keys).
    await wrapper.focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby'))).toBe('fase-kop');
    await expectAccessible(page);
    await page.close();
  });

  test('the overview and a case: no sideways scroll, radio buttons of 24 px, focus on the error summary after a refused submit', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/kantoor`);
    await expectNoSidewaysScroll(page, width);
    await screenshot(page, `overzicht-${width}`);
    await expectAccessible(page);

    await page.goto(`${stack.apiUrl}/kantoor/dossiers/${caseInIntake}`);
    await page.locator('#intake-outcome-outcome').waitFor();
    expect(await expectTouchTargets(page)).toBeGreaterThanOrEqual(4);
    await expectNoSidewaysScroll(page, width);
    // Submitted without a choice: refused, and the focus is on the summary of what to fix.
    await page.click('button[value="intake-outcome"]');
    await page.locator('form[action$="/acties/intake-outcome"] #fouten').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fouten');
    expect(rawCodesIn(await page.locator('#fouten').innerText())).toEqual([]);
    await screenshot(page, `dossier-geweigerd-${width}`);
    await expectNoSidewaysScroll(page, width);
    await expectAccessible(page);

    await page.goto(`${stack.apiUrl}/kantoor/dossiers/${caseInConversation}`);
    await page.click('button[value="conversation-plan"]');
    await page.locator('form[action$="/acties/conversation-plan"] #fouten').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fouten');
    await page.close();
  });

  test("a school's application: checkboxes of 24 px, focus on the error summary after a refused submit", async () => {
    const page = await context.newPage();
    await page.goto(applicationLink);
    expect(await expectTouchTargets(page)).toBeGreaterThanOrEqual(1);
    await expectNoSidewaysScroll(page, width);
    await screenshot(page, `aanvraag-${width}`);
    await page.fill('#participants-0-email', 'fatima@');
    await page.click('button[value="submit"]');
    await page.locator('#fouten').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fouten');
    await expectNoSidewaysScroll(page, width);
    await screenshot(page, `aanvraag-geweigerd-${width}`);
    await expectAccessible(page);
    await page.close();
  });

  test('signing in with a wrong password puts the focus on the error summary; the favicon is served', async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${stack.apiUrl}/kantoor/inloggen`);
    await expect(page.getAttribute('link[rel="icon"]', 'href')).resolves.toBe('/favicon.svg');
    await page.fill('#email', 'niemand@ontwikkelkracht.example');
    await page.fill('#password', 'fout');
    await page.keyboard.press('Enter');
    await page.locator('#fouten').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fouten');
    const icon = await page.request.get(`${stack.apiUrl}/favicon.svg`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    expect([200, 204]).toContain((await page.request.get(`${stack.apiUrl}/favicon.ico`)).status());
    await page.close();
  });
});
