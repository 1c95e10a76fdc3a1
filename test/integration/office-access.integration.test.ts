/**
 * The office's way in: signing in and out, sessions in cookies, and every office route refusing a
 * caller without a session (401) or without the role it needs (403). The walk takes its routes
 * from what Express serves, so a route added without access control fails here.
 */
import type { Express } from 'express';
import { createApp } from '../../api/app';
import { WRONG_CREDENTIALS } from '../../api/routes/session';
import { listenOnLoopback } from '../../platform/listen';
import { createLogger } from '../../platform/logger';
import { createStaffMember } from '../../services/staff/staff-member';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { createSchool } from '../support/fixtures';

let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack({ worker: true });
});
afterAll(async () => {
  await stack?.close();
});

interface ServedRoute {
  method: string;
  path: string;
}

/** Every route Express serves, with its path as written (e.g. /api/rounds/:roundId). */
function servedRoutes(app: Express): ServedRoute[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const walk = (stack: Layer[]): ServedRoute[] =>
    stack.flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((method) => ({ method, path: layer.route!.path }))
        : layer.handle?.stack
          ? walk(layer.handle.stack)
          : [],
    );
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
}

const examples: Record<string, string> = {
  journeyId: 'journey-expertschool-12AB',
  roundId: 'voorjaar',
  brin: '12AB',
  token: 'A'.repeat(43),
  action: 'conversation-report',
};
const concrete = (path: string) => path.replace(/[:{](\w+)\}?/g, (_, name: string) => examples[name] ?? name);

async function call(method: string, path: string, cookie?: string): Promise<number> {
  const response = await fetch(`${stack.apiUrl}${concrete(path)}`, {
    method: method.toUpperCase(),
    headers: {
      ...(method === 'get' || method === 'delete' ? {} : { 'content-type': 'application/json' }),
      ...(cookie ? { cookie, origin: stack.apiUrl } : {}),
    },
    body: method === 'get' || method === 'delete' ? undefined : '{}',
    redirect: 'manual',
  });
  return response.status;
}

test('every API route Express serves is in the OpenAPI document, which says who may call it', async () => {
  const app = createApp({ db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue, log: createLogger('silent') });
  const { body: document } = await api(stack, 'GET', '/openapi.json');
  const documented = new Set(
    Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)),
  );
  const served = servedRoutes(app).filter((r) => r.path.startsWith('/api/'));
  expect(served.length).toBeGreaterThan(20);
  for (const route of served) expect(documented).toContain(`${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
});

test('every office route: 401 without a session or with a made-up one, 403 for staff where admins only may', async () => {
  const { body: document } = await api(stack, 'GET', '/openapi.json');
  const checked: string[] = [];
  for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, { security?: Record<string, string[]>[] }>>)) {
    for (const [method, operation] of Object.entries(operations)) {
      const office = operation.security?.find((s) => 'officeSession' in s);
      if (!office) continue;
      expect([method, path, await call(method, path)]).toEqual([method, path, 401]);
      expect([method, path, await call(method, path, `koers_session=${'B'.repeat(43)}`)]).toEqual([method, path, 401]);
      if (office.officeSession!.includes('admin')) expect([method, path, await call(method, path, stack.cookies.staff)]).toEqual([method, path, 403]);
      // (Not signing out with it: the walk goes on with this session.)
      else if (!(method === 'delete' && path === '/api/session')) expect([method, path, await call(method, path, stack.cookies.staff)]).not.toContainEqual(401);
      checked.push(`${method} ${path}`);
    }
  }
  expect(checked).toEqual(
    expect.arrayContaining(['post /api/rounds', 'post /api/journeys/{journeyId}/decision', 'get /api/journeys/{journeyId}/timeline', 'post /api/staff']),
  );
});

test('every office page: without a session, 401 and the sign-in form; with one, the page', async () => {
  const app = createApp({ db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue, log: createLogger('silent') });
  const pages = servedRoutes(app).filter((r) => r.path.startsWith('/kantoor') && r.path !== '/kantoor/inloggen');
  expect(pages.length).toBeGreaterThanOrEqual(6);
  for (const { method, path: pattern } of pages) {
    const path = concrete(pattern);
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method: method.toUpperCase(),
      headers: method === 'post' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      body: method === 'post' ? '_csrf=x' : undefined,
      redirect: 'manual',
    });
    expect([method, path, response.status]).toEqual([method, path, 401]);
    if (method === 'get') expect(await response.text()).toContain('Inloggen voor het programmabureau');
  }
  // A form posted without the session's CSRF token is refused, also when signed in.
  const forged = await fetch(`${stack.apiUrl}/kantoor/uitloggen`, {
    method: 'POST',
    headers: { cookie: stack.cookies.staff, 'content-type': 'application/x-www-form-urlencoded' },
    body: '_csrf=geraden',
    redirect: 'manual',
  });
  expect(forged.status).toBe(403);
  for (const path of ['/kantoor', '/kantoor/rapportages']) {
    const page = await fetch(`${stack.apiUrl}${path}`, { headers: { cookie: stack.cookies.staff } });
    expect([path, page.status]).toEqual([path, 200]);
  }
  const csv = await fetch(`${stack.apiUrl}/kantoor/rapportages/export.csv`, { headers: { cookie: stack.cookies.staff } });
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="?koers-rapportage-\d{4}-\d{2}-\d{2}\.csv"?$/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark Excel looks for
  const text = bytes.subarray(3).toString('utf8');
  expect(text.startsWith('onderdeel;omschrijving;sector of ronde;doel;waarde\n')).toBe(true);
  expect(text).toContain('kpi;Opgeleide expertscholen;PO;15;');
});

test('sign in, see who is signed in, sign out; a wrong password says nothing about which part was wrong', async () => {
  const email = `c.jansen-${Date.now()}@ontwikkelkracht.example`;
  await createStaffMember(stack.db, { email, name: 'Carla Jansen', role: 'staff' }, 'een lang en geheim wachtwoord');
  const signIn = (body: unknown) =>
    fetch(`${stack.apiUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  for (const wrong of [
    { email, password: 'fout' },
    { email: 'niemand@ontwikkelkracht.example', password: 'een lang en geheim wachtwoord' },
  ]) {
    const refused = await signIn(wrong);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(WRONG_CREDENTIALS);
  }

  const signedIn = await signIn({ email: email.toUpperCase(), password: 'een lang en geheim wachtwoord' });
  expect(signedIn.status).toBe(200);
  const setCookie = signedIn.headers.get('set-cookie')!;
  expect(setCookie).toMatch(/^koers_session=[A-Za-z0-9_-]{43}; Max-Age=36000; Path=\/; HttpOnly; SameSite=Lax$/);
  const cookie = setCookie.split(';')[0]!;
  const me = await fetch(`${stack.apiUrl}/api/session`, { headers: { cookie } });
  expect(await me.json()).toMatchObject({ staff: { name: 'Carla Jansen', role: 'staff' } });
  // Only a hash of the token is stored.
  expect(await stack.db.staffSession.count({ where: { id: cookie.split('=')[1] } })).toBe(0);

  expect((await fetch(`${stack.apiUrl}/api/session`, { method: 'DELETE', headers: { cookie, origin: stack.apiUrl } })).status).toBe(204);
  expect((await fetch(`${stack.apiUrl}/api/session`, { headers: { cookie } })).status).toBe(401);
});

