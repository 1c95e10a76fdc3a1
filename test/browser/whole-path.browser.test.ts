/**
 * The whole path in one real browser (Debian's Chromium through playwright-core), on the dev stack
 * with a worker and a mail catcher, through the pages only: no JSON call anywhere in the steps. A
 * school asks for the conversation on /gesprek-aanvragen, the office plans it from its overview and
 * the case page, the school confirms by its mailed link, the office records the report and the
 * intake outcome, an admin creates and opens a round on /kantoor/rondes, the school fills in and
 * submits its application by the round mail's link, the office approves, and the school receives
 * the decision mail with its PDF letter. Every school step is done by keyboard, on a phone-sized
 * screen (where no page may stick out sideways); axe-core checks every page visited for serious or
 * critical violations.
 */
import { inflateSync } from 'node:zlib';
import { formatInTimeZone } from 'date-fns-tz';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PROGRAMME_TIME_ZONE } from '../../domain/amsterdam-time';
import { schoolYearOf } from '../../domain/school-year';
import { createStaffMember } from '../../services/staff/staff-member';
import { launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { startDevStack, type DevStack } from '../support/dev-stack';
import { completeApplication } from '../support/fixtures';
import { pdfText, squeezed } from '../support/pdf-text';
import { linkIn } from '../support/school-links';
import { until } from '../support/until';

const DAY = 86_400_000;
const officeEmail = 'ellen.mulder@ontwikkelkracht.example';
const officePassword = 'lange wandeling langs de ijssel';
const schoolName = 'Basisschool De Populier';
const contactEmail = 'r.bosman@populier.example';
const roleKeys: Record<string, string> = { school_leader: 'schoolleider', teacher: 'leraar', internal_supervisor: 'intern', other: 'anders' };

let stack: DevStack;
let browser: Browser;
let schoolSide: BrowserContext;
let officeSide: BrowserContext;
/** Every serious or critical accessibility violation found on the walk, with the page it was on. */
const violations: string[] = [];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDevStack({ worker: true }), launchChromium()]);
  // axe is injected as a script, which the pages' CSP forbids: these contexts let it in.
  schoolSide = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
  officeSide = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  // Setup, not a step of the path: the office's admin account.
  await createStaffMember(stack.db, { email: officeEmail, name: 'Ellen Mulder', role: 'admin' }, officePassword);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function checkAccessibility(page: Page): Promise<void> {
  const where = new URL(page.url()).pathname;
  for (const violation of await seriousAccessibilityViolations(page)) violations.push(`${where}: ${violation}`);
  // On the phone-sized screen nothing sticks out sideways either.
  const width = page.viewportSize()?.width ?? 0;
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width <= 390 && scrollWidth > width) violations.push(`${where}: the page is ${scrollWidth} px wide on a ${width} px screen`);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

