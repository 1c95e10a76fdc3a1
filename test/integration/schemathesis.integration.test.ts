/**
 * Hostile and odd input against every API operation, generated from the OpenAPI document by
 * schemathesis with all its checks: no server errors; only documented status codes, content types,
 * headers and response shapes; schema-valid requests accepted (or refused with a documented 409 or
 * 422), schema-violating ones refused; an undeclared method a 405 with Allow. Runs as the signed-in
 * admin and without a session, with a round and a journey present so that paths find something.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { api, openRoundNow, startDevStack, type DevStack } from '../support/dev-stack';
import { createSchool } from '../support/fixtures';
import { requiredEnv } from '../support/time-skipping';

let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack({ worker: true });
  await openRoundNow(stack, { id: 'voorjaar', name: 'Voorjaar', schoolYear: '2040-2041' });
  const school = await createSchool(stack.db, { brin: '12AB' });
  await api(stack, 'POST', '/api/journeys', { brin: school.brin });
});
afterAll(async () => {
  await stack?.close();
});

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // In the scratch folder: schemathesis keeps a cache (.schemathesis) where it runs.
    const child = spawn(command, args, { cwd: requiredEnv('KOERS_TEST_SCRATCH'), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/**
 * What every run holds: a schema-valid request may also be refused by a rule across its fields or
 * of the programme (a closing moment in the past, a school year without amounts): a documented 422
 * with the Dutch reason, as 409 is for a conflict with what exists.
 * Below it, checks switched off for one operation only, each with its reason (`[[operations]]`).
 */
const sharedConfig = `
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "410", "422", "429"]
`;

async function schemathesisRun(name: string, auth: string): Promise<{ code: number | null; output: string }> {
  const schemathesis = process.env.SCHEMATHESIS_PATH;
  if (!schemathesis) throw new Error('schemathesis is missing: install python3 (the test setup then installs schemathesis), or set SCHEMATHESIS_PATH');
  const config = path.join(requiredEnv('KOERS_TEST_SCRATCH'), `schemathesis-${name}.toml`);
  await writeFile(config, `${auth}${sharedConfig}`);
  return run(schemathesis, [
    '--config-file',
    config,
    'run',
    `${stack.apiUrl}/openapi.json`,
    '--url',
    stack.apiUrl,
    // Signing out would end the session the rest of the run uses.
    '--exclude-method',
    'DELETE',
    // The office's JSON changes by cookie need the request to come from the site itself (CSRF).
    '--header',
    `Origin: ${stack.apiUrl}`,
    '--checks',
    'all',
    '--phases',
    'examples,coverage,fuzzing',
    '--max-examples',
    '25',
    '--seed',
    '20261124',
    '--no-color',
  ]);
}

test('as the admin: all checks pass, whatever the input', async () => {
  const { code, output } = await schemathesisRun('admin', `[auth.openapi.officeSession]\napi_key = "${stack.cookies.admin.split('=')[1]}"\n`);
  if (code !== 0) console.log(output);
  expect(output).toMatch(/passed/);
  expect(code).toBe(0);
}, 600_000);

test('without a session: all checks pass, whatever the input', async () => {
  const { code, output } = await schemathesisRun('anonymous', '');
  if (code !== 0) console.log(output);
  expect(output).toMatch(/passed/);
  expect(code).toBe(0);
}, 600_000);
