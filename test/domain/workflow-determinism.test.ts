/**
 * Workflow code must compute the same on every worker and in every replay. Collation
 * (`localeCompare`), `Intl` and `toLocale*` depend on the ICU data of the Node.js build, time zones
 * on its tz data; so none of them may be reachable from the workflows the worker registers
 * (workflows/index.ts), nor date-fns-tz (which is built on Intl). Amsterdam time is plain
 * arithmetic (domain/amsterdam-time.ts), proven here against the ICU data of this build.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { amsterdamInstant, amsterdamIso, daysBeforeInAmsterdam } from '../../domain/amsterdam-time';

const ROOT = path.resolve(__dirname, '../..');

/** Every source file workflows/index.ts reaches through value imports (type-only imports vanish from the bundle). */
function reachableFromWorkflows(): { files: string[]; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [path.join(ROOT, 'workflows/index.ts')];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      if (match[1]) continue;
      const target = match[2]!;
      if (!target.startsWith('.')) {
        packages.add(target);
        continue;
      }
      const base = path.resolve(path.dirname(file), target);
      const resolved = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate));
      // JSON data (subsidy rates) holds no code.
      if (resolved) pending.push(resolved);
      else if (!target.endsWith('.json')) throw new Error(`${path.relative(ROOT, file)}: cannot resolve ${target}`);
    }
  }
  return { files: [...files], packages };
}

const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

test('no collation, Intl, locale formatting or time-zone data in code reachable from the workflows', () => {
  const { files, packages } = reachableFromWorkflows();
  expect(files).toContain(path.join(ROOT, 'workflows/journey/kernel.ts'));
  expect(files).toContain(path.join(ROOT, 'domain/amsterdam-time.ts'));
  const found = files.flatMap((file) =>
    [...withoutComments(readFileSync(file, 'utf8')).matchAll(/\blocaleCompare\b|\bIntl\b|\.toLocale\w*\(/g)].map(
      (m) => `${path.relative(ROOT, file)}: ${m[0]}`,
    ),
  );
  expect(found).toEqual([]);
  expect([...packages].filter((name) => /^date-fns/.test(name))).toEqual([]);
});

describe('Amsterdam time without ICU gives what the tz data of this build gives', () => {
  const HOUR = 3_600_000;
  // Every 5 hours from 2020 to 2045, plus each hour around every clock change.
  const instants: number[] = [];
  for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2046, 0, 1); t += 5 * HOUR) instants.push(t);
  for (let year = 2020; year <= 2045; year++) {
    for (const month of [2, 9]) {
      for (let day = 24; day <= 31; day++) for (let h = -3; h <= 4; h++) instants.push(Date.UTC(year, month, day, 1) + h * HOUR);
    }
  }

  test('instants shown with their offset', () => {
    const differ = instants.filter((t) => amsterdamIso(new Date(t)) !== formatInTimeZone(new Date(t), 'Europe/Amsterdam', "yyyy-MM-dd'T'HH:mm:ssXXX"));
    expect(differ.map((t) => new Date(t).toISOString())).toEqual([]);
  });

  test('wall-clock times read as instants, and days before', () => {
    const differ = instants.filter((t) => {
      const wallClock = formatInTimeZone(new Date(t), 'Europe/Amsterdam', "yyyy-MM-dd'T'HH:mm");
      const days = (t / HOUR) % 40;
      return (
        amsterdamInstant(wallClock).getTime() !== fromZonedTime(wallClock, 'Europe/Amsterdam').getTime() ||
        daysBeforeInAmsterdam(new Date(t), days).getTime() !==
          fromZonedTime(
            formatInTimeZone(new Date(t), 'Europe/Amsterdam', "yyyy-MM-dd'T'HH:mm:ss.SSS").replace(/^(\d{4}-\d{2}-\d{2})/, (d) =>
              new Date(Date.parse(`${d}T00:00:00Z`) - days * 24 * HOUR).toISOString().slice(0, 10),
            ),
            'Europe/Amsterdam',
          ).getTime()
      );
    });
    expect(differ.map((t) => new Date(t).toISOString())).toEqual([]);
  });

  test('a date that does not exist is no instant', () => {
    expect(Number.isNaN(amsterdamInstant('2027-02-30T09:00').getTime())).toBe(true);
    expect(Number.isNaN(amsterdamInstant('2027-13-01T09:00').getTime())).toBe(true);
  });
});
