import { Bot, type ApiClientOptions } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { boundedRetry, messageThrottler, type RetryOptions, type ThrottleOptions } from './outgoing-limits.js';

export interface CreateBotOptions {
  token: string;
  /** The public Bot API, a local Bot API server, or a test double. */
  apiRoot: string;
  /** Known bot identity; without it the channel calls getMe once at start. */
  botInfo?: UserFromGetMe;
  throttle?: ThrottleOptions;
  retry?: RetryOptions;
}

export function createBot(options: CreateBotOptions): Bot {
  const bot = new Bot(options.token, {
    botInfo: options.botInfo,
    client: {
      apiRoot: options.apiRoot,
      // grammY's default node-fetch@2 client sends `connection: keep-alive`, which nock cannot
      // intercept (field notes); Node's own fetch works the same in production.
      fetch: globalThis.fetch as unknown as ApiClientOptions['fetch'],
    },
  });
  // The last transformer installed runs first: a retried 429 passes the rate gate again.
  bot.api.config.use(messageThrottler(options.throttle));
  bot.api.config.use(boundedRetry(options.retry));
  return bot;
}
