import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type ErrorRequestHandler } from 'express';
import type { UserFromGetMe } from 'grammy/types';
import { TurnQueue } from '../../src/bot/turn-queue.js';
import { SUPPORTED_LOCALES, type TenantConfig } from '../../src/platform/config/config-types.js';
import {
  createTelegramChannel,
  defaultTenantWebhookRouter,
  type BotCommandsByLocale,
  type RecipientBlockedHook,
  type TelegramChannel,
  type TelegramChannelOptions,
  type TurnLogic,
} from '../../src/channels/telegram/index.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import type { DocumentStore } from '../../src/platform/store/document-store.js';
import { openStore } from '../../src/platform/store/open-store.js';
import { fakeTelegramApi, TEST_API_ROOT, TEST_BOT, TEST_TOKEN, type ApiCall, type FakeTelegramApi } from './telegram-api.js';

/**
 * One tenant's Telegram channel on a real embedded store in a temp dir and a real Express server on
 * 127.0.0.1, with the Bot API faked by nock. The bot's own tests reuse it with their real logic.
 */

export const TEST_SECRET = 'test-secret_0123456789';
export const TEST_TENANT: TenantConfig = {
  id: 'dortmund',
  name: 'Dortmund',
  defaultLocale: 'de',
  languages: SUPPORTED_LOCALES,
  telegram: { botToken: TEST_TOKEN, webhookSecret: TEST_SECRET, broadcastRate: 30, paidBroadcasts: false },
  webchat: { secret: 'webchat-secret' },
  demoContent: [],
  districts: [],
};

export interface TelegramHarnessOptions {
  logic: TurnLogic;
  /** Default: webhook mode at https://bot.example.org. `null` → long polling. */
  publicUrl?: string | null;
  /** Default TEST_BOT (no getMe); `null` → the channel calls getMe at start. */
  botInfo?: UserFromGetMe | null;
  onRecipientBlocked?: RecipientBlockedHook;
  commands?: BotCommandsByLocale;
  /** Prepare the fake API before start() (e.g. make getMe fail). */
  beforeStart?: (telegram: FakeTelegramApi) => void;
  overrides?: Partial<TelegramChannelOptions>;
}

export interface TelegramHarness {
  channel: TelegramChannel;
  /** Bot API calls since start() returned (start-up calls are in startCalls). */
  telegram: FakeTelegramApi;
  startCalls: ApiCall[];
  store: DocumentStore;
  turnQueue: TurnQueue;
  /** Every log line (JSON) the channel wrote. */
  logs: string[];
  baseUrl: string;
  /** POSTs to the tenant's webhook with the right secret unless told otherwise. */
  postUpdate(body: unknown, options?: { secret?: string | null; path?: string; rawBody?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function startTelegramHarness(options: TelegramHarnessOptions): Promise<TelegramHarness> {
  const telegram = fakeTelegramApi();
  const dataDir = await mkdtemp(join(tmpdir(), 'kosi-telegram-'));
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const store = await openStore({ dataDir }, logger);
  const turnQueue = new TurnQueue();
  const channel = createTelegramChannel({
    tenant: TEST_TENANT,
    apiRoot: TEST_API_ROOT,
    ...(options.publicUrl === null ? {} : { publicUrl: options.publicUrl ?? 'https://bot.example.org' }),
    store,
    logger,
    turnQueue,
    logic: options.logic,
    onRecipientBlocked: options.onRecipientBlocked,
    commands: options.commands ?? { de: [{ command: 'start', description: 'Start' }] },
    ...(options.botInfo === null ? {} : { botInfo: options.botInfo ?? TEST_BOT }),
    startRetry: { firstMs: 50, maxMs: 200 },
    pollingTimeoutSeconds: 1,
    ...options.overrides,
  });

  const app = express();
  // Like the host: the webhook routers come before its global body parser, so they read the body
  // themselves (after the secret check) and answer bad bodies on their own.
  app.use(channel.router);
  app.use(defaultTenantWebhookRouter(channel));
  app.use(express.json());
  // Like the host's error middleware, for whatever the routers pass on.
  const errors: ErrorRequestHandler = (error: { status?: number }, _req, res, _next) => {
    res.status(error.status ?? 500).json({ error: 'request failed' });
  };
  app.use(errors);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  options.beforeStart?.(telegram);
  await channel.start();
  const startCalls = [...telegram.calls];
  telegram.clear();

  return {
    channel,
    telegram,
    startCalls,
    store,
    turnQueue,
    logs,
    baseUrl,
    postUpdate(body, post = {}) {
      const secret = post.secret === undefined ? TEST_SECRET : post.secret;
      return fetch(`${baseUrl}${post.path ?? `/telegram/${TEST_TENANT.id}/webhook`}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
        body: post.rawBody ?? JSON.stringify(body),
      });
    },
    async close() {
      await channel.stop();
      await turnQueue.drain(2000);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Node's fetch keeps connections alive; close them instead of waiting 5 s for them.
        server.closeAllConnections();
      });
      await store.close();
      telegram.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
