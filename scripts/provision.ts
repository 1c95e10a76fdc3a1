/**
 * Finds or builds the two Temporal binaries Koers needs and caches them under `.tools/`:
 * - the Temporal CLI (`temporal server start-dev`: the dev server with its Web UI), built from Go modules;
 * - the time-skipping test server, a Java program resolved from Maven Central;
 * - the Temporal server and its SQL schema tool (`npm run start:cluster`, `npm run test:cluster`),
 *   built from Go modules at the version inside that CLI, with the PostgreSQL schemas of its module.
 * An environment variable can point at an existing binary instead. Where neither a cached binary,
 * the variable, nor a toolchain to build one exists, the Temporal SDK may still download its own
 * (on a machine with internet); we say so instead of failing silently.
 *
 * Run directly (`npm run provision`) it provisions everything and reports what it found.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..');
const toolsDir = path.join(projectRoot, '.tools');
const binDir = path.join(toolsDir, 'bin');

/** Temporal CLI v1.5.x is the newest line that `go install` accepts (later tags carry `replace` directives). */
const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function log(message: string): void {
  process.stderr.write(`[provision] ${message}\n`);
}

/** Path of the Temporal CLI, building it on first use; undefined means "let the SDK download one". */
export function ensureTemporalCli(): string | undefined {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH points at ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const cached = path.join(binDir, 'temporal');
  if (existsSync(cached)) return cached;
  if (!commandExists('go')) {
    log('Temporal CLI not found and Go is not installed: install Go >= 1.25, set TEMPORAL_CLI_PATH, or let the SDK download it (needs internet).');
    return undefined;
  }
  log(`building the Temporal CLI (${TEMPORAL_CLI_MODULE}); the first build takes a few minutes…`);
  mkdirSync(binDir, { recursive: true });
  execFileSync('go', ['install', TEMPORAL_CLI_MODULE], {
    stdio: ['ignore', 'inherit', 'inherit'],
    // GOTOOLCHAIN=local: never try to download a Go toolchain, use the one installed.
    env: { ...process.env, GOBIN: binDir, GOTOOLCHAIN: 'local' },
  });
  return cached;
}

/** The Temporal server inside the CLI above (`temporal --version` says so), so dev server and cluster agree. */
export const TEMPORAL_SERVER_VERSION = '1.29.1';

export interface TemporalServerTools {
  /** `temporal-server`: `start --service=frontend|history|matching|worker` */
  server: string;
  /** `temporal-sql-tool`: create-database, setup-schema, update-schema */
  sqlTool: string;
  /** The module's `schema/postgresql/v12` folder (temporal/ and visibility/, each with versioned/). */
  schemaDir: string;
}

/**
 * The Temporal server, its SQL tool and its PostgreSQL schemas, building them on first use into
 * `.tools/bin` (TEMPORAL_SERVER_PATH, TEMPORAL_SQL_TOOL_PATH and TEMPORAL_SCHEMA_DIR point at
 * others). Unlike the CLI, no SDK can download these: without Go they must be given.
 */
export function ensureTemporalServer(): TemporalServerTools {
  const server = process.env.TEMPORAL_SERVER_PATH ?? path.join(binDir, 'temporal-server');
  const sqlTool = process.env.TEMPORAL_SQL_TOOL_PATH ?? path.join(binDir, 'temporal-sql-tool');
  const schemaDir = process.env.TEMPORAL_SCHEMA_DIR ?? path.join(toolsDir, `temporal-schema-${TEMPORAL_SERVER_VERSION}`, 'postgresql', 'v12');
  const missing = [server, sqlTool, schemaDir].filter((file) => !existsSync(file));
  if (missing.length === 0) return { server, sqlTool, schemaDir };
  if (!commandExists('go')) {
    throw new Error(
      `the Temporal server is not provisioned (${missing.join(', ')} missing) and Go is not installed: install Go >= 1.25 and run npm run provision, or set TEMPORAL_SERVER_PATH, TEMPORAL_SQL_TOOL_PATH and TEMPORAL_SCHEMA_DIR`,
    );
  }
  const module = `go.temporal.io/server@v${TEMPORAL_SERVER_VERSION}`;
  // GOTOOLCHAIN=local: never try to download a Go toolchain, use the one installed.
  const env = { ...process.env, GOTOOLCHAIN: 'local' };
  if (!existsSync(server) || !existsSync(sqlTool)) {
    log(`building the Temporal server and its SQL tool (${module}); the first build takes a few minutes…`);
    goInstall({
      [`go.temporal.io/server/cmd/server@v${TEMPORAL_SERVER_VERSION}`]: ['server', server],
      [`go.temporal.io/server/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`]: ['sql', sqlTool],
    });
  }
  if (!existsSync(schemaDir)) {
    // The module is in Go's module cache after the build (downloaded here if it was built elsewhere).
    const { Dir } = JSON.parse(execFileSync('go', ['mod', 'download', '-json', module], { env, encoding: 'utf8' })) as { Dir: string };
    const copying = `${schemaDir}.${process.pid}`;
    cpSync(path.join(Dir, 'schema', 'postgresql', 'v12'), copying, { recursive: true });
    renameSync(copying, schemaDir);
  }
  return { server, sqlTool, schemaDir };
}

/**
 * Builds Go programs (package@version → [the name go install gives it, where it goes]) aside and
 * renames them into place: `go install` names them `server`, `sql`, too generic for .tools/bin.
 */
