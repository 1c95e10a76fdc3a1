/**
 * The Temporal dev server (`temporal server start-dev`: SQLite file, Web UI) as a child process,
 * for `npm start` and the integration tests. Without a CLI binary it falls back to the SDK's
 * own download of one (needs internet).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { searchAttributes } from '../platform/temporal-namespace';

export interface DevServerOptions {
  /** Path of the Temporal CLI; undefined: let the SDK download one. */
  cliPath: string | undefined;
  port: number;
  /** Web UI port; omitted: headless. */
  uiPort?: number;
  /** SQLite file that keeps the server's state across restarts. */
  dbFile: string;
  namespace?: string;
  onOutput?: (line: string) => void;
}

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  /** The process, when we started it ourselves (tests kill it to prove nothing is lost). */
  process: ChildProcess | undefined;
  stop(): Promise<void>;
}

const attributeType = { KEYWORD: 'Keyword', DATETIME: 'Datetime' } as const;

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const namespace = options.namespace ?? 'default';
  const address = `127.0.0.1:${options.port}`;
  const uiUrl = options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined;
  if (!options.cliPath) {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        namespace,
        ip: '127.0.0.1',
        port: options.port,
        dbFilename: options.dbFile,
        ...(options.uiPort ? { ui: true, uiPort: options.uiPort } : {}),
        searchAttributes: Object.values(searchAttributes),
      },
    });
    return { address, uiUrl, process: undefined, stop: () => env.teardown() };
  }

  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    namespace,
    '--db-filename',
    options.dbFile,
    '--log-level',
    'warn',
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...Object.values(searchAttributes).flatMap((key) => ['--search-attribute', `${key.name}=${attributeType[key.type as keyof typeof attributeType]}`]),
  ];
  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      output.push(line);
      if (output.length > 50) output.shift();
      options.onOutput?.(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  await waitUntilServing(address, exited, () => output.join('\n'));
  return {
    address,
    uiUrl,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(forced);
    },
  };
}

async function waitUntilServing(address: string, exited: Promise<number | null>, output: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`the Temporal dev server stopped while starting:\n${output()}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`the Temporal dev server did not answer on ${address} within 60 s:\n${output()}`);
}
