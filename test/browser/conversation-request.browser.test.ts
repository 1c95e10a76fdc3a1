/**
 * A school asks for the exploratory conversation on /gesprek-aanvragen in a real browser (Debian's
 * Chromium through playwright-core), by keyboard only, on a phone-sized screen: a refused submit
 * puts the focus on the error summary, the filled-in form is taken in, and the contact gets the
 * confirmation. axe-core finds no serious or critical WCAG 2.1 A/AA violation on any page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { startDevStack, type DevStack } from '../support/dev-stack';

let stack: DevStack;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDevStack({ worker: true }), launchChromium()]);
  // axe is injected as a script, which the pages' CSP forbids: this context lets it in.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

/** Presses Tab until the focus is where `reached` says, as a keyboard user would; fails if it never gets there. */
async function tabTo(page: Page, reached: (page: Page) => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await reached(page)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}
const tabToField = (page: Page, id: string) => tabTo(page, async (p) => (await focusedId(p)) === id, `#${id}`);
const tabToButton = (page: Page, text: string) => tabTo(page, async (p) => (await focusedText(p)) === text, `the button "${text}"`);

async function expectAccessibleOnAPhone(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  // Nothing sticks out sideways at 390 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

async function typeInto(page: Page, id: string, value: string): Promise<void> {
  await tabToField(page, id);
  await page.keyboard.type(value);
}

test('a school asks for the conversation, by keyboard, on a phone-sized screen', async () => {
  const page = await context.newPage();
  await page.goto(`${stack.apiUrl}/gesprek-aanvragen`);
  expect(await page.title()).toBe('Vraag een verkennend gesprek aan – Ontwikkelkracht');
  await expectAccessibleOnAPhone(page);

  // Sent empty: the page comes back with the error summary focused, and a message at each field.
  await tabToButton(page, 'Gesprek aanvragen');
  // The refused page has the same address as the form: wait for the answer itself, not the URL.
  await Promise.all([page.waitForResponse((response) => response.request().method() === 'POST'), page.keyboard.press('Enter')]);
  await page.waitForFunction(() => document.title.startsWith('Fout: '));
  expect(await page.title()).toBe('Fout: vraag een verkennend gesprek aan – Ontwikkelkracht');
  expect(await focusedId(page)).toBe('fouten');
  expect(await page.textContent('#brin-fout')).toContain('Een BRIN-code bestaat uit twee cijfers en twee letters');
  expect(await page.textContent('#sector-fout')).toBe('Kies de sector van de school.');
  await expectAccessibleOnAPhone(page);

  await typeInto(page, 'brin', '07xy');
  await typeInto(page, 'schoolName', 'Scholengemeenschap Het Baken');
  // Radio buttons: Tab reaches the group, the arrow keys choose.
  await tabToField(page, 'sector-0');
  await page.keyboard.press('ArrowDown');
  expect(await focusedId(page)).toBe('sector-1');
  await typeInto(page, 'region', 'Overijssel');
  await typeInto(page, 'contactName', 'Sanne de Vries');
  await typeInto(page, 'contactEmail', 's.devries@baken.example');
  await tabToField(page, 'trackInterest-0');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  expect(await focusedId(page)).toBe('trackInterest-3');
  await tabToField(page, 'hasAspirantYearBehind-0');
  await page.keyboard.press('Space');
  await typeInto(page, 'question', 'Wij willen weten welk traject bij onze school past.');
  await tabToButton(page, 'Gesprek aanvragen');
  await Promise.all([page.waitForURL(/\/gesprek-aanvragen\/ontvangen$/), page.keyboard.press('Enter')]);
  expect(await page.title()).toBe('Aanvraag ontvangen – Ontwikkelkracht');
  expect(await page.textContent('main')).toContain('binnen 10 werkdagen contact met u op');
  await expectAccessibleOnAPhone(page);

  const request = await stack.db.conversationRequest.findFirstOrThrow({ where: { brin: '07XY' } });
  expect(request).toMatchObject({ sector: 'VO', trackInterest: 'unsure', hasAspirantYearBehind: true, contactPhone: null });
  const mail = await stack.mail.waitFor((m) => m.to === 's.devries@baken.example');
  expect(mail.subject).toBe('Wij hebben uw aanvraag voor een verkennend gesprek ontvangen');
});
