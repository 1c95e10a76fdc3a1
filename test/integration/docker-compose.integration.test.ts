/**
 * docker-compose.yml, checked without a Docker engine: `docker-compose config` resolves and
 * validates the file (schema, interpolation, references between services) and prints the result.
 * A broken copy must be refused, so that a pass here means something.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../platform/config';
import { composeCommand, projectRoot, TEMPORAL_SERVER_VERSION } from '../../scripts/provision';

const composeFile = path.join(projectRoot, 'docker-compose.yml');

const EXPECTED_SERVICES = [
  'api',
  'mailpit',
  'migrate',
  'postgres',
  'temporal',
  'temporal-namespace',
  'temporal-postgres',
  'temporal-schema',
  'temporal-ui',
  'worker',
];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `<compose> -f docker-compose.yml <args>` in `cwd`; fails the test when there is no compose command. */
function compose(cwd: string, ...args: string[]): Run {
  const command = composeCommand();
  if (!command) {
    throw new Error(
      'No compose command found (neither `docker-compose` nor `docker compose`), so docker-compose.yml cannot be validated. ' +
        'Install it: `apt-get install -y docker-compose` (Debian/Ubuntu), or the Docker Compose plugin.',
    );
  }
  const [executable, ...prefix] = command as [string, ...string[]];
  // Only what compose needs from the environment: a developer's KOERS_DB_PASSWORD or COMPOSE_* must not change the result.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() };
  const result = spawnSync(executable, [...prefix, '-f', 'docker-compose.yml', ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The resolved file's services, each as its block of lines (two-space indented YAML, as `config` prints it). */
function serviceBlocks(resolved: string): Map<string, string> {
  const lines = resolved.split('\n');
  const start = lines.indexOf('services:');
  if (start < 0) throw new Error(`no services: in\n${resolved}`);
  const blocks = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break; // next top-level key (networks, volumes, ...)
    const name = /^ {2}([A-Za-z0-9._-]+):\s*$/.exec(line)?.[1];
    if (name) blocks.set(name, (current = []));
    else current?.push(line);
  }
  return new Map([...blocks].map(([name, block]) => [name, block.join('\n')]));
}

/** A service's `environment:` mapping from its block. */
function environmentOf(block: string): Record<string, string> {
  const lines = block.split('\n');
  const start = lines.findIndex((line) => /^ {4}environment:\s*$/.test(line));
  if (start < 0) return {};
  const env: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const entry = /^ {6}([A-Z0-9_]+): ?(.*)$/.exec(line);
    if (!entry) break;
    env[entry[1]!] = entry[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

describe('docker-compose.yml', () => {
  let resolved: string;
  let services: Map<string, string>;

  beforeAll(() => {
    const run = compose(projectRoot, 'config');
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    resolved = run.stdout;
    services = serviceBlocks(resolved);
  });

  it('is valid (`config --quiet` exits 0)', () => {
    const run = compose(projectRoot, 'config', '--quiet');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('describes the whole system, and nothing else', () => {
    expect([...services.keys()].sort()).toEqual(EXPECTED_SERVICES);
  });

  it('pins every image it pulls', () => {
    for (const [name, block] of services) {
      const image = /^ {4}image: (\S+)$/m.exec(block)?.[1];
      expect({ name, image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:[\w.-]+$/) });
      expect({ name, image }).not.toEqual({ name, image: expect.stringMatching(/:latest$/) });
    }
  });

  it('builds worker, api and migrate from the repository’s Dockerfile', () => {
    for (const name of ['worker', 'api', 'migrate']) {
      expect(services.get(name)).toMatch(/^ {4}build:/m);
    }
    expect(services.get('migrate')).toMatch(/prisma[\s\S]*migrate[\s\S]*deploy/);
    expect(services.get('worker')).toMatch(/npm[\s\S]*run[\s\S]*worker/);
    expect(services.get('api')).toMatch(/npm[\s\S]*run[\s\S]*api/);
  });

  it('starts worker and api only after the migration succeeded, Temporal is healthy and its namespace exists', () => {
    for (const name of ['worker', 'api']) {
      const block = services.get(name)!;
      expect(block).toMatch(/^ {6}migrate:\n {8}condition: service_completed_successfully$/m);
      expect(block).toMatch(/^ {6}temporal:\n {8}condition: service_healthy$/m);
      expect(block).toMatch(/^ {6}temporal-namespace:\n {8}condition: service_completed_successfully$/m);
    }
    expect(services.get('temporal')).toMatch(/^ {4}healthcheck:/m);
  });

  it('runs the Temporal server npm run start:cluster runs, with the repository’s configuration, after a one-shot schema job', () => {
    const temporal = services.get('temporal')!;
    expect(temporal).toMatch(new RegExp(`^ {4}image: temporalio/server:${TEMPORAL_SERVER_VERSION.replace(/\./g, '\\.')}$`, 'm'));
    expect(temporal).toMatch(/config\/temporal:\/etc\/temporal\/config\/koers:ro/);
    expect(temporal).toMatch(/- --env\n {4}- koers\n/);
    expect(temporal).toMatch(/^ {6}temporal-schema:\n {8}condition: service_completed_successfully$/m);
    expect(resolved).not.toContain('auto-setup');
    for (const job of ['temporal-schema', 'temporal-namespace']) {
      expect(services.get(job)).toMatch(new RegExp(`^ {4}image: temporalio/admin-tools:${TEMPORAL_SERVER_VERSION.replace(/\./g, '\\.')}-`, 'm'));
      expect(services.get(job)).toMatch(/^ {4}restart: ['"]?no['"]?$/m);
    }
    expect(services.get('temporal-schema')).toMatch(/update-schema/);
    // The namespace's retention is set explicitly (30 days unless TEMPORAL_RETENTION_DAYS says otherwise).
    expect(environmentOf(services.get('temporal-namespace')!).RETENTION).toBe('30d');
  });

  it('gives worker and api an environment platform/config.ts accepts', () => {
    for (const name of ['worker', 'api']) {
      const env = environmentOf(services.get(name)!);
      const config = loadConfig(env);
      expect(config.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(Object.keys(env).sort()).toEqual(
        expect.arrayContaining(['DATABASE_URL', 'LOG_LEVEL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE']),
      );
    }
    const api = loadConfig(environmentOf(services.get('api')!));
    expect({ HOST: api.HOST, PORT: api.PORT }).toEqual({ HOST: '0.0.0.0', PORT: 3000 });
    // The migration writes to the database the worker and the API read.
    expect(environmentOf(services.get('migrate')!).DATABASE_URL).toBe(environmentOf(services.get('worker')!).DATABASE_URL);
  });

  it('publishes the API on 3000, and the Temporal Web UI (no sign-in of its own) on loopback only', () => {
    expect(services.get('api')).toMatch(/published: "?3000"?|- 0\.0\.0\.0:3000:3000|- 3000:3000/);
    // Short form (docker-compose 1.x) or long form (Compose v2: host_ip).
    expect(services.get('temporal-ui')).toMatch(/- 127\.0\.0\.1:8080:8080|host_ip: 127\.0\.0\.1[\s\S]*published: "?8080"?/);
    for (const [name, block] of services) {
      // Whatever reaches beyond this machine, other than the API, is a leak.
      if (name === 'api') continue;
      const published = [...block.matchAll(/^ {4}- (\S+:)?(\d+):\d+/gm)].map((m) => m[1]);
      expect({ name, published }).toEqual({ name, published: published.map(() => '127.0.0.1:') });
    }
  });

  it('gives the databases named volumes and the long-running services a restart policy', () => {
    // Short form (docker-compose 1.x prints `- name:/path`) or long form (Compose v2: `source: name`).
    expect(services.get('postgres')).toMatch(/(- |source: )koers-postgres-data\b/);
    expect(services.get('temporal-postgres')).toMatch(/(- |source: )temporal-postgres-data\b/);
    expect(resolved).toMatch(/^volumes:\n(?: {2}.*\n)*? {2}koers-postgres-data:/m);
    for (const name of ['postgres', 'temporal-postgres', 'temporal', 'temporal-ui', 'worker', 'api']) {
      expect({ name, restart: /^ {4}restart: (\S+)$/m.exec(services.get(name)!)?.[1] }).toEqual({ name, restart: 'unless-stopped' });
    }
  });
});

describe('the compose validator', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'koers-compose-'));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('accepts an unchanged copy in another directory', () => {
    writeFileSync(path.join(scratch, 'docker-compose.yml'), readFileSync(composeFile, 'utf8'));
    const run = compose(scratch, 'config', '--quiet');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('refuses a copy in which the worker depends on a service that does not exist', () => {
    const original = readFileSync(composeFile, 'utf8');
    const dependency = '      migrate:\n        condition: service_completed_successfully\n';
    expect(original).toContain(dependency);
    // The first such dependency is the worker's: make it a typo.
    const broken = original.replace(dependency, '      migrat:\n        condition: service_completed_successfully\n');
    writeFileSync(path.join(scratch, 'docker-compose.yml'), broken);

    const run = compose(scratch, 'config', '--quiet');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/migrat\b/);
    expect(run.stderr).toMatch(/undefined|not found/i);
  });
});
