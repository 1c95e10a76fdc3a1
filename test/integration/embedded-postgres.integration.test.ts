/**
 * Embedded PostgreSQL from any folder. As root it runs as a user of its own, which cannot enter a
 * private folder (mode 700, such as /root or a `mktemp -d`): its programs and data then go to a
 * shared folder that user may enter, and where that cannot be, it stops with one line that says
 * how to get past it, not in initdb with a bare EACCES.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { lstat, chmod, copyFile, mkdir, mkdtemp, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { firstUnreachable } from '../../devtools/embedded-postgres';
import { freePort } from '../../devtools/free-port';
import { projectRoot, run } from '../support/npm-start';
import { startPostgresProcess } from '../support/postgres-process';

const asRoot = process.getuid?.() === 0;
const rootTest = asRoot ? test : test.skip;
let privateDir: string;
let sharedDir: string;
const saved = process.env.KOERS_POSTGRES_SHARED_DIR;
beforeAll(async () => {
  privateDir = await mkdtemp(path.join(tmpdir(), 'koers-private-'));
  await chmod(privateDir, 0o700);
  sharedDir = await mkdtemp(path.join(tmpdir(), 'koers-shared-'));
  await chmod(sharedDir, 0o755);
  process.env.KOERS_POSTGRES_SHARED_DIR = sharedDir; // the processes started below inherit it
});
afterAll(async () => {
  if (saved === undefined) delete process.env.KOERS_POSTGRES_SHARED_DIR;
  else process.env.KOERS_POSTGRES_SHARED_DIR = saved;
  await rm(privateDir, { recursive: true, force: true });
  await rm(sharedDir, { recursive: true, force: true });
});

async function answers(url: string): Promise<unknown> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 as one')).rows[0];
  } finally {
    await client.end();
  }
}

rootTest('a program in a private folder is one the PostgreSQL user cannot reach', async () => {
  const program = path.join(privateDir, 'initdb');
  await writeFile(program, '#!/bin/sh\n', { mode: 0o755 });
  const user = { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
  expect(firstUnreachable([tmpdir(), program], user)).toBe(program);
  expect(firstUnreachable([tmpdir()], user)).toBeUndefined();
});

test('PostgreSQL with its data in a private folder runs (as root: the data in the shared folder, linked from there)', async () => {
  const dataDir = path.join(privateDir, 'data', 'postgres');
  const database = await startPostgresProcess(dataDir, await freePort());
  try {
    expect(await answers(database.url)).toEqual({ one: 1 });
  } finally {
    await database.stop();
  }
  if (asRoot) {
    expect((await lstat(dataDir)).isSymbolicLink()).toBe(true);
    expect(path.dirname(await readlink(dataDir))).toBe(sharedDir);
  }
  // The next start finds the same data.
  const again = await startPostgresProcess(dataDir, await freePort());
  try {
    expect(await answers(again.url)).toEqual({ one: 1 });
  } finally {
    await again.stop();
  }
});

rootTest('PostgreSQL installed in a private folder runs from a copy of its programs in the shared folder', async () => {
  // A project of its own in the private folder: its own embedded-postgres and programs, the rest linked.
  const project = path.join(privateDir, 'koers');
  const modules = path.join(project, 'node_modules');
  await mkdir(path.join(modules, '@embedded-postgres'), { recursive: true });
  await mkdir(path.join(project, 'devtools'));
  await copyFile(path.join(projectRoot, 'devtools', 'embedded-postgres.ts'), path.join(project, 'devtools', 'embedded-postgres.ts'));
  const binaries = `@embedded-postgres/${process.platform}-${process.arch}`;
  const installed = path.join(projectRoot, 'node_modules');
  execFileSync('cp', ['-a', path.join(installed, 'embedded-postgres') + '/.', path.join(modules, 'embedded-postgres')]);
  execFileSync('cp', ['-a', path.join(installed, binaries) + '/.', path.join(modules, binaries)]);
  for (const name of await readdir(installed)) {
    if (name !== 'embedded-postgres' && name !== '@embedded-postgres') await symlink(path.join(installed, name), path.join(modules, name));
  }
  await writeFile(
    path.join(project, 'start.ts'),
    "import { startEmbeddedPostgres } from './devtools/embedded-postgres';\n" +
      'void startEmbeddedPostgres({ dataDir: process.argv[2]!, port: Number(process.argv[3]), ephemeral: true }).then(async (db) => {\n' +
      '  console.log(db.url);\n  await db.stop();\n});\n',
  );
  const started = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(project, 'start.ts'), path.join(tmpdir(), `koers-pg-${Date.now()}`), String(await freePort())],
    {
      cwd: projectRoot,
      env: process.env,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  expect(started.stderr).not.toContain('EACCES');
  expect(started.status).toBe(0);
  expect(started.stdout).toMatch(/^postgresql:\/\//);
  expect((await readdir(sharedDir)).filter((name) => name.startsWith('programs-'))).toHaveLength(1);
});

rootTest('where the shared folder cannot be used, npm start stops at once with one line that names the way out', async () => {
  const notADir = path.join(sharedDir, 'a-file');
  await writeFile(notADir, '');
  const started = run('npm', ['start', '--silent'], { KOERS_DATA_DIR: path.join(privateDir, 'start'), KOERS_POSTGRES_SHARED_DIR: path.join(notADir, 'x') }, [
    'DATABASE_URL',
  ]);
  expect(started.status).toBe(1);
  const lines = `${started.stdout}${started.stderr}`.split('\n').filter(Boolean);
  expect(lines).toEqual([
    expect.stringContaining('[koers] starting PostgreSQL'),
    `[koers] PostgreSQL runs as the user "postgres" (it refuses to run as root), which cannot reach its data folder ${path.join(privateDir, 'start', 'postgres')}: use a data folder every user may enter (npm start: KOERS_DATA_DIR; npm test: TMPDIR), or set DATABASE_URL to a PostgreSQL server of your own.`,
    '[koers] stopping (could not start)…',
    '[koers] stopped',
  ]);
});
