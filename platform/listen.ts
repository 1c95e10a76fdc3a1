/** Serving an Express app on a free loopback port, for tests and benches that start their own API. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  server: Server;
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/** Serves an app on a free port on loopback (tests, benchmarks), resolving once it listens. */
export function listenOnLoopback(app: { listen(port: number, host: string, listening: () => void): Server }): Promise<Listening> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((closed) => server.close(() => closed())),
      });
    });
  });
}
