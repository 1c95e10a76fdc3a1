/**
 * The layout is the architecture: these rules keep its arrows one way (docs/ARCHITECTURE.md draws
 * them). Each rule reads the source's imports, so a move that breaks one fails here, by file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as registeredWorkflows from '../../workflows';
import { workflowType } from '../../workflows/contracts/workflow-types';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE_FOLDERS = ['domain', 'workflows', 'activities', 'services', 'api', 'mail', 'platform', 'devtools', 'worker', 'scripts'];
/** Source files written for a person to read and change (tests and benches have their own shape). */
const MAX_LINES = 360;

function filesUnder(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

const sources = SOURCE_FOLDERS.flatMap(filesUnder);
const text = new Map(sources.map((file) => [file, readFileSync(path.join(ROOT, file), 'utf8')]));

/** The project files a source file imports (value or type), relative to the root, without extension. */
function importsOf(file: string): string[] {
  const found: string[] = [];
  for (const match of text.get(file)!.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"](\.[^'"]+)['"]/g)) {
    found.push(path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), match[1]!)));
  }
  return found;
}

const within = (folder: string) => (target: string) => target === folder || target.startsWith(`${folder}/`);
const breaking = (files: string[], allowed: (target: string) => boolean) =>
  files.flatMap((file) =>
    importsOf(file)
      .filter((target) => !allowed(target))
      .map((target) => `${file} → ${target}`),
  );

test('only workflows/ and worker/ import workflow code; everyone else talks to workflows through their contracts', () => {
  const outside = sources.filter((file) => !within('workflows')(file) && !within('worker')(file));
  expect(breaking(outside, (target) => !within('workflows')(target) || within('workflows/contracts')(target))).toEqual([]);
});

test('a workflow contract needs nothing but the domain, other contracts and the namespace', () => {
  const contracts = sources.filter(within('workflows/contracts'));
  expect(breaking(contracts, (t) => within('domain')(t) || within('workflows/contracts')(t) || t === 'platform/temporal-namespace')).toEqual([]);
});

test('the domain is pure and platform/ imports nothing above it', () => {
  expect(breaking(sources.filter(within('domain')), within('domain'))).toEqual([]);
  expect(breaking(sources.filter(within('platform')), (t) => within('platform')(t) || within('generated')(t))).toEqual([]);
});

test('nothing below the API reaches up into it: services, activities and mail serve every door alike', () => {
  const below = sources.filter((file) => !within('api')(file) && !within('scripts')(file) && !within('devtools')(file));
  expect(breaking(below, (target) => !within('api')(target))).toEqual([]);
});

test("activities are the worker's: services, pages and mail never call them, and workflows name them by type only", () => {
  const callers = sources.filter((file) => !within('activities')(file) && !within('worker')(file) && !within('workflows')(file));
  expect(breaking(callers, (target) => !within('activities')(target))).toEqual([]);
  const valueImports = sources
    .filter(within('workflows'))
    .flatMap((file) => [...text.get(file)!.matchAll(/^import\s+(?!type\b)[^'";]*from\s+['"]([^'"]*activities[^'"]*)['"]/gm)].map((m) => `${file} → ${m[1]}`));
  expect(valueImports).toEqual([]);
});

test('production code does not reach into development tooling', () => {
  const production = sources.filter((file) =>
    ['domain', 'workflows', 'activities', 'services', 'api', 'mail', 'platform', 'worker'].some((f) => within(f)(file)),
  );
  expect(breaking(production, (target) => !within('devtools')(target))).toEqual([]);
});

test('routes and pages in api/ leave PostgreSQL to the services', () => {
  const queries =
    /\b(?:db|tx|prisma)\.(?:\$queryRaw|\$executeRaw|\$transaction|[a-z]\w*\.(?:find\w*|create\w*|update\w*|delete\w*|upsert|count|aggregate|groupBy))\b/g;
  const found = sources.filter(within('api')).flatMap((file) => [...text.get(file)!.matchAll(queries)].map((m) => `${file}: ${m[0]}`));
  expect(found).toEqual([]);
});

test('one place marks a link used', () => {
  const callers = sources.filter((file) => /\bmarkLinkUsed\(/.test(text.get(file)!.replace(/export async function markLinkUsed\(/, '')));
  expect(callers).toHaveLength(1);
});

test(`no source file runs past ${MAX_LINES} lines`, () => {
  const long = sources.map((file) => `${file}: ${text.get(file)!.split('\n').length}`).filter((line) => Number(line.split(': ')[1]) > MAX_LINES);
  expect(long).toEqual([]);
});

test('every source file says why it exists before it declares anything', () => {
  const opening = (file: string) => text.get(file)!.split(/\n(?=export |function |const |class |type |interface )/)[0]!;
  expect(sources.filter((file) => !/\/\*\*|^\s*\/\/ /m.test(opening(file)))).toEqual([]);
});

test('every workflow type services start by name is one the worker registers', () => {
  const exported = Object.entries(registeredWorkflows)
    .filter(([, value]) => typeof value === 'function')
    .map(([name]) => name);
  expect(Object.values(workflowType).filter((name) => !exported.includes(name))).toEqual([]);
  expect(exported.filter((name) => !Object.values(workflowType).includes(name as never))).toEqual([]);
});
