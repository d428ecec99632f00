import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface HttpServer {
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops taking connections, lets requests in flight finish (up to `graceMs`), then closes the rest. */
  close(graceMs: number): Promise<void>;
}

export function createHttpServer(app: Express): HttpServer {
  const server: Server = createServer(app);
  // Behind a load balancer idle keep-alive sockets must outlive its timeout (often 60 s).
  server.keepAliveTimeout = 65_000;
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    close: (graceMs) =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