function goInstall(programs: Record<string, [string, string]>): void {
  const building = path.join(toolsDir, `.go-build-${process.pid}`);
  mkdirSync(building, { recursive: true });
  try {
    execFileSync('go', ['install', ...Object.keys(programs)], {
      stdio: ['ignore', 'inherit', 'inherit'],
      // GOTOOLCHAIN=local: never try to download a Go toolchain, use the one installed.
      env: { ...process.env, GOBIN: building, GOTOOLCHAIN: 'local' },
    });
    for (const [built, target] of Object.values(programs)) {
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(path.join(building, built), target);
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

/** The Web UI server inside the CLI above (its go.mod requires this version). */
const TEMPORAL_UI_MODULE = 'github.com/temporalio/ui-server/v2/cmd/server@v2.42.1';

/** Path of the Temporal Web UI server (for the cluster), building it on first use; undefined without Go. */
export function ensureTemporalUi(): string | undefined {
  const ui = process.env.TEMPORAL_UI_SERVER_PATH ?? path.join(binDir, 'temporal-ui-server');
  if (existsSync(ui)) return ui;
  if (!commandExists('go')) return undefined;
  log(`building the Temporal Web UI server (${TEMPORAL_UI_MODULE})…`);
  goInstall({ [TEMPORAL_UI_MODULE]: ['server', ui] });
  return ui;
}

/** Path of a launcher for the time-skipping test server; undefined means "let the SDK download one". */
export function ensureTestServer(): string | undefined {
  const fromEnv = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`TEMPORAL_TEST_SERVER_PATH points at ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const launcher = path.join(binDir, 'temporal-test-server');
  if (existsSync(launcher)) return launcher;
  if (!commandExists('java') || !commandExists('mvn')) {
    log(
      'time-skipping test server not found and Java 17+ with Maven is not installed: install them, set TEMPORAL_TEST_SERVER_PATH, or let the SDK download it (needs internet).',
    );
    return undefined;
  }
  const jarDir = path.join(toolsDir, 'temporal-test-server');
  log('resolving the time-skipping test server from Maven Central…');
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      path.join(projectRoot, 'tools/temporal-test-server/pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${jarDir}`,
      '-DincludeScope=runtime',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  mkdirSync(binDir, { recursive: true });
  // Serial GC and C1-only JIT: the SDK gives a spawned server a few seconds to start, which a cold
  // JVM on a small machine needs them for.
  writeFileSync(launcher, `#!/bin/sh\nexec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -cp '${jarDir}/*' io.temporal.testserver.TestServer "$@"\n`);
  chmodSync(launcher, 0o755);
  return launcher;
}

/** The schemathesis version the API's property tests run (PyPI). */
const SCHEMATHESIS_VERSION = '4.32.5';

/**
 * Path of the `schemathesis` command (property-based tests of the API from its OpenAPI document),
 * installed from PyPI into its own virtual environment under .tools on first use.
 */
export function ensureSchemathesis(): string | undefined {
  const fromEnv = process.env.SCHEMATHESIS_PATH;
  if (fromEnv) return fromEnv;
  const venv = path.join(toolsDir, 'schemathesis');
  const command = path.join(venv, 'bin', 'schemathesis');
  if (existsSync(command)) return command;
  if (!commandExists('python3')) {
    log('python3 is missing: install Python 3.10+ (or set SCHEMATHESIS_PATH) for the API property tests');
    return undefined;
  }
  log(`installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI into .tools/schemathesis…`);
  execFileSync('python3', ['-m', 'venv', venv], { stdio: ['ignore', 'inherit', 'inherit'] });
  execFileSync(path.join(venv, 'bin', 'pip'), ['install', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`], { stdio: ['ignore', 'inherit', 'inherit'] });
  return command;
}

/** `docker-compose` (Debian's package) or the `docker compose` plugin, to validate docker-compose.yml. */
export function composeCommand(): string[] | undefined {
  if (commandExists('docker-compose')) return ['docker-compose'];
  if (commandExists('docker') && spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) {
    return ['docker', 'compose'];
  }
  return undefined;
}

/** Chromium for the browser tests (playwright-core drives it): CHROMIUM_PATH, else Debian's. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  return candidates.find((candidate) => existsSync(candidate));
}

/**
 * Installs the Debian packages the tests need (docker-compose, to validate docker-compose.yml;
 * chromium, for the browser tests) where that is possible without asking: as root on a Debian-like
 * system. Elsewhere it says what is missing.
 */
export function ensureSystemPackages(): void {
  const missing = [...(composeCommand() ? [] : ['docker-compose']), ...(chromiumPath() ? [] : ['chromium'])];
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !commandExists('apt-get')) {
    log(`missing: ${missing.join(', ')}: install them (Debian: apt-get install ${missing.join(' ')})`);
    return;
  }
  log(`installing ${missing.join(', ')} from Debian packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

if (require.main === module) {
  ensureSystemPackages();
  const cli = ensureTemporalCli();
  const testServer = ensureTestServer();
  const cluster = commandExists('go') || process.env.TEMPORAL_SERVER_PATH ? ensureTemporalServer() : undefined;
  const compose = composeCommand();
  log(`Temporal CLI: ${cli ?? 'none (the SDK will try to download one)'}`);
  log(`time-skipping test server: ${testServer ?? 'none (the SDK will try to download one)'}`);
  log(`Temporal server ${TEMPORAL_SERVER_VERSION} (npm run start:cluster): ${cluster?.server ?? 'none: install Go >= 1.25'}`);
  log(`Temporal Web UI server (npm run start:cluster): ${ensureTemporalUi() ?? 'none: install Go >= 1.25'}`);
  log(`compose: ${compose?.join(' ') ?? 'none: install docker-compose (apt-get install docker-compose) to validate docker-compose.yml'}`);
  log(`chromium: ${chromiumPath() ?? 'none: install chromium (apt-get install chromium) for the browser tests'}`);
  log(`schemathesis: ${ensureSchemathesis() ?? 'none: install python3 for the API property tests'}`);
}
