/**
 * The office's pages for schools and accounts, over HTTP as a browser posts them (forms with the
 * session's CSRF token), and their JSON twins: each action, its refusals in Dutch at the field
 * with nothing written, the roles, and the rule that the office keeps an active admin.
 */
import { randomUUID } from 'node:crypto';
import { SESSION_COOKIE } from '../../api/office/authenticate';
import { signIn } from '../../services/staff/sessions';
import { createStaffMember, type StaffRole } from '../../services/staff/staff-member';
import { createSchool } from '../support/fixtures';
import { startDevStack, type DevStack } from '../support/dev-stack';
import { until } from '../support/until';

let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack({ worker: true });
});
afterAll(async () => {
  await stack?.close();
});

interface Answer {
  status: number;
  location: string | null;
  html: string;
}

const csrfTokens = new Map<string, string>();
async function csrfOf(cookie: string): Promise<string> {
  if (!csrfTokens.has(cookie)) {
    const response = await fetch(`${stack.apiUrl}/api/session`, { headers: { cookie } });
    csrfTokens.set(cookie, ((await response.json()) as { csrfToken: string }).csrfToken);
  }
  return csrfTokens.get(cookie)!;
}

async function page(cookie: string, path: string): Promise<Answer> {
  const response = await fetch(`${stack.apiUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** Posts a form as the office's page does: urlencoded, with the session's CSRF token unless `csrf` is false. */
async function post(cookie: string, path: string, fields: Record<string, string | string[]>, csrf = true): Promise<Answer> {
  const body = new URLSearchParams();
  if (csrf) body.append('_csrf', await csrfOf(cookie));
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** JSON as the office's own site sends it (cookie and Origin). */
async function json(cookie: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { cookie, origin: stack.apiUrl, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A member with a known password, signed in: their id, cookie and password. */
async function member(role: StaffRole, name: string) {
  const email = `${name.split(' ')[0]!.toLowerCase()}-${randomUUID().slice(0, 8)}@ontwikkelkracht.example`;
  const password = `wachtwoord-${randomUUID()}`;
  const created = await createStaffMember(stack.db, { email, name, role }, password);
  const signedIn = await signIn(stack.db, email, password);
  return { id: created.id, email, password, cookie: `${SESSION_COOKIE}=${signedIn!.token}` };
}

/** The BRIN no school has yet, for a school added through the page. */
async function freeBrin(): Promise<string> {
  for (;;) {
    const brin = `${String(Math.floor(Math.random() * 100)).padStart(2, '0')}${'ABCDEFGHJKLMNPQRSTUVWXYZ'[Math.floor(Math.random() * 24)]}${'ABCDEFGHJKLMNPQRSTUVWXYZ'[Math.floor(Math.random() * 24)]}`;
    if (!(await stack.db.school.findUnique({ where: { brin } }))) return brin;
  }
}

const newSchool = (brin: string) => ({
  brin,
  name: 'Kindcentrum De Vlinder',
  sector: 'PO',
  region: 'Deventer',
  contactEmail: 'directie@devlinder.example',
  inspectionRating: 'voldoende',
  equalAccessMarkers: ['small_regional', 'weak_performance'],
});

describe('/kantoor/scholen', () => {
  test('a staff member adds a school at the page; refused input is named at its field in Dutch and nothing is written', async () => {
    const cookie = stack.cookies.staff;
    const brin = await freeBrin();

    const refused = await post(cookie, '/kantoor/scholen/acties/toevoegen', { ...newSchool(brin), brin: '1234', sector: '', contactEmail: 'geen-adres' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Een BRIN-code bestaat uit twee cijfers en twee letters');
    expect(refused.html).toContain('Kies de sector.');
    expect(refused.html).toContain('Vul een geldig e-mailadres in.');
    expect(refused.html).toMatch(/id="toevoegen-contactEmail-fout"/);
    expect(refused.html).toContain('value="Kindcentrum De Vlinder"');
    expect(await stack.db.school.count({ where: { name: 'Kindcentrum De Vlinder' } })).toBe(0);

    const added = await post(cookie, '/kantoor/scholen/acties/toevoegen', newSchool(brin.toLowerCase()));
    expect(added.status).toBe(303);
    expect(added.location).toBe(`/kantoor/scholen/${brin}?gedaan=toevoegen`);
    const row = await stack.db.school.findUnique({ where: { brin } });
    expect(row).toMatchObject({
      name: 'Kindcentrum De Vlinder',
      sector: 'PO',
      inspectionRating: 'voldoende',
      equalAccessMarkers: ['small_regional', 'weak_performance'],
    });

    const shown = await page(cookie, added.location!);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('De school is toegevoegd.');
    // Dutch labels, never the codes.
    expect(shown.html).toContain('Primair onderwijs (PO)');
    expect(shown.html).toContain('Kleine regionale school, Zwak presterend');
    expect(shown.html).not.toContain('small_regional</');

    const twice = await post(cookie, '/kantoor/scholen/acties/toevoegen', newSchool(brin));
    expect(twice.status).toBe(409);
    expect(twice.html).toContain(`Er is al een school met BRIN-code ${brin}.`);
    expect(twice.html).toMatch(/id="toevoegen-brin-fout"/);
  });

  test('a form without the session’s CSRF token, or without a session, changes nothing', async () => {
    const brin = await freeBrin();
    expect((await post(stack.cookies.staff, '/kantoor/scholen/acties/toevoegen', newSchool(brin), false)).status).toBe(403);
    expect((await post('', '/kantoor/scholen/acties/toevoegen', newSchool(brin), false)).status).toBe(401);
    expect(await stack.db.school.findUnique({ where: { brin } })).toBeNull();
  });

  test('finds schools by part of the name or the BRIN, a page at a time; the JSON twin finds the same', async () => {
    const tag = randomUUID().slice(0, 6);
    const schools = [];
    for (let i = 0; i < 27; i++) schools.push(await createSchool(stack.db, { name: `Zoekschool ${tag} ${String(i).padStart(2, '0')}` }));
    const first = await page(stack.cookies.staff, `/kantoor/scholen?zoek=zoekSCHOOL+${tag}`);
    expect(first.html).toContain(`Gevonden bij “zoekSCHOOL ${tag}”: 27`);
    expect(first.html).toContain('Pagina 1 van 2');
    expect(first.html).toContain(`Zoekschool ${tag} 24`);
    expect(first.html).not.toContain(`Zoekschool ${tag} 25`);
    const second = await page(stack.cookies.staff, `/kantoor/scholen?zoek=zoekSCHOOL+${tag}&pagina=2`);
    expect(second.html).toContain(`Zoekschool ${tag} 26`);

    const byBrin = await page(stack.cookies.staff, `/kantoor/scholen?zoek=${schools[3]!.brin.toLowerCase()}`);
    expect(byBrin.html).toContain(`href="/kantoor/scholen/${schools[3]!.brin}"`);

    const listed = await json(stack.cookies.staff, 'GET', `/api/schools?q=${tag}&page=2`);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ total: 27, page: 2, pages: 2 });
    expect(listed.body.schools.map((s: { name: string }) => s.name)).toEqual([`Zoekschool ${tag} 25`, `Zoekschool ${tag} 26`]);
  });

  test('edits a school’s record at its page; refused input changes nothing; the JSON twin changes it too', async () => {
    const school = await createSchool(stack.db, { name: 'Basisschool De Es', region: 'Zwolle' });
    const refused = await post(stack.cookies.staff, `/kantoor/scholen/${school.brin}/acties/bewerken`, {
      name: 'Basisschool De Es',
      sector: 'XX',
      region: 'Kampen',
      contactEmail: 'info@de-es.example',
      inspectionRating: 'goed',
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Kies de sector.');
    expect(refused.html).toMatch(/id="bewerken-sector-fout"/);
    expect((await stack.db.school.findUnique({ where: { brin: school.brin } }))!.region).toBe('Zwolle');

    const edited = await post(stack.cookies.staff, `/kantoor/scholen/${school.brin}/acties/bewerken`, {
      name: 'Basisschool De Es',
      sector: 'SO',
      region: 'Kampen',
      contactEmail: 'info@de-es.example',
      inspectionRating: 'zeer_zwak',
      equalAccessMarkers: 'specialised',
    });
    expect(edited.status).toBe(303);
    expect(await stack.db.school.findUnique({ where: { brin: school.brin } })).toMatchObject({
      sector: 'SO',
      region: 'Kampen',
      inspectionRating: 'zeer_zwak',
      equalAccessMarkers: ['specialised'],
    });
    const shown = await page(stack.cookies.staff, edited.location!);
    expect(shown.html).toContain('Zeer zwak');
    expect(shown.html).toContain('Gespecialiseerd onderwijs (SO/VSO)');

    const viaJson = await json(stack.cookies.staff, 'POST', `/api/schools/${school.brin}`, {
      name: 'Basisschool De Es',
      sector: 'PO',
      region: 'Kampen',
      contactEmail: 'info@de-es.example',
      inspectionRating: 'goed',
      equalAccessMarkers: [],
    });
    expect(viaJson.status).toBe(200);
    expect(viaJson.body).toMatchObject({ brin: school.brin, sector: 'PO', inspectionRating: 'goed' });
    const { brin: _brin, ...update } = viaJson.body;
    expect((await json(stack.cookies.staff, 'POST', '/api/schools/99ZZ', update)).status).toBe(404);
    // The BRIN names the school and is no field of its record.
    expect((await json(stack.cookies.staff, 'POST', `/api/schools/${school.brin}`, { ...update, brin: '12AB' })).status).toBe(400);
    expect((await page(stack.cookies.staff, '/kantoor/scholen/99ZZ')).status).toBe(404);
  });

  test('starts a journey on a track its sector may follow from the school’s page, shows it with a link to its case, and refuses a second one at the form', async () => {
    const school = await createSchool(stack.db, { name: 'Scholengemeenschap Het Baken', sector: 'VO' });
    const before = await page(stack.cookies.staff, `/kantoor/scholen/${school.brin}`);
    expect(before.html).toContain('Deze school heeft nog geen reis.');
    expect(before.html).toContain('<option value="expertschool"');
    // The track a school enters through a cohort is not offered here.
    expect(before.html).not.toContain('<option value="schoolontwikkeling"');

    const notOffered = await post(stack.cookies.staff, `/kantoor/scholen/${school.brin}/acties/reis-starten`, { track: 'schoolontwikkeling' });
    expect(notOffered.status).toBe(400);
    expect(notOffered.html).toContain('Kies een van de trajecten in de lijst.');
    const noTrack = await post(stack.cookies.staff, `/kantoor/scholen/${school.brin}/acties/reis-starten`, { track: '' });
    expect(noTrack.status).toBe(400);
    expect(noTrack.html).toContain('Kies het traject.');

    const started = await post(stack.cookies.staff, `/kantoor/scholen/${school.brin}/acties/reis-starten`, {
      track: 'expertschool',
      hasAspirantYearBehind: 'ja',
    });
    expect(started.status).toBe(303);
    const journeyId = new URL(started.location!, stack.apiUrl).searchParams.get('dossier')!;
    expect(journeyId).toMatch(new RegExp(`^journey-expertschool-${school.brin}`));
    const described = await stack.client.workflow.getHandle(journeyId).describe();
    expect(described.status.name).toBe('RUNNING');

    const shown = await until(
      () => page(stack.cookies.staff, started.location!),
      (answer) => answer.html.includes('Loopt nog'),
      'the journey on the school page',
    );
    expect(shown.html).toContain('De reis is gestart.');
    expect(shown.html).toContain(`href="/kantoor/dossiers/${journeyId}"`);
    expect(shown.html).toContain('Verkennend gesprek');

    const again = await post(stack.cookies.staff, `/kantoor/scholen/${school.brin}/acties/reis-starten`, { track: 'expertschool' });
    expect(again.status).toBe(409);
    expect(again.html).toContain('heeft al een lopende reis in dit traject');
    expect(again.html).toMatch(/form[^>]*acties\/reis-starten[\s\S]*Er ging iets mis/);

    const journeys = await json(stack.cookies.staff, 'GET', `/api/schools/${school.brin}/journeys`);
    expect(journeys.body).toEqual([expect.objectContaining({ id: journeyId, track: 'expertschool', outcome: null })]);
  });

  test('a PO school is offered the tracks of its sector, and not the VO-only one', async () => {
    const school = await createSchool(stack.db, { sector: 'PO' });
    const shown = await page(stack.cookies.staff, `/kantoor/scholen/${school.brin}`);
    expect(shown.html).toContain('<option value="ontwikkelschool"');
    expect(shown.html).not.toContain('schoolontwikkeling');
  });
});

describe('/kantoor/medewerkers and /kantoor/wachtwoord', () => {
  test('a staff member gets a Dutch 403 page at the admin pages, and 403 from their JSON twins', async () => {
    const answer = await page(stack.cookies.staff, '/kantoor/medewerkers');
    expect(answer.status).toBe(403);
    expect(answer.html).toContain('Deze pagina is voor beheerders van het programmabureau.');
    expect((await post(stack.cookies.staff, '/kantoor/medewerkers/acties/toevoegen', { name: 'X Y', email: 'x@y.example', role: 'admin' })).status).toBe(403);
    expect((await json(stack.cookies.staff, 'GET', '/api/staff')).status).toBe(403);
    expect((await json(stack.cookies.staff, 'POST', `/api/staff/${randomUUID()}/disable`)).status).toBe(403);
    expect(await stack.db.staffMember.count({ where: { email: 'x@y.example' } })).toBe(0);
  });

  test('an admin adds a colleague: the first password shows once and signs in; refused input is named at its field', async () => {
    const admin = await member('admin', 'Femke Jansen');
    const list = await page(admin.cookie, '/kantoor/medewerkers');
    expect(list.status).toBe(200);
    expect(list.html).toContain('Beheerder');
    expect(list.html).toContain('Medewerker');
    expect(list.html).not.toMatch(/>\s*(staff|admin)\s*</);

    const refused = await post(admin.cookie, '/kantoor/medewerkers/acties/toevoegen', { name: 'J', email: 'geen-adres', role: 'baas' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Vul de naam in.');
    expect(refused.html).toContain('Vul een geldig e-mailadres in.');
    expect(refused.html).toContain('Kies een rol.');

    const email = `joris-${randomUUID().slice(0, 6)}@ontwikkelkracht.example`;
    const added = await post(admin.cookie, '/kantoor/medewerkers/acties/toevoegen', { name: 'Joris Bakker', email, role: 'staff' });
    expect(added.status).toBe(201);
    const password = /Het eerste wachtwoord is: <code>([^<]+)<\/code>/.exec(added.html)?.[1];
    expect(password).toHaveLength(20);
    expect(await signIn(stack.db, email, password!)).not.toBeNull();
    // Shown once: the list does not show it again.
    expect((await page(admin.cookie, '/kantoor/medewerkers')).html).not.toContain(password!);

    const twice = await post(admin.cookie, '/kantoor/medewerkers/acties/toevoegen', { name: 'Joris Bakker', email, role: 'staff' });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain('Er is al een account met dit e-mailadres.');
  });

  test('roles change at the page and through the API; the last active admin can neither demote nor disable themselves', async () => {
    // Only this admin stays active: every other admin of the test database is disabled first.
    const last = await member('admin', 'Anouk de Wit');
    await stack.db.staffMember.updateMany({ where: { role: 'admin', id: { not: last.id } }, data: { disabledAt: new Date() } });
    const colleague = await member('staff', 'Pieter Smit');

    const demote = await post(last.cookie, `/kantoor/medewerkers/${last.id}/acties/rol`, { role: 'staff' });
    expect(demote.status).toBe(409);
    expect(demote.html).toContain('Dit is de laatste actieve beheerder');
    expect(demote.html).toMatch(new RegExp(`id="rol-${last.id}-fout"`));
    const disable = await post(last.cookie, `/kantoor/medewerkers/${last.id}/acties/uitschakelen`, { bevestigd: 'ja' });
    expect(disable.status).toBe(409);
    expect(disable.html).toContain('Dit is de laatste actieve beheerder');
    expect((await json(last.cookie, 'POST', `/api/staff/${last.id}/role`, { role: 'staff' })).status).toBe(409);
    expect((await json(last.cookie, 'POST', `/api/staff/${last.id}/disable`)).status).toBe(409);
    expect(await stack.db.staffMember.findUnique({ where: { id: last.id } })).toMatchObject({ role: 'admin', disabledAt: null });

    const promoted = await post(last.cookie, `/kantoor/medewerkers/${colleague.id}/acties/rol`, { role: 'admin' });
    expect(promoted.status).toBe(303);
    expect((await stack.db.staffMember.findUnique({ where: { id: colleague.id } }))!.role).toBe('admin');
    // Now another admin is active: the first may step down (through the JSON twin).
    const stepDown = await json(last.cookie, 'POST', `/api/staff/${last.id}/role`, { role: 'staff' });
    expect(stepDown.status).toBe(200);
    expect(stepDown.body).toMatchObject({ role: 'staff', disabled: false });
    expect((await page(last.cookie, '/kantoor/medewerkers')).status).toBe(403);
    expect((await json(colleague.cookie, 'POST', `/api/staff/${last.id}/role`, { role: 'boss' })).status).toBe(400);
    expect((await json(colleague.cookie, 'POST', `/api/staff/${randomUUID()}/role`, { role: 'staff' })).status).toBe(404);
  });

  test('disabling asks for confirmation, then ends the account’s sessions at once and it cannot sign in', async () => {
    const admin = await member('admin', 'Sanne Mulder');
    const leaving = await member('staff', 'Tom Vos');
    expect((await page(leaving.cookie, '/kantoor')).status).toBe(200);

    const confirm = await page(admin.cookie, `/kantoor/medewerkers/${leaving.id}/uitschakelen`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('Account van Tom Vos uitschakelen?');
    const unconfirmed = await post(admin.cookie, `/kantoor/medewerkers/${leaving.id}/acties/uitschakelen`, {});
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.location).toBe(`/kantoor/medewerkers/${leaving.id}/uitschakelen`);
    expect((await stack.db.staffMember.findUnique({ where: { id: leaving.id } }))!.disabledAt).toBeNull();

    const disabled = await post(admin.cookie, `/kantoor/medewerkers/${leaving.id}/acties/uitschakelen`, { bevestigd: 'ja' });
    expect(disabled.status).toBe(303);
    expect((await page(leaving.cookie, '/kantoor')).status).toBe(401);
    expect((await fetch(`${stack.apiUrl}/api/session`, { headers: { cookie: leaving.cookie } })).status).toBe(401);
    expect(await stack.db.staffSession.count({ where: { staffId: leaving.id } })).toBe(0);
    const signInAgain = await fetch(`${stack.apiUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: leaving.email, password: leaving.password }),
    });
    expect(signInAgain.status).toBe(401);
    expect((await page(admin.cookie, '/kantoor/medewerkers')).html).toContain('Uitgeschakeld');

    // The JSON twin: the same, at once.
    const other = await member('staff', 'Eva Kok');
    const viaJson = await json(admin.cookie, 'POST', `/api/staff/${other.id}/disable`);
    expect(viaJson.status).toBe(200);
    expect(viaJson.body).toMatchObject({ disabled: true });
    expect((await fetch(`${stack.apiUrl}/api/session`, { headers: { cookie: other.cookie } })).status).toBe(401);
  });

  test('a password reset asks for confirmation, shows the new password once, ends the sessions, and the old password no longer works', async () => {
    const admin = await member('admin', 'Lotte Peters');
    const forgetful = await member('staff', 'Daan Hendriks');
    const confirm = await page(admin.cookie, `/kantoor/medewerkers/${forgetful.id}/nieuw-wachtwoord`);
    expect(confirm.html).toContain('Nieuw wachtwoord voor Daan Hendriks?');

    const reset = await post(admin.cookie, `/kantoor/medewerkers/${forgetful.id}/acties/nieuw-wachtwoord`, { bevestigd: 'ja' });
    expect(reset.status).toBe(200);
    const password = /Het nieuwe wachtwoord is: <code>([^<]+)<\/code>/.exec(reset.html)?.[1];
    expect(password).toHaveLength(20);
    expect((await page(forgetful.cookie, '/kantoor')).status).toBe(401);
    expect(await signIn(stack.db, forgetful.email, forgetful.password)).toBeNull();
    expect(await signIn(stack.db, forgetful.email, password!)).not.toBeNull();

    // One's own password is changed with the current one, not reset.
    const own = await post(admin.cookie, `/kantoor/medewerkers/${admin.id}/acties/nieuw-wachtwoord`, { bevestigd: 'ja' });
    expect(own.status).toBe(409);
    expect(own.html).toContain('Uw eigen wachtwoord wijzigt u zelf');

    const viaJson = await json(admin.cookie, 'POST', `/api/staff/${forgetful.id}/password-reset`);
    expect(viaJson.status).toBe(200);
    expect(viaJson.body.password).toHaveLength(20);
    expect(await signIn(stack.db, forgetful.email, viaJson.body.password)).not.toBeNull();
  });

  test('every member changes their own password: the current one, the new one twice, long enough; other sessions end', async () => {
    const me = await member('staff', 'Noor Bos');
    const elsewhere = (await signIn(stack.db, me.email, me.password))!;
    const form = await page(me.cookie, '/kantoor/wachtwoord');
    expect(form.status).toBe(200);
    expect(form.html).toContain('Wachtwoord wijzigen');

    const wrong = await post(me.cookie, '/kantoor/wachtwoord/acties/wijzigen', {
      currentPassword: 'fout',
      newPassword: 'een lange nieuwe zin',
      repeatPassword: 'een lange nieuwe zin',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('Het huidige wachtwoord klopt niet.');
    expect(wrong.html).toMatch(/id="wijzigen-currentPassword-fout"/);
    const short = await post(me.cookie, '/kantoor/wachtwoord/acties/wijzigen', { currentPassword: me.password, newPassword: 'kort', repeatPassword: 'kort' });
    expect(short.status).toBe(400);
    expect(short.html).toContain('Een wachtwoord heeft minstens 12 tekens.');
    const differ = await post(me.cookie, '/kantoor/wachtwoord/acties/wijzigen', {
      currentPassword: me.password,
      newPassword: 'een lange nieuwe zin',
      repeatPassword: 'een andere lange zin',
    });
    expect(differ.status).toBe(400);
    expect(differ.html).toContain('Het herhaalde wachtwoord is niet hetzelfde als het nieuwe.');
    expect(differ.html).not.toContain(me.password);
    expect(await signIn(stack.db, me.email, me.password)).not.toBeNull();

    const changed = await post(me.cookie, '/kantoor/wachtwoord/acties/wijzigen', {
      currentPassword: me.password,
      newPassword: 'een lange nieuwe zin',
      repeatPassword: 'een lange nieuwe zin',
    });
    expect(changed.status).toBe(303);
    expect((await page(me.cookie, changed.location!)).html).toContain('Uw wachtwoord is gewijzigd.');
    expect((await page(`${SESSION_COOKIE}=${elsewhere.token}`, '/kantoor')).status).toBe(401);
    expect(await signIn(stack.db, me.email, me.password)).toBeNull();
    expect(await signIn(stack.db, me.email, 'een lange nieuwe zin')).not.toBeNull();

    const viaJson = await json(me.cookie, 'POST', '/api/session/password', {
      currentPassword: 'een lange nieuwe zin',
      newPassword: 'nog een andere lange zin',
      repeatPassword: 'nog een andere lange zin',
    });
    expect(viaJson.status).toBe(204);
    const refused = await json(me.cookie, 'POST', '/api/session/password', { currentPassword: 'fout', newPassword: 'x', repeatPassword: 'y' });
    expect(refused.status).toBe(400);
    const wrongCurrent = await json(me.cookie, 'POST', '/api/session/password', {
      currentPassword: 'een lange nieuwe zin',
      newPassword: 'weer een andere lange zin',
      repeatPassword: 'weer een andere lange zin',
    });
    expect(wrongCurrent.status).toBe(422);
    expect(wrongCurrent.body.error.issues).toEqual([{ path: ['currentPassword'], message: 'Het huidige wachtwoord klopt niet.' }]);
  });
});
