/**
 * The system a user starts: `npm start` itself (one start for the whole file), checked against what
 * the README promises it runs, from outside only: over HTTP, SMTP, the Temporal CLI and the npm
 * scripts the README names. No module of the app is imported to act.
 */
import { createTransport } from 'nodemailer';
import { requiredEnv } from '../support/time-skipping';
import { run, startNpmStart, type NpmStart } from '../support/npm-start';
import { until } from '../support/until';

const RETENTION_DAYS = 400;
let stack: NpmStart;
beforeAll(async () => {
  stack = await startNpmStart({ PERSONAL_DATA_RETENTION_DAYS: String(RETENTION_DAYS) });
}, 600_000);
afterAll(async () => {
  // Ctrl-C: everything stops, cleanly, and nothing is left running.
  if (!stack) return;
  const ended = await stack.stop();
  // npm itself gets the Ctrl-C too and ends by it (130, or the signal); the stack must have said it stopped.
  expect([0, 130, 'SIGINT']).toContain(ended.signal ?? ended.code);
  expect(stack.output()).toContain('[koers] stopped');
  // What Ctrl-C stops stays stopped.
  expect(stack.output().slice(stack.output().indexOf('[koers] stopping ('))).not.toContain('restarting it in');
}, 180_000);

/** The Temporal CLI against the stack's dev server, JSON out. */
function temporal(...args: string[]): { status: number | null; json: any; stderr: string } {
  const result = run(requiredEnv('TEMPORAL_CLI_PATH'), [...args, '--address', `127.0.0.1:${stack.ports.temporal}`, '--output', 'json']);
  let json: unknown;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    json = undefined;
  }
  return { status: result.status, json, stderr: result.stderr };
}

/**
 * fetch, again once where the server closed a kept-alive connection just as it was reused (the
 * request never reached it; undici says "other side closed"): the tests wait seconds between calls.
 */
async function http(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code !== 'UND_ERR_SOCKET' && cause?.code !== 'ECONNRESET') throw error;
    return fetch(url, init);
  }
}

async function get(url: string): Promise<{ status: number; text: string }> {
  const response = await http(url);
  return { status: response.status, text: await response.text() };
}

