/**
 * Hostile and odd input against every API operation, generated from the OpenAPI document by
 * schemathesis: no server errors, only documented status codes, content types and response shapes.
 * Runs as the signed-in admin, with a round and a journey present so that paths find something.
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

test('no server errors and nothing undocumented, whatever the input', async () => {
  const schemathesis = process.env.SCHEMATHESIS_PATH;
  if (!schemathesis) throw new Error('schemathesis is missing: install python3 (the test setup then installs schemathesis), or set SCHEMATHESIS_PATH');
  const config = path.join(requiredEnv('KOERS_TEST_SCRATCH'), 'schemathesis.toml');
  await writeFile(config, `[auth.openapi.officeSession]\napi_key = "${stack.cookies.admin.split('=')[1]}"\n`);
  const { code, output } = await run(schemathesis, [
    '--config-file',
    config,
    'run',
    `${stack.apiUrl}/openapi.json`,
    '--url',
    stack.apiUrl,
    // Signing out would end the session the rest of the run uses.
    '--exclude-method',
    'DELETE',
    '--checks',
    'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance',
    '--phases',
    'examples,fuzzing',
    '--max-examples',
    '25',
    '--seed',
    '20261124',
    '--no-color',
  ]);
  if (code !== 0) console.log(output);
  expect(output).toMatch(/passed/);
  expect(code).toBe(0);
}, 300_000);
