import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity, CardAction } from 'botframework-directlinejs';
import { createApp, type AppOverrides, type KosiApp } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config/load-config.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { connectDirectLine, type DirectLineTestClient } from './directline-client.js';
import { TEST_API_ROOT, TEST_BOT } from './telegram-api.js';

/** A token in BotFather's format, accepted by the configuration and by the nock fake of the Bot API. */
export const APP_TEST_TOKEN = `${TEST_BOT.id}:AAE-test-token-for-kosi-bot-tests-0123456789`;
export const APP_TEST_TENANT = 'wuppertal';

export interface TestAppOptions {
  /** Reuse a data directory, e.g. to prove what survives a restart. */
  dataDir?: string;
  /** With a Telegram bot (long polling off: updates are posted to the webhook). */
  telegram?: boolean;
  env?: Record<string, string>;
  overrides?: AppOverrides;
}

export interface TestApp {
  app: KosiApp;
  baseUrl: string;
  dataDir: string;
  /** Every log line the app wrote, as JSON text. */
  logs: string[];
  /** Opens the web chat as the demo page does; pass the ticket again to be the same person. */
  /** `locale`: the page's language (the widget's data-locale), which preselects the bot's. */
  openWebChat(options?: { ticket?: string; start?: string; locale?: string }): Promise<WebChatVisit>;
  /** The same person back in the same conversation (after a reload or a restart of the service). */
  resumeWebChat(visit: Pick<WebChatVisit, 'ticket' | 'conversationId'>): Promise<DirectLineTestClient>;
  /** Posts a Telegram update to the webhook with the right secret. */
  postTelegramUpdate(update: unknown): Promise<Response>;
  stop(): Promise<void>;
}

export interface WebChatVisit {
  client: DirectLineTestClient;
  ticket: string;
  conversationId: string;
  /** Presses the suggested action titled `title` on the newest bot activity that has one. */
  pressButton(title: string): Promise<void>;
  /** The texts of bot messages received after the given count. */
  botTextsSince(count: number): string[];
}

export const WEBHOOK_SECRET = 'app-test-webhook-secret_0123456789';

/** The whole app as `npm start` builds it, on a temp DATA_DIR and 127.0.0.1, with its logs captured. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'kosi-app-')));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    TENANT_ID: APP_TEST_TENANT,
    TENANT_NAME: 'Wuppertal',
    ...(options.telegram
      ? { TELEGRAM_BOT_TOKEN: APP_TEST_TOKEN, TELEGRAM_API_ROOT: TEST_API_ROOT, PUBLIC_URL: 'https://bot.example.org', TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET }
      : {}),
    ...options.env,
  };
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const app = await createApp(loadConfig(env), logger, {
    ...options.overrides,
    // A test that moves the clock runs jobs itself (app.scheduler.runDue()); others get a quick scan.
    scheduler: { mode: options.overrides?.clock ? 'manual' : 'automatic', processEvery: 500, ...options.overrides?.scheduler },
    telegram: {
      botInfo: TEST_BOT,
      // No per-chat pacing in tests: the limits themselves are tested in the channel's own suite.
      throttle: { global: {}, group: {}, out: { maxConcurrent: 1 } },
      startRetry: { firstMs: 50, maxMs: 200 },
      ...options.overrides?.telegram,
    },
  });
  const address = await app.start();
  const baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    app,
    baseUrl,
    dataDir,
    logs,
    async openWebChat(visit = {}) {
      const response = await fetch(`${baseUrl}/webchat/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...(visit.ticket ? { ticket: visit.ticket } : {}), ...(visit.start ? { start: visit.start } : {}), ...(visit.locale ? { locale: visit.locale } : {}) }),
      });
      if (!response.ok) throw new Error(`token route answered ${response.status}`);
      const { token, ticket, conversationId } = (await response.json()) as { token: string; ticket: string; conversationId: string };
      const client = connectDirectLine({ domain: `${baseUrl}/v3/directline`, token });
      return {
        client,
        ticket,
        conversationId,
        async pressButton(title) {
          const actionsOf = (activity: Activity): CardAction[] => (activity.type === 'message' ? (activity.suggestedActions?.actions ?? []) : []);
          const withButtons = [...client.activities].reverse().find((activity) => actionsOf(activity).length > 0);
          const action = withButtons && actionsOf(withButtons).find((candidate) => candidate.title === title);
          if (!action) throw new Error(`no button "${title}" on the newest bot message`);
          await client.press(action);
        },
        botTextsSince(count) {
          return client.activities
            .slice(count)
            .filter((activity: Activity) => activity.from.role === 'bot' && activity.type === 'message')
            .map((activity) => ('text' in activity ? (activity.text ?? '') : ''));
        },
      };
    },
    async resumeWebChat({ ticket, conversationId }) {
      const response = await fetch(`${baseUrl}/webchat/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ticket, conversationId }),
      });
      const answer = (await response.json()) as { token: string; conversationId: string };
      if (answer.conversationId !== conversationId) throw new Error('the token route started a new conversation instead of resuming');
      return connectDirectLine({ domain: `${baseUrl}/v3/directline`, token: answer.token, conversationId });
    },
    postTelegramUpdate(update) {
      return fetch(`${baseUrl}/telegram/${APP_TEST_TENANT}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
        body: JSON.stringify(update),
      });
    },
    async stop() {
      await app.stop();
    },
  };
}