/** Presses Tab until the focus is where `reached` says, as a keyboard user would; fails if it never gets there. */
async function tabTo(page: Page, reached: (page: Page) => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    if (await reached(page)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}
const tabToField = (page: Page, id: string) => tabTo(page, async (p) => (await focusedId(p)) === id, `#${id}`);
const tabToButton = (page: Page, text: string) => tabTo(page, async (p) => (await focusedText(p)) === text, `the button "${text}"`);
async function typeInto(page: Page, id: string, value: string): Promise<void> {
  await tabToField(page, id);
  await page.keyboard.type(value);
}

/** Reloads the page until its main content shows `text`: the worker does its part in its own time. */
async function reloadUntil(page: Page, text: string): Promise<void> {
  await until(
    async () => {
      await page.reload();
      return (await page.locator('main').textContent()) ?? '';
    },
    (content) => content.includes(text),
    `"${text}" on ${page.url()}`,
    300,
  );
}

/** A mailed PDF's content streams, inflated (the letter goes out compressed), for reading its text back. */
function inflatedStreams(pdf: Buffer): Buffer {
  const source = pdf.toString('latin1');
  const parts: Buffer[] = [];
  for (const match of source.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    try {
      parts.push(inflateSync(Buffer.from(match[1]!, 'latin1')));
    } catch {
      // Not a deflated stream (a font, an image): no text to read.
    }
  }
  return Buffer.concat(parts);
}

const wallClock = (days: number) => formatInTimeZone(new Date(Date.now() + days * DAY), PROGRAMME_TIME_ZONE, "yyyy-MM-dd'T'HH:mm");

test('a school goes from its own request to the decision letter, through the pages only', async () => {
  // 1. The school asks for the conversation, by keyboard, on a phone.
  const school = await schoolSide.newPage();
  await school.goto(`${stack.apiUrl}/gesprek-aanvragen`);
  await checkAccessibility(school);
  await typeInto(school, 'brin', '12ab');
  await typeInto(school, 'schoolName', schoolName);
  await tabToField(school, 'sector-0'); // Tab reaches the group; Space chooses its first option (PO)
  await school.keyboard.press('Space');
  await typeInto(school, 'region', 'Deventer');
  await typeInto(school, 'contactName', 'Ruud Bosman');
  await typeInto(school, 'contactEmail', contactEmail);
  await tabToField(school, 'trackInterest-0'); // expertschool
  await school.keyboard.press('Space');
  await typeInto(school, 'question', 'Wij willen expertschool worden voor begrijpend lezen.');
  await tabToButton(school, 'Gesprek aanvragen');
  await Promise.all([school.waitForURL(/\/gesprek-aanvragen\/ontvangen$/), school.keyboard.press('Enter')]);
  await checkAccessibility(school);
  const received = await stack.mail.waitFor((m) => m.to === contactEmail, 30_000);
  expect(received.subject).toBe('Wij hebben uw aanvraag voor een verkennend gesprek ontvangen');

  // 2. The office signs in, finds the new request in its overview, and plans the conversation.
  const office = await officeSide.newPage();
  expect((await office.goto(`${stack.apiUrl}/kantoor`))?.status()).toBe(401);
  await checkAccessibility(office);
  await office.fill('#email', officeEmail);
  await office.fill('#password', officePassword);
  await office.keyboard.press('Enter');
  await office.locator('h1', { hasText: 'Overzicht van alle scholen' }).waitFor();
  await reloadUntil(office, schoolName);
  const row = office.locator('table.koers-table tbody tr', { hasText: schoolName });
  await expect(row.textContent()).resolves.toContain('Nieuwe aanvraag');
  await checkAccessibility(office);
  await row.locator('a', { hasText: schoolName }).click();
  await office.locator('h1', { hasText: schoolName }).waitFor();
  const caseUrl = office.url();
  expect(caseUrl).toMatch(/\/kantoor\/dossiers\//);
  await expect(office.locator('main').textContent()).resolves.toContain('Aanvragen van de school');
  await checkAccessibility(office);
  await office.fill('#conversation-plan-startsAt', wallClock(7));
  await office.fill('#conversation-plan-location', 'Populierenlaan 4, Deventer');
  await office.click('button[value="conversation-plan"]');
  await office.locator('.utrecht-alert--ok', { hasText: 'Vastgelegd' }).waitFor();
  await checkAccessibility(office);

  // 3. The school confirms the moment by the link in the invitation, by keyboard.
  const invitation = await stack.mail.waitFor((m) => m.to === contactEmail && m.subject.startsWith('Uitnodiging'), 30_000);
  await school.goto(linkIn(invitation));
  await school.locator('h1', { hasText: 'Uitnodiging voor het' }).waitFor();
  await checkAccessibility(school);
  await tabToField(school, 'answer-0'); // "Ja, dit moment past ons"
  await school.keyboard.press('Space');
  await tabToButton(school, 'Antwoord versturen');
  await school.keyboard.press('Enter');
  await school.locator('h1', { hasText: 'Dank u wel' }).waitFor();
  await checkAccessibility(school);

  // 4. The office records the conversation's report, then the intake's outcome.
  await reloadUntil(office, 'bevestigd door de school');
  await office.fill('#conversation-report-conductedOn', formatInTimeZone(new Date(), PROGRAMME_TIME_ZONE, 'yyyy-MM-dd'));
  await office.fill('#conversation-report-report', 'De school wil expertschool worden; sterk in begrijpend lezen.');
  await office.click('button[value="conversation-report"]');
  await office.locator('.utrecht-alert--ok', { hasText: 'Vastgelegd' }).waitFor();
  await checkAccessibility(office);
  await office.check('#intake-outcome-outcome-0'); // Expertschool
  await office.fill('#intake-outcome-notes', 'Past als expertschool.');
  await office.click('button[value="intake-outcome"]');
  await office.locator('.utrecht-alert--ok', { hasText: 'Vastgelegd' }).waitFor();
  await checkAccessibility(office);
  // No round is open yet: the school hears it is parked until one opens.
  await stack.mail.waitFor((m) => m.to === contactEmail && m.subject.startsWith('Uw intake is afgerond'), 30_000);

  // 5. An admin creates a round for expertscholen, confirms it, and opens it now.
  const roundId = `ronde-${Date.now()}`;
  await office.goto(`${stack.apiUrl}/kantoor/rondes`);
  await checkAccessibility(office);
  await office.fill('#create-id', roundId);
  await office.fill('#create-name', 'Najaarsronde');
  await office.fill('#create-schoolYear', schoolYearOf(new Date()));
  await office.fill('#create-opensAt', wallClock(14));
  await office.fill('#create-closesAt', wallClock(45));
  await office.check('#create-tracks-0'); // expertscholen
  await office.click('button[value="create"]');
  await office.locator('h1', { hasText: 'Weet u het zeker?' }).waitFor();
  await checkAccessibility(office);
  await office.click('button[value="bevestigen"]');
  await office.waitForURL(`${stack.apiUrl}/kantoor/rondes/${roundId}?gedaan=create`);
  await checkAccessibility(office);
  await office.click('button[value="open-now"]');
  await office.locator('h1', { hasText: 'Weet u het zeker?' }).waitFor();
  await checkAccessibility(office);
  await office.click('button[value="bevestigen"]');
  await office.waitForURL(`${stack.apiUrl}/kantoor/rondes/${roundId}?gedaan=open-now`);
  await office.goto(`${stack.apiUrl}/kantoor/rondes`);
  await until(
    async () => {
      await office.reload();
      return (await office.locator('tr', { hasText: 'Najaarsronde' }).textContent()) ?? '';
    },
    (text) => text.includes('open') && !text.includes('gepland'),
    'the round to open',
    300,
  );
  await checkAccessibility(office);

  // 6. The school fills in and submits its application by the round mail's link, by keyboard.
  const roundOpened = await stack.mail.waitFor((m) => m.to === contactEmail && m.subject === 'Aanvraagronde Najaarsronde is geopend', 60_000);
  const applicationLink = linkIn(roundOpened);
  await school.goto(applicationLink);
  expect(await school.title()).toBe('Uw aanvraag – Ontwikkelkracht');
  await checkAccessibility(school);
  const application = completeApplication();
  for (const [i, participant] of application.participants.entries()) {
    await typeInto(school, `participants-${i}-name`, participant.name);
    await typeInto(school, `participants-${i}-email`, participant.email);
    await typeInto(school, `participants-${i}-role`, roleKeys[participant.role]!);
  }
  for (const [key, content] of Object.entries(application.sections)) await typeInto(school, `sections-${key}`, content!);
  const [first, second] = application.trajectories;
  await typeInto(school, 'trajectories-0-title', first!.title);
  await school.keyboard.press('Tab');
  await school.keyboard.type(String(first!.places));
  await tabToButton(school, 'Nog een leertraject toevoegen');
  await school.keyboard.press('Enter');
  await school.locator('#trajectories-1-title').waitFor();
  expect(await focusedId(school)).toBe('trajectories-1-title');
  await checkAccessibility(school);
  await school.keyboard.type(second!.title);
  await school.keyboard.press('Tab');
  await school.keyboard.type(String(second!.places));
  await tabToButton(school, 'Aanvraag indienen');
  await school.keyboard.press('Enter');
  await school.locator('h1', { hasText: 'Uw aanvraag is ingediend' }).waitFor();
  await checkAccessibility(school);

  // 7. The office reads the application on the case page and approves it.
  await office.goto(caseUrl);
  await reloadUntil(office, 'Besluit op de aanvraag');
  await expect(office.locator('main').textContent()).resolves.toContain(first!.title);
  await checkAccessibility(office);
  await office.check('#decision-decision-0'); // Toekennen
  await office.fill('#decision-reason', 'De aanvraag voldoet aan de regeling.');
  await office.click('button[value="decision"]');
  await office.locator('.utrecht-alert--ok', { hasText: 'Vastgelegd' }).waitFor();
  await checkAccessibility(office);

  // 8. The school receives the decision, with the letter as a PDF.
  const decision = await stack.mail.waitFor((m) => m.to === contactEmail && m.subject.includes('is toegekend'), 60_000);
  expect(decision.subject).toBe(`Uw subsidieaanvraag voor schooljaar ${schoolYearOf(new Date())} is toegekend`);
  expect(decision.text).toContain(`Totaal voor schooljaar ${schoolYearOf(new Date())}: € 120.416`);
  expect(decision.text).toContain('Leertraject "Begrijpend lezen": 6 plaatsen × € 8.480 = € 50.880');
  const letter = decision.attachments.find((a) => a.contentType === 'application/pdf');
  expect(letter).toBeDefined();
  expect(letter!.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(letter!.filename).toMatch(/^besluit-subsidieaanvraag-12AB-.*\.pdf$/);
  // The letter states the same total as the mail.
  expect(squeezed(pdfText(inflatedStreams(letter!.bytes)))).toContain(squeezed('€ 120.416'));

  expect(violations).toEqual([]);
}, 480_000);