let cookie = '';
async function api(method: 'GET' | 'POST', route: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await http(`${stack.apiUrl}${route}`, {
    method,
    // A change with the office's cookie says it comes from the site itself, as the office's pages do.
    headers: { cookie, origin: stack.apiUrl, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

test('the API, the Temporal UI and the mail viewer answer on their ports', async () => {
  const health = await get(`${stack.apiUrl}/health`);
  expect(health.status).toBe(200);
  const openapi = await get(`${stack.apiUrl}/openapi.json`);
  expect(openapi.status).toBe(200);
  expect(JSON.parse(openapi.text)).toMatchObject({
    openapi: expect.stringMatching(/^3\./),
    paths: expect.objectContaining({ '/api/session': expect.anything() }),
  });
  expect((await get(`http://127.0.0.1:${stack.ports.temporalUi}/`)).status).toBe(200);
  expect((await get(`http://127.0.0.1:${stack.ports.mail}/`)).status).toBe(200);
  const samples = await get(`http://127.0.0.1:${stack.ports.mail}/voorbeelden`);
  expect(samples.status).toBe(200);
  expect(samples.text).toContain('<iframe');
});

test('the mail catcher accepts a message on its SMTP port and shows it', async () => {
  const transport = createTransport({ host: '127.0.0.1', port: stack.ports.smtp, secure: false, ignoreTLS: true });
  await transport.sendMail({ from: 'test@koers.example', to: 'directie@regenboog.example', subject: 'Proef via SMTP', text: 'Hallo.' });
  transport.close();
  const viewer = await until(
    () => get(`http://127.0.0.1:${stack.ports.mail}/`),
    (page) => page.text.includes('Proef via SMTP'),
    'the message in the mail viewer',
  );
  expect(viewer.status).toBe(200);
});

test("Koers's search attributes exist on the dev server", () => {
  const { status, json } = temporal('operator', 'search-attribute', 'list');
  expect(status).toBe(0);
  const names = JSON.stringify(json);
  for (const name of ['KoersPhase', 'KoersTrack', 'KoersSector', 'KoersRegion', 'KoersRound', 'KoersWaitingFor', 'KoersNextDeadline'])
    expect(names).toContain(name);
});

test('the worker has created the retention Schedule, carrying PERSONAL_DATA_RETENTION_DAYS', async () => {
  const list = await until(
    async () => temporal('schedule', 'list'),
    (result) => JSON.stringify(result.json ?? '').includes('personal-data-retention'),
    'the retention Schedule to be listed',
    600,
  );
  expect(list.status).toBe(0);
  const described = temporal('schedule', 'describe', '--schedule-id', 'personal-data-retention');
  expect(described.status).toBe(0);
  const text = JSON.stringify(described.json);
  expect(text).toContain('personalDataRetention');
  expect(text).toContain('Europe/Amsterdam');
  // The action's argument, as the CLI shows a payload: base64 of its JSON.
  const args = described.json.schedule.action.startWorkflow.input.payloads.map((p: { data: string }) => JSON.parse(Buffer.from(p.data, 'base64').toString()));
  expect(args).toEqual([{ retentionDays: RETENTION_DAYS }]);
});

test('an admin added with npm run staff:add signs in to the office', async () => {
  const added = run(
    'npm',
    ['run', '--silent', 'staff:add', '--', 'anna.visser@ontwikkelkracht.example', 'Anna Visser', 'admin'],
    {
      KOERS_POSTGRES_PORT: String(stack.ports.postgres),
    },
    ['DATABASE_URL'],
  );
  expect(added.status).toBe(0);
  const password = /First password \(shown once; keep it somewhere safe\): (\S+)/.exec(added.stdout)?.[1];
  expect(password).toBeDefined();

  const response = await http(`${stack.apiUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'anna.visser@ontwikkelkracht.example', password }),
  });
  expect(response.status).toBe(200);
  cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  expect((await api('GET', '/api/session')).body).toMatchObject({ staff: { name: 'Anna Visser', role: 'admin' } });
  expect((await http(`${stack.apiUrl}/kantoor`, { headers: { cookie } })).status).toBe(200);
});

test('a killed worker and a killed API are started again, and a journey still goes forward', async () => {
  expect(cookie).not.toBe(''); // signed in by the test before
  const worker = stack.pidOf('worker')!;
  const apiPid = stack.pidOf('api')!;
  process.kill(worker, 'SIGKILL');
  process.kill(apiPid, 'SIGKILL');
  await until(
    async () => [stack.pidOf('worker'), stack.pidOf('api')],
    ([w, a]) => w !== worker && a !== apiPid,
    'the worker and the API to be started again',
    600,
  );
  expect(stack.output()).toContain('[koers] worker exited unexpectedly (signal SIGKILL); restarting it in 1 s');
  expect(stack.output()).toContain('[koers] api exited unexpectedly (signal SIGKILL); restarting it in 1 s');
  await until(
    () => get(`${stack.apiUrl}/health`).catch(() => ({ status: 0, text: '' })),
    (r) => r.status === 200,
    'the API to answer again',
    600,
  );

  // The session survives (it is in the database); the journey needs the new worker.
  expect(
    (
      await api('POST', '/api/schools', {
        brin: '12AB',
        name: 'De Regenboog',
        sector: 'PO',
        region: 'Utrecht',
        contactEmail: 'directie@regenboog.example',
        inspectionRating: 'goed',
      })
    ).status,
  ).toBe(201);
  const started = await api('POST', '/api/journeys', { brin: '12AB' });
  expect(started.status).toBe(201);
  const journeyId = 'journey-expertschool-12AB';
  const reported = await api('POST', `/api/journeys/${journeyId}/conversation-report`, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de leesaanpak.',
  });
  expect(reported.status).toBe(200);
  expect(reported.body).toMatchObject({ phase: 'intake' });
});
