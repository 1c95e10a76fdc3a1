/**
 * The HTTP layer at its edges: double clicks and races answer 2xx or a documented 4xx, never a 5xx;
 * /health names what is down without the system's own error text; behind a proxy, rate limits key
 * on the real client; one sign-in limit for both ways in; the office's cookie cannot be used from
 * another site to change anything.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { createApp, type AppDependencies } from '../../api/app';
import { ACTION_NOT_IN_TRACK, toAppError } from '../../api/errors-middleware';
import { loadConfig } from '../../platform/config';
import { createDb } from '../../platform/db';
import { listenOnLoopback } from '../../platform/listen';
import { createLogger } from '../../platform/logger';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { createSchool } from '../support/fixtures';
import { until } from '../support/until';

let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack({ worker: true });
});
afterAll(async () => {
  await stack?.close();
});

const DAY = 86_400_000;
const rates = { fixedPerSchool: 35_616, perOntwikkelschoolPlace: 8_480, maxPlacesPerTrajectory: 6 };

/** A second app on the stack's database and Temporal, with options of its own and its own rate limits. */
async function withApp<T>(options: Partial<AppDependencies>, use: (url: string) => Promise<T>): Promise<T> {
  const app = createApp({ db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue, log: createLogger('silent'), ...options });
  const listening = await listenOnLoopback(app);
  try {
    return await use(listening.url);
  } finally {
    await listening.close();
  }
}

