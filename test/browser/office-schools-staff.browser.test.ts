/**
 * The office's school and account pages in a real browser (Debian's Chromium through
 * playwright-core), with no JSON call: an admin adds a school, starts its journey from the school's
 * page and opens its case, adds a colleague and sees the first password once, and disables an
 * account after the confirmation step. axe-core checks every page on the way.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signIn } from '../../services/staff/sessions';
import { createStaffMember } from '../../services/staff/staff-member';
import { launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { startDevStack, type DevStack } from '../support/dev-stack';

let stack: DevStack;
let browser: Browser;
let context: BrowserContext;
const email = 'ilse.dekker@ontwikkelkracht.example';
const password = 'vier woorden als wachtwoord';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDevStack({ worker: true }), launchChromium()]);
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  await createStaffMember(stack.db, { email, name: 'Ilse Dekker', role: 'admin' }, password);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

async function freeBrin(): Promise<string> {
  for (let i = 10; ; i++) {
    const brin = `${i}QZ`;
    if (!(await stack.db.school.findUnique({ where: { brin } }))) return brin;
  }
}

test('add a school, start its journey from its page, open the case; add a colleague, then disable the account', async () => {
  const page = await context.newPage();
  await page.goto(`${stack.apiUrl}/kantoor/scholen`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: 'Scholen' }).waitFor();
  await expectAccessible(page);

  // A refused form: the message sits at the field, and the page stays accessible.
  const brin = await freeBrin();
  await page.fill('#toevoegen-brin', 'X1');
  await page.fill('#toevoegen-name', 'Basisschool De Kastanje');
  await page.click('button[value="toevoegen"]');
  await page.locator('#toevoegen-brin-fout').waitFor();
  await expect(page.locator('#toevoegen-sector-fout').textContent()).resolves.toContain('Kies de sector.');
  await expectAccessible(page);

  await page.fill('#toevoegen-brin', brin);
  await page.selectOption('#toevoegen-sector', 'PO');
  await page.fill('#toevoegen-region', 'Apeldoorn');
  await page.fill('#toevoegen-contactEmail', 'directie@dekastanje.example');
  await page.selectOption('#toevoegen-inspectionRating', 'goed');
  await page.check('label:has-text("Kleine regionale school")');
  await page.click('button[value="toevoegen"]');
  await page.locator('h1', { hasText: 'Basisschool De Kastanje' }).waitFor();
  await expect(page.locator('main').textContent()).resolves.toContain('De school is toegevoegd.');
  await expectAccessible(page);

  // Found by part of its name.
  await page.click('a:has-text("Alle scholen")');
  await page.fill('#zoek', 'kastanje');
  await page.click('button:has-text("Zoeken")');
  await page.click(`a[href="/kantoor/scholen/${brin}"]`);
  await page.locator('h1', { hasText: 'Basisschool De Kastanje' }).waitFor();

  await page.selectOption('#reis-starten-track', 'expertschool');
  await page.click('button[value="reis-starten"]');
  await page.locator('.utrecht-alert--ok', { hasText: 'De reis is gestart.' }).waitFor();
  await expectAccessible(page);
  await page.click('a:has-text("Naar het dossier van de nieuwe reis")');
  await page.locator('h1', { hasText: 'Basisschool De Kastanje' }).waitFor();
  expect(page.url()).toMatch(new RegExp(`/kantoor/dossiers/journey-expertschool-${brin}`));
  await expectAccessible(page);

  // A colleague: added, their first password shown once, and it signs them in.
  await page.click('nav a:has-text("Medewerkers")');
  await page.locator('h1', { hasText: 'Medewerkers van het programmabureau' }).waitFor();
  await expectAccessible(page);
  await page.fill('#toevoegen-name', 'Ruben Groen');
  await page.fill('#toevoegen-email', 'ruben.groen@ontwikkelkracht.example');
  await page.selectOption('#toevoegen-role', 'staff');
  await page.click('button[value="toevoegen"]');
  await page.locator('.utrecht-alert--ok', { hasText: 'Account voor Ruben Groen toegevoegd' }).waitFor();
  const firstPassword = (await page.locator('.utrecht-alert--ok code').textContent())!;
  expect(await signIn(stack.db, 'ruben.groen@ontwikkelkracht.example', firstPassword)).not.toBeNull();
  await expect(page.locator('table').textContent()).resolves.toContain('Medewerker');
  await expectAccessible(page);

  await page.click('a:has-text("Account van Ruben Groen uitschakelen")');
  await page.locator('h1', { hasText: 'Account van Ruben Groen uitschakelen?' }).waitFor();
  await expectAccessible(page);
  await page.click('button:has-text("Ja, uitschakelen")');
  await page.locator('.utrecht-alert--ok', { hasText: 'Het account is uitgeschakeld.' }).waitFor();
  expect(await signIn(stack.db, 'ruben.groen@ontwikkelkracht.example', firstPassword)).toBeNull();

  await page.click('nav a:has-text("Wachtwoord wijzigen")');
  await page.locator('h1', { hasText: 'Wachtwoord wijzigen' }).waitFor();
  await expectAccessible(page);
  await page.close();
});