test('signing in is limited to 10 attempts a minute per address (429)', async () => {
  const app = createApp({ db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue, log: createLogger('silent') });
  const listening = await listenOnLoopback(app);
  try {
    const url = `${listening.url}/api/session`;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'x@y.example', password: 'raden' }),
      });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  } finally {
    await listening.close();
  }
});

test('who acted is the signed-in member, whatever the request says', async () => {
  const school = await createSchool(stack.db);
  const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  const reported = await api(stack, 'POST', `/api/journeys/${body.journeyId}/conversation-report`, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de leesaanpak van de school.',
    recordedBy: 'Iemand Anders',
  });
  expect(reported.body.conversation.recordedBy).toBe('Anna Visser');
  const event = await stack.db.auditEvent.findFirstOrThrow({ where: { journeyId: body.journeyId, type: 'conversation_recorded' } });
  expect(event.actor).toBe('Anna Visser');
});

test('a mail the server keeps refusing shows on the overview with its error while it is retried, and goes when sent', async () => {
  const school = await createSchool(stack.db, { name: 'Basisschool De Berk' });
  const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  stack.mail.setRefusing(true);
  try {
    await api(stack, 'POST', `/api/journeys/${body.journeyId}/conversation-plan`, {
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      location: 'Dorpsstraat 1',
    });
    let problems: { journeyId: string; attempts: number; lastError: string }[] = [];
    for (let i = 0; i < 100 && !problems.some((p) => p.journeyId === body.journeyId); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      problems = (await api(stack, 'GET', '/api/problems')).body;
    }
    const problem = problems.find((p) => p.journeyId === body.journeyId)!;
    expect(problem.lastError).toContain('451');
    expect(problem.lastError).not.toContain(school.contactEmail);
    const overview = await fetch(`${stack.apiUrl}/kantoor`, { headers: { cookie: stack.cookies.staff } }).then((r) => r.text());
    expect(overview).toContain('E-mail die niet aankomt');
    expect(overview).toContain('Basisschool De Berk');
  } finally {
    stack.mail.setRefusing(false);
  }
  await stack.mail.waitFor((m) => m.to === school.contactEmail, 30_000);
  for (let i = 0; i < 100; i++) {
    const problems: { journeyId: string }[] = (await api(stack, 'GET', '/api/problems')).body;
    if (!problems.some((p) => p.journeyId === body.journeyId)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the problem stayed after the mail was sent');
});

test('the Temporal UI tells the same story as the overview: the same journeys per phase, region and round', async () => {
  const region = `Proefregio ${Date.now()}`;
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const school = await createSchool(stack.db, { region });
    const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
    ids.push(body.journeyId);
  }
  await api(stack, 'POST', `/api/journeys/${ids[0]}/conversation-report`, { conductedOn: '2026-11-20', report: 'Verkennend gesprek over de leesaanpak.' });

  const visible = async (query: string) => {
    const found: string[] = [];
    for await (const execution of stack.client.workflow.list({ query })) found.push(execution.workflowId);
    return found.sort();
  };
  for (const phase of ['conversation', 'intake']) {
    const { body: list } = await api(stack, 'GET', `/api/cases?phase=${phase}&region=${encodeURIComponent(region)}`);
    const onOverview = list.rows.map((r: { journeyId: string }) => r.journeyId).sort();
    let inTemporal: string[] = [];
    for (let i = 0; i < 100; i++) {
      inTemporal = await visible(`KoersPhase = '${phase}' AND KoersRegion = '${region}' AND ExecutionStatus = 'Running'`);
      if (inTemporal.length === onOverview.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect([phase, inTemporal]).toEqual([phase, onOverview]);
  }
});