async function json(response: Response): Promise<{ status: number; body: any }> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('never a 5xx for bad input or double clicks', () => {
  test('"open now" clicked twice, at once and again: each answers the round or a Dutch 409', async () => {
    const created = await api(stack, 'POST', '/api/rounds', {
      id: 'dubbelklik',
      name: 'Dubbelklik',
      schoolYear: '2041-2042',
      opensAt: new Date(Date.now() + DAY).toISOString(),
      closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      tracks: ['expertschool'],
      rates,
    });
    expect(created.status).toBe(201);
    const answers = await Promise.all([1, 2].map(() => api(stack, 'POST', '/api/rounds/dubbelklik/open-now', {})));
    answers.push(await api(stack, 'POST', '/api/rounds/dubbelklik/open-now', {}));
    for (const answer of answers) {
      expect([200, 409]).toContain(answer.status);
      if (answer.status === 409) expect(answer.body.error.message).toMatch(/ronde/);
    }
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
  });

  test("an action the track does not have (an aspirant year's outcome on an ontwikkelschool journey) is a Dutch 409", async () => {
    const school = await createSchool(stack.db);
    const started = await api(stack, 'POST', '/api/journeys', { brin: school.brin, track: 'ontwikkelschool' });
    expect(started.status).toBe(201);
    const refused = await api(stack, 'POST', `/api/journeys/${started.body.journeyId}/aspirant-outcome`, {
      outcome: 'expertschool',
      reason: 'Het aspirantjaar is goed afgerond.',
    });
    expect(refused).toEqual({ status: 409, body: { error: { code: 'not_allowed_now', message: ACTION_NOT_IN_TRACK, issues: [] } } });
  });

  test('an impossible date (30 February) in an office form or the API is a 4xx, not a 5xx or another day', async () => {
    const school = await createSchool(stack.db);
    const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
    const { csrfToken } = (await api(stack, 'GET', '/api/session')).body;
    await until(
      () => stack.db.journey.count({ where: { id: body.journeyId } }),
      (n) => n === 1,
      'the case on record',
    );
    const form = await fetch(`${stack.apiUrl}/kantoor/dossiers/${body.journeyId}/acties/conversation-plan`, {
      method: 'POST',
      headers: { cookie: stack.cookies.admin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfToken, startsAt: '2026-02-30T10:00', durationMinutes: '60', location: 'Op school' }).toString(),
      redirect: 'manual',
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('Vul het moment van het gesprek in');

    for (const opensAt of ['2041-02-30T09:00', '2041-02-30T09:00+01:00']) {
      const round = await api(stack, 'POST', '/api/rounds', {
        id: 'dertig-februari',
        name: 'Dertig februari',
        schoolYear: '2041-2042',
        opensAt,
        closesAt: '2041-04-01T17:00',
        tracks: ['ontwikkelschool'],
        rates,
      });
      // The document says only "a string" for a moment: a refusal beyond that is a 422.
      expect([opensAt, round.status]).toEqual([opensAt, 422]);
      expect(round.body.error.issues).toEqual([expect.objectContaining({ path: ['opensAt'] })]);
    }
  });

  test('two colleagues adding the same staff member at once: one account, the other hears it exists (409)', async () => {
    const email = `gelijktijdig-${Date.now()}@ontwikkelkracht.example`;
    const answers = await Promise.all([1, 2, 3].map(() => api(stack, 'POST', '/api/staff', { email, name: 'Dirk Dekker' })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.message).toBe(`Er is al een account voor ${email}.`);
    expect(await stack.db.staffMember.count({ where: { email } })).toBe(1);
  });

  test('/health names what is down, without the error text of the driver', async () => {
    const unreachable = createDb('postgresql://koers:geheim@127.0.0.1:1/koers');
    try {
      await withApp({ db: unreachable }, async (url) => {
        const { status, body } = await json(await fetch(`${url}/health`));
        expect(status).toBe(503);
        expect(body).toEqual({ status: 'unavailable', temporal: { ok: true }, database: { ok: false, error: 'unreachable' } });
      });
    } finally {
      await unreachable.$disconnect();
    }
  });

  test('"not found" names what was asked for: a round, a cohort, a hub, a journey', () => {
    const missing = (workflowId: string) => toAppError(new WorkflowNotFoundError('not found', workflowId, undefined));
    expect(missing('round-voorjaar-now')).toMatchObject({ code: 'round_not_found', message: expect.stringContaining('subsidieronde') });
    expect(missing('cohort-vo-2027')).toMatchObject({ code: 'cohort_not_found', message: expect.stringContaining('cohort') });
    expect(missing('hub-12AB-2027-2028')).toMatchObject({ code: 'not_found', message: expect.stringContaining('hub') });
    expect(missing('journey-expertschool-12AB')).toMatchObject({ code: 'journey_not_found', message: expect.stringContaining('reis') });
  });
});

describe('deployment edges', () => {
  const signInJson = (url: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email: 'x@y.example', password: 'raden' }),
    });
  const signInForm = (url: string) =>
    fetch(`${url}/kantoor/inloggen`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=x%40y.example&password=raden',
      redirect: 'manual',
    });

  test('TRUST_PROXY: behind a proxy, the sign-in limit counts per client named in X-Forwarded-For', async () => {
    await withApp({ trustProxy: 1 }, async (url) => {
      const others: number[] = [];
      for (let i = 1; i <= 11; i++) others.push((await signInJson(url, { 'x-forwarded-for': `203.0.113.${i}` })).status);
      expect(others).toEqual(Array(11).fill(401));
      const one: number[] = [];
      for (let i = 0; i < 11; i++) one.push((await signInJson(url, { 'x-forwarded-for': '198.51.100.7' })).status);
      expect(one).toEqual([...Array(10).fill(401), 429]);
    });
    // Without it, the header is not believed: everyone behind the proxy is one client.
    await withApp({}, async (url) => {
      const statuses: number[] = [];
      for (let i = 1; i <= 11; i++) statuses.push((await signInJson(url, { 'x-forwarded-for': `203.0.113.${i}` })).status);
      expect(statuses[10]).toBe(429);
    });
  });

  test('TRUST_PROXY is read and checked at start', () => {
    const env = { DATABASE_URL: 'postgresql://localhost/koers' };
    expect(loadConfig(env).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...env, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ ...env, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => loadConfig({ ...env, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ ...env, TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY/);
  });

  test('one sign-in limit for both ways in: attempts at the form count for the JSON sign-in and back', async () => {
    await withApp({}, async (url) => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await signInJson(url)).status, (await signInForm(url)).status);
      expect(statuses).toEqual(Array(10).fill(401));
      expect((await signInForm(url)).status).toBe(429);
      const json429 = await json(await signInJson(url));
      expect(json429.status).toBe(429);
      expect(json429.body.error.code).toBe('too_many_requests');
    });
  });

  test("the office's cookie changes nothing from another site: Origin must be the site's, or the session's CSRF token sent", async () => {
    const { csrfToken } = (await api(stack, 'GET', '/api/session')).body;
    await withApp({ publicUrl: 'https://koers.example' }, async (url) => {
      const school = await createSchool(stack.db);
      const start = (headers: Record<string, string>) =>
        fetch(`${url}/api/journeys`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: stack.cookies.admin, ...headers },
          body: JSON.stringify({ brin: school.brin }),
        }).then(json);
      const forged: Record<string, string>[] = [{}, { origin: 'https://evil.example' }, { origin: 'null' }, { 'x-csrf-token': 'geraden' }];
      for (const headers of forged) {
        const refused = await start(headers);
        expect([headers, refused.status, refused.body.error.code]).toEqual([headers, 403, 'csrf_failed']);
        expect(refused.body.error.message).toMatch(/site van Koers/);
      }
      expect(await stack.db.journey.count({ where: { brin: school.brin } })).toBe(0);
      // Reading needs no proof; a change from PUBLIC_URL's origin, the host asked for, or with the token goes through.
      expect((await fetch(`${url}/api/rounds`, { headers: { cookie: stack.cookies.admin } })).status).toBe(200);
      expect((await start({ origin: 'https://koers.example' })).status).toBe(201);
      expect((await start({ origin: url })).status).toBe(409);
      expect((await start({ 'x-csrf-token': csrfToken })).status).toBe(409);
    });
  });
});

