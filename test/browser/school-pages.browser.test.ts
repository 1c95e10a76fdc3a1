/**
 * A school on its e-mailed link, in a real browser (Debian's Chromium through playwright-core),
 * by keyboard only: from the round mail to a submitted application. axe-core checks every school
 * page for serious WCAG 2.1 A/AA violations.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { School } from '../../domain/school';
import { launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { api, openRoundNow, startDevStack, startInAspirantYear, type DevStack } from '../support/dev-stack';
import { completeApplication, createSchool } from '../support/fixtures';
import { linkIn } from '../support/school-links';

const DAY = 86_400_000;
const office = 'Anna Visser';
let stack: DevStack;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDevStack({ worker: true }), launchChromium()]);
  // axe is injected as a script, which the pages' CSP forbids: this context lets it in.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
  await openRoundNow(stack, { id: 'browser-voorjaar', name: 'Voorjaar', schoolYear: '2040-2041' });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function schoolInRound(): Promise<{ school: School; link: string }> {
  const school = await createSchool(stack.db, { name: 'Basisschool De Klimop' });
  const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  await api(stack, 'POST', `/api/journeys/${body.journeyId}/conversation-report`, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de leesaanpak.',
    recordedBy: office,
  });
  await api(stack, 'POST', `/api/journeys/${body.journeyId}/intake-outcome`, { outcome: 'expertschool', recordedBy: office });
  const mail = await stack.mail.waitFor((m) => m.to === school.contactEmail && m.subject === 'Aanvraagronde Voorjaar is geopend');
  return { school, link: linkIn(mail) };
}

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

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

const roleKeys: Record<string, string> = { school_leader: 'schoolleider', teacher: 'leraar', internal_supervisor: 'intern', other: 'anders' };

test('from the round mail to a submitted application, by keyboard, on a phone-sized screen', async () => {
  const { school, link } = await schoolInRound();
  const page = await context.newPage();
  await page.goto(link);
  expect(await page.title()).toBe('Uw aanvraag – Ontwikkelkracht');
  await expectAccessible(page);

  // The skip link comes first and leads to the content.
  await page.keyboard.press('Tab');
  expect(await focusedText(page)).toBe('Direct naar de inhoud');
  await page.keyboard.press('Enter');

  const application = completeApplication();
  for (const [i, participant] of application.participants.entries()) {
    await tabToField(page, `participants-${i}-name`);
    await page.keyboard.type(participant.name);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe(`participants-${i}-email`);
    await page.keyboard.type(participant.email);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe(`participants-${i}-role`);
    await page.keyboard.type(roleKeys[participant.role]!);
  }
  // The status line follows as the school types.
  await expect(page.locator('#deelnemers-status').textContent()).resolves.toBe('4 deelnemers ingevuld, minstens 4 nodig. Er is een schoolleider bij.');

  for (const [key, content] of Object.entries(application.sections)) {
    await tabToField(page, `sections-${key}`);
    await page.keyboard.type(content!);
  }
  const [first, second] = application.trajectories;
  await tabToField(page, 'trajectories-0-title');
  await page.keyboard.type(first!.title);
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(first!.places));

  // A second trajectory needs a new row: the button saves, and the focus lands in the new row.
  await tabToButton(page, 'Nog een leertraject toevoegen');
  await page.keyboard.press('Enter');
  // Waiting on what only the new page has (locators outlive the navigation in between).
  await page.locator('#trajectories-1-title').waitFor();
  expect(await focusedId(page)).toBe('trajectories-1-title');
  await expect(page.locator('.utrecht-alert--ok').textContent()).resolves.toContain('Opgeslagen');
  await expect(page.inputValue('#participants-3-email')).resolves.toBe(application.participants[3]!.email);
  await page.keyboard.type(second!.title);
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(second!.places));

  await tabToButton(page, 'Aanvraag indienen');
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: 'Uw aanvraag is ingediend' }).waitFor();
  expect(page.url()).toBe(link);
  await expect(page.locator('main').textContent()).resolves.toContain(school.name);
  await expectAccessible(page);

  const journey = await stack.db.journey.findFirstOrThrow({ where: { brin: school.brin } });
  expect(journey.phase).toBe('decision');
  await page.close();
});

test('errors are summarised at the top, linked to their fields, and marked on the fields', async () => {
  const { link } = await schoolInRound();
  const page = await context.newPage();
  await page.goto(link);
  await page.fill('#participants-0-name', 'Fatima el Amrani');
  await page.fill('#participants-0-email', 'fatima@');
  await page.focus('#participants-0-email');
  // Enter in a field saves (the form's default button); it never submits the application.
  await page.keyboard.press('Enter');
  await page.waitForSelector('#fouten');
  expect(await page.title()).toBe('Fout in uw aanvraag – Ontwikkelkracht');
  await expect(page.locator('#participants-0-email-fout').textContent()).resolves.toBe('Vul een geldig e-mailadres in.');
  await expect(page.getAttribute('#participants-0-email', 'aria-invalid')).resolves.toBe('true');
  await expect(page.getAttribute('#participants-0-email', 'aria-describedby')).resolves.toContain('participants-0-email-fout');
  await expectAccessible(page);

  await page.click('#fouten a[href="#participants-0-email"]');
  expect(await focusedId(page)).toBe('participants-0-email');
  await page.close();
});

test('the accessibility check finds what it should: an unlabelled field, unreadable contrast', async () => {
  const page = await context.newPage();
  await page.setContent(
    '<html lang="nl"><head><title>Proef</title></head><body><main><h1>Proef</h1><input type="text"><p style="color:#ddd;background:#fff">Vaag</p></main></body></html>',
  );
  const found = await seriousAccessibilityViolations(page);
  expect(found.map((line) => line.split(':')[0])).toEqual(expect.arrayContaining(['label', 'color-contrast']));
  await page.close();
});

test('the invitation, the expert team form and every refusal page pass the accessibility check', async () => {
  const page = await context.newPage();

  const school = await createSchool(stack.db, { name: 'Basisschool De Esdoorn' });
  const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  await api(stack, 'POST', `/api/journeys/${body.journeyId}/conversation-plan`, {
    startsAt: new Date(Date.now() + 7 * DAY).toISOString(),
    location: 'Dorpsstraat 1, Utrecht',
    plannedBy: office,
  });
  const invitation = linkIn(await stack.mail.waitFor((m) => m.to === school.contactEmail));
  await page.goto(invitation);
  await expectAccessible(page);
  await page.click('button[value="answer"]'); // nothing chosen: errors on the page
  await page.waitForSelector('#fouten');
  await expectAccessible(page);

  const inAspirantYear = await createSchool(stack.db, { name: 'Basisschool De Wilg' });
  await startInAspirantYear(stack, inAspirantYear);
  await page.goto(linkIn(await stack.mail.waitFor((m) => m.to === inAspirantYear.contactEmail)));
  await expectAccessible(page);
  await page.fill('#members-0-email', 'fatima@');
  await page.click('button[value="submit"]');
  await page.waitForSelector('#fouten');
  await expectAccessible(page);

  await page.goto(`${stack.apiUrl}/s/${'A'.repeat(43)}`);
  await expect(page.locator('h1').textContent()).resolves.toBe('Deze link kennen we niet');
  await expectAccessible(page);
  await stack.db.linkToken.updateMany({ where: { journeyId: body.journeyId }, data: { expiresAt: new Date(Date.now() - 1_000) } });
  await page.goto(invitation);
  await expect(page.locator('h1').textContent()).resolves.toBe('Deze link is verlopen');
  await expectAccessible(page);
  await page.click('button[value="renew"]');
  await page.locator('h1', { hasText: 'Nieuwe link aangevraagd' }).waitFor();
  await expectAccessible(page);
  await page.close();
});
