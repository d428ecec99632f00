import { Api, Bot, type ApiClientOptions } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { boundedRetry, budgetTransformer, type RetryOptions } from './outgoing-limits.js';
import type { SendBudget, SendPriority } from './send-budget.js';

export interface CreateBotOptions {
  token: string;
  /** The public Bot API, a local Bot API server, or a test double. */
  apiRoot: string;
  /** Known bot identity; without it the channel calls getMe once at start. */
  botInfo?: UserFromGetMe;
  /** The bot's one sending budget: its messages (replies) take their slots there as `interactive`. */
  budget: SendBudget;
  retry?: RetryOptions;
}

// grammY's default node-fetch@2 client sends `connection: keep-alive`, which nock cannot intercept
// (field notes); Node's own fetch works the same in production.
const clientOf = (apiRoot: string): ApiClientOptions => ({ apiRoot, fetch: globalThis.fetch as unknown as ApiClientOptions['fetch'] });

/** The bot of incoming updates: its Api sends the replies of conversations. */
export function createBot(options: CreateBotOptions): Bot {
  const bot = new Bot(options.token, { botInfo: options.botInfo, client: clientOf(options.apiRoot) });
  installLimits(bot.api, options.budget, 'interactive', options.retry);
  return bot;
}

/** Another Api of the same bot for proactive messages (reminders, staff replies): their slots come after the replies'. */
export function createProactiveApi(options: Omit<CreateBotOptions, 'botInfo'>): Api {
  const api = createPlainApi(options.token, options.apiRoot);
  installLimits(api, options.budget, 'proactive', options.retry);
  return api;
}

/** An Api without transformers: the announcement sender takes its slots in the budget itself (reserve, leave). */
export function createPlainApi(token: string, apiRoot: string): Api {
  return new Api(token, clientOf(apiRoot));
}

function installLimits(api: Api, budget: SendBudget, priority: SendPriority, retry: RetryOptions | undefined): void {
  // The last transformer installed runs first: a retried 429 passes the budget again.
  api.config.use(budgetTransformer(budget, priority));
  api.config.use(boundedRetry(retry));
}
