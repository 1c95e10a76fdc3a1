/**
 * Embedded PostgreSQL from any folder. As root it runs as a user of its own, which cannot enter a
 * private folder (mode 700, such as /root or a `mktemp -d`); there it must stop with one line that
 * says how to get past it, not die in initdb with a bare EACCES.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { firstUnreachable } from '../../platform/embedded-postgres';
import { freePort } from '../../platform/free-port';
import { run } from '../support/npm-start';
import { startPostgresProcess } from '../support/postgres-process';

const asRoot = process.getuid?.() === 0;
let privateDir: string;
beforeAll(async () => {
  privateDir = await mkdtemp(path.join(tmpdir(), 'koers-private-'));
  await chmod(privateDir, 0o700);
});
afterAll(async () => {
  await rm(privateDir, { recursive: true, force: true });
});

(asRoot ? test : test.skip)('a program in a private folder is one the PostgreSQL user cannot reach', async () => {
  const program = path.join(privateDir, 'initdb');
  await writeFile(program, '#!/bin/sh\n', { mode: 0o755 });
  const user = { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
  expect(firstUnreachable([tmpdir(), program], user)).toBe(program);
  expect(firstUnreachable([tmpdir()], user)).toBeUndefined();
});

test('PostgreSQL with its data in a private folder: as root, one clear line that names the way out; otherwise it runs', async () => {
  const started = startPostgresProcess(path.join(privateDir, 'postgres'), await freePort());
  if (!asRoot) {
    await (await started).stop();
    return;
  }
  const error = (await started.then(
    async (database) => {
      await database.stop();
      return new Error('PostgreSQL started');
    },
    (e: Error) => e,
  )) as Error;
  expect(error.message).toContain(
    `PostgreSQL runs as the user "postgres" (it refuses to run as root), which cannot reach its data folder ${path.join(privateDir, 'postgres')}: use a data folder every user may enter (npm start: KOERS_DATA_DIR; npm test: TMPDIR), or set DATABASE_URL to a PostgreSQL server of your own.`,
  );
  expect(error.message).not.toContain('EACCES');
});

(asRoot ? test : test.skip)('npm start with its data in a private folder stops at once with that line', () => {
  const started = run('npm', ['start', '--silent'], { KOERS_DATA_DIR: path.join(privateDir, 'data'), KOERS_POSTGRES_PORT: '1' }, ['DATABASE_URL']);
  expect(started.status).toBe(1);
  const lines = `${started.stdout}${started.stderr}`.split('\n').filter(Boolean);
  expect(lines).toEqual([
    expect.stringContaining('[koers] starting PostgreSQL'),
    `[koers] PostgreSQL runs as the user "postgres" (it refuses to run as root), which cannot reach its data folder ${path.join(privateDir, 'data', 'postgres')}: use a data folder every user may enter (npm start: KOERS_DATA_DIR; npm test: TMPDIR), or set DATABASE_URL to a PostgreSQL server of your own.`,
    '[koers] stopping…',
    '[koers] stopped',
  ]);
});
