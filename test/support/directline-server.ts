import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { TurnQueue } from '../../src/bot/turn-queue.js';
import { SUPPORTED_LOCALES, type TenantConfig } from '../../src/platform/config/config-types.js';
import { createWebChatChannel, type WebChatChannel, type WebChatChannelOptions } from '../../src/channels/webchat/webchat-channel.js';
import { createLogger, type Logger } from '../../src/platform/logging/logger.js';
import type { DocumentStore } from '../../src/platform/store/document-store.js';
import { openStore } from '../../src/platform/store/open-store.js';

export const TEST_TENANTS: TenantConfig[] = [
  { id: 'wuppertal', name: 'Wuppertal', defaultLocale: 'de', languages: SUPPORTED_LOCALES, webchat: { secret: 'wuppertal-webchat-secret-0123456789' }, demoContent: [], districts: [] },
  { id: 'dortmund', name: 'Dortmund', defaultLocale: 'de', languages: SUPPORTED_LOCALES, webchat: { secret: 'dortmund-webchat-secret-0123456789' }, demoContent: [], districts: [] },
];

/** Real time shifted by `advance`, so that tokens expire in a test without waiting half an hour. */
export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

export function createTestClock(): TestClock {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

export interface WebChatTestServer {
  baseUrl: string;
  domain: string;
  channel: WebChatChannel;
  store: DocumentStore;
  dataDir: string;
  clock: TestClock;
  turnQueue: TurnQueue;
  /** Stops the server and closes the store; keeps the data dir (for restart tests). */
  stop(): Promise<void>;
  /** Like kill -9 between turns: stops serving and closes the store at once, turns in flight are abandoned. */
  crash(): Promise<void>;
  /** stop() and removes the data dir. */
  close(): Promise<void>;
}

export interface WebChatTestServerOptions extends Partial<Omit<WebChatChannelOptions, 'store' | 'turnQueue' | 'clock'>> {
  logic: WebChatChannelOptions['logic'];
  dataDir?: string;
  clock?: TestClock;
  logger?: Logger;
  /** Trust X-Forwarded-For from this many proxies (to test per-address limits from other addresses). */
  trustProxy?: number;
}

/**
 * The web chat channel on a real Express server on 127.0.0.1 and the real embedded store in a
 * temporary directory, behind helmet like in the app's host.
 */
export async function startWebChatServer(options: WebChatTestServerOptions): Promise<WebChatTestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'kosi-webchat-')));
  const logger = options.logger ?? createLogger('silent');
  const clock = options.clock ?? createTestClock();
  const store = await openStore({ dataDir }, logger);
  const turnQueue = new TurnQueue();
  const channel = createWebChatChannel({
    tenants: TEST_TENANTS,
    tokenTtlSeconds: 1800,
    ...options,
    store,
    logger,
    turnQueue,
    clock: clock.now,
  });
  const app = express();
  app.set('trust proxy', options.trustProxy ?? 0);
  // The host's CSP and headers apply; its global body parser does not: the channel's routes parse
  // JSON themselves (1 MB for activities), so their error shape is what the tests see.
  app.use(helmet());
  app.use(channel.router);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closeServer = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const stop = async (): Promise<void> => {
    await closeServer();
    await turnQueue.drain(5000);
    channel.stop();
    await store.close();
  };
  return {
    baseUrl,
    domain: `${baseUrl}/v3/directline`,
    channel,
    store,
    dataDir,
    clock,
    turnQueue,
    stop,
    async crash() {
      await closeServer();
      channel.stop();
      await store.close();
    },
    close: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** POST/GET JSON with an optional bearer; returns status, body and headers. */
export async function callJson(
  url: string,
  init: { method?: string; bearer?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.bearer !== undefined) headers['authorization'] = `Bearer ${init.bearer}`;
  if (init.body !== undefined || init.rawBody !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: init.method ?? (init.body !== undefined || init.rawBody !== undefined ? 'POST' : 'GET'),
    headers,
    ...(init.rawBody !== undefined ? { body: init.rawBody } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: callers look at `text`
  }
  return { status: response.status, body, text, headers: response.headers };
}