describe('the OpenAPI document tells the truth', () => {
  test('a method the path does not have is a 405 that names those it has', async () => {
    for (const method of ['PUT', 'PATCH', 'POST']) {
      const response = await fetch(`${stack.apiUrl}/api/rounds/voorjaar`, { method, headers: { cookie: stack.cookies.admin, origin: stack.apiUrl } });
      expect([method, response.status, response.headers.get('allow')]).toEqual([method, 405, 'GET, HEAD']);
    }
    const unknown = await fetch(`${stack.apiUrl}/api/bestaat-niet`, { method: 'PUT' });
    expect(unknown.status).toBe(404);
  });

  test('a body with a field its schema does not have is a 400 naming it; the actor a form may send is ignored', async () => {
    const school = await createSchool(stack.db);
    const refused = await api(stack, 'POST', '/api/journeys', { brin: school.brin, trak: 'ontwikkelschool' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([{ path: ['trak'], message: 'Onbekend veld "trak": laat het weg.' }]);
    const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
    const report = { conductedOn: '2026-11-20', report: 'Verkennend gesprek over de leesaanpak.', recordedBy: 'Iemand Anders' };
    const recorded = await api(stack, 'POST', `/api/journeys/${body.journeyId}/conversation-report`, report);
    expect(recorded.status).toBe(200);
    expect(recorded.body.conversation.recordedBy).toBe('Anna Visser');
  });

  test('every operation documents what its access, input and path can answer', async () => {
    const { body: document } = await api(stack, 'GET', '/openapi.json');
    type Operation = { security?: Record<string, string[]>[]; requestBody?: unknown; responses: Record<string, unknown> };
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses);
        const expected = [
          ...(operation.security?.some((s) => 'officeSession' in s || 'schoolLink' in s) ? ['401', '403'] : []),
          ...(operation.requestBody ? ['400', '413', '415', '422'] : []),
          ...(path.includes('{') ? ['400', '404'] : []),
        ];
        expect([method, path, statuses]).toEqual([method, path, expect.arrayContaining(expected)]);
      }
    }
  });
});
