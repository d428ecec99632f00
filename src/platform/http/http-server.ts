import { createServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Express, Request } from 'express';

export interface HttpServer {
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops taking connections, lets requests in flight finish (up to `graceMs`), then closes the rest. */
  close(graceMs: number): Promise<void>;
}

/**
 * Takes a request for a protocol upgrade (WebSocket) and owns its socket from then on; false when
 * the path is not its own (the server answers 404). The request carries Express's prototype, so
 * `req.ip`, `req.secure` and `req.get()` follow the app's `trust proxy` as in its routes.
 */
export type UpgradeHandler = (req: Request, socket: Duplex, head: Buffer) => boolean;

/** The app setting that says its server hands upgrade requests to an UpgradeHandler. */
const TAKES_UPGRADES = 'kosi upgrades';

/**
 * Whether the server this request came through takes upgrades (WebSocket): a route may offer a
 * WebSocket address only then. An app served without createHttpServer's hook (a test host) never does.
 */
export function takesUpgrades(req: Request): boolean {
  return req.app.get(TAKES_UPGRADES) === true;
}

/** Answers an upgrade request with a bare HTTP status and closes the connection. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  if (!socket.writable) return void socket.destroy();
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function createHttpServer(app: Express, upgrade?: UpgradeHandler): HttpServer {
  const server: Server = createServer(app);
  // Behind a load balancer idle keep-alive sockets must outlive its timeout (often 60 s).
  server.keepAliveTimeout = 65_000;
  if (upgrade) app.set(TAKES_UPGRADES, true);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    Object.setPrototypeOf(req, app.request);
    let taken = false;
    try {
      taken = upgrade?.(req as Request, socket, head) ?? false;
    } catch {
      // A handler's bug must not take the process down with it: the client sees 404.
    }
    if (!taken) refuseUpgrade(socket, 404);
  });
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
