/**
 * The docs name files so a newcomer can find a behaviour in one hop; a name that no longer exists
 * sends them nowhere. Every path the README, the architecture page and the glossary name must exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const DOCS = ['README.md', 'docs/ARCHITECTURE.md', 'docs/GLOSSARY.md'];
const TOP_FOLDERS = [
  'domain',
  'workflows',
  'activities',
  'services',
  'api',
  'mail',
  'platform',
  'devtools',
  'worker',
  'scripts',
  'test',
  'bench',
  'prisma',
  'docs',
  'config',
  'tools',
];

test.each(DOCS)('every file or folder %s names exists', (doc) => {
  const text = readFileSync(path.join(ROOT, doc), 'utf8');
  const named = [...text.matchAll(/[`(]((?:[a-z-]+\/)+[\w.-]*)[`)]/g)]
    .map((m) => m[1]!)
    .filter((p) => TOP_FOLDERS.includes(p.split('/')[0]!) && !p.includes('{') && !p.startsWith('api/journeys'));
  expect(named.length).toBeGreaterThan(0);
  expect(named.filter((p) => !existsSync(path.join(ROOT, p)))).toEqual([]);
});
