import type { RequestHandler, Router } from 'express';
import { GrammyError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { TurnQueue } from '../../bot/turn-queue.js';
import type { TelegramTenantConfig, TenantConfig } from '../../platform/config/config-types.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { DocumentStore } from '../../platform/store/document-store.js';
import { TelegramAnnouncementSender } from './announcement-sender.js';
import { publishCommands, type BotCommandsByLocale } from './bot-commands.js';
import { createBot, createPlainApi, createProactiveApi } from './create-bot.js';
import { createLongPolling } from './long-polling.js';
import type { RetryOptions, ThrottleOptions } from './outgoing-limits.js';
import type { RecipientBlockedHook } from './recipient-blocked.js';
import { isValidWebhookSecret } from './secret-token.js';
import { SendBudget } from './send-budget.js';
import { TelegramAdapter, type TurnLogic } from './telegram-adapter.js';
import { describeError, TelegramConfigError } from './telegram-errors.js';
import { TelegramSender } from './telegram-sender.js';
import { createUpdatePipeline } from './update-pipeline.js';
import { createTelegramUpdateRepository } from './update-repository.js';
import { ALLOWED_UPDATES } from './update-to-activity.js';
import { createWebhookHandlers, webhookRouter } from './webhook-handler.js';

export interface TelegramChannelOptions {
  tenant: TenantConfig;
  apiRoot: string;
  /** Set → webhook mode at `${publicUrl}/telegram/<tenantId>/webhook`; unset → long polling. */
  publicUrl?: string;
  store: DocumentStore;
  logger: Logger;
  turnQueue: TurnQueue;
  logic: TurnLogic;
  onRecipientBlocked?: RecipientBlockedHook;
  commands: BotCommandsByLocale;
  /** Known identity (skips getMe): tests, or a deployment that configures it. */
  botInfo?: UserFromGetMe;
  /** Telegram's limits (tests turn some off); ignored when `budget` is given. */
  throttle?: ThrottleOptions;
  /** The bot token's one sending budget, when the caller shares it; else the channel makes its own. */
  budget?: SendBudget;
  retry?: RetryOptions;
  webhookTimeoutMs?: number;
  pollingTimeoutSeconds?: number;
  /** Long polling's back-off while the store is down (before and during a turn): 1 s doubling to 30 s. */
  pollingRetry?: { firstMs: number; maxMs: number };
  /** How long an update's claim protects its turn before a redelivery may take it over (see DEFAULT_CLAIM_LEASE_MS: 60 s). */
  claimLeaseMs?: number;
  /** The clock of the update claims (tests). */
  clock?: () => Date;
  /** Back-off of the start-up calls (getMe, setWebhook) while Telegram is unreachable: 1 s doubling to 60 s. */
  startRetry?: { firstMs: number; maxMs: number };
}

export interface TelegramChannel {
  readonly tenantId: string;
  readonly adapter: TelegramAdapter;
  /** POST /telegram/<tenantId>/webhook */
  readonly router: Router;
  /** The webhook handlers, to mount elsewhere (see defaultTenantWebhookRouter). */
  readonly webhookHandlers: RequestHandler[];
  /** Sends broadcast messages in the bot's budget after everything else, without retries (see sendBroadcastMessage). */
  readonly broadcastSender: TelegramAnnouncementSender;
  /** The bot's one sending budget: replies, proactive messages and announcements take their slots there. */
  readonly budget: SendBudget;
  /** The bot's @username once known (for t.me links). */
  botUsername(): string | undefined;
  /** True once the bot knows who it is and until stop(): readiness. */
  isReady(): boolean;
  /** getMe, then setWebhook or polling, then the command menus. Never rejects: failures retry in the background. */
  start(): Promise<void>;
  /** Stops polling and webhook input; turns in flight are the turn queue's to drain. */
  stop(): Promise<void>;
}

const TENANT_ID = /^[A-Za-z0-9_-]+$/;

export function createTelegramChannel(options: TelegramChannelOptions): TelegramChannel {
  const { tenant, logger: parent } = options;
  const tenantId = tenant.id;
  const telegram = tenant.telegram;
  if (!telegram) throw new TelegramConfigError(`tenant ${tenantId} has no Telegram bot token`);
  if (!TENANT_ID.test(tenantId)) throw new TelegramConfigError(`tenant id ${tenantId} cannot be part of the webhook URL`);
  const secret = telegram.webhookSecret;
  if (options.publicUrl && !(secret && isValidWebhookSecret(secret))) {
    throw new TelegramConfigError(`tenant ${tenantId}: webhook mode needs a secret of 1-256 characters A-Z a-z 0-9 _ -`);
  }
  // Every line names its tenant itself: the modules also log without this child.
  const logger = parent.child({ component: 'telegram' });
  const budget = options.budget ?? createSendBudget(telegram, options.throttle);
  const limits = { token: telegram.botToken, apiRoot: options.apiRoot, budget, retry: options.retry };
  const bot = createBot({ ...limits, botInfo: options.botInfo });
  const senderFor = (api: typeof bot.api) => new TelegramSender({ api, tenantId, logger, onRecipientBlocked: options.onRecipientBlocked });
  const sender = senderFor(bot.api);
  const broadcastSender = new TelegramAnnouncementSender(senderFor(createPlainApi(telegram.botToken, options.apiRoot)), budget);
  const adapter = new TelegramAdapter({ tenantId, sender, proactiveSender: senderFor(createProactiveApi(limits)), turnQueue: options.turnQueue, logger });
  const pipeline = createUpdatePipeline({
    tenantId,
    updates: createTelegramUpdateRepository(options.store, { now: options.clock, leaseMs: options.claimLeaseMs }),
    adapter,
    sender,
    logic: options.logic,
    logger,
    onRecipientBlocked: options.onRecipientBlocked,
  });
  const polling = createLongPolling({ bot, tenantId, pipeline, logger, timeoutSeconds: options.pollingTimeoutSeconds, retry: options.pollingRetry });
  const botInfo = (): UserFromGetMe | undefined => (bot.isInited() ? bot.botInfo : undefined);
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const webhookHandlers = createWebhookHandlers({
    tenantId,
    secret,
    botInfo,
    accepting: () => !stopped,
    pipeline,
    logger,
    timeoutMs: options.webhookTimeoutMs,
  });

  async function connect(): Promise<void> {
    if (!bot.isInited()) bot.botInfo = await bot.api.getMe();
    if (options.publicUrl) {
      const url = `${options.publicUrl.replace(/\/+$/, '')}/telegram/${tenantId}/webhook`;
      await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ALLOWED_UPDATES, drop_pending_updates: false });
      logger.info({ tenantId, mode: 'webhook' }, 'telegram: webhook set');
    } else {
      polling.start();
    }
    await publishCommands(bot.api, options.commands, tenant.defaultLocale, logger, tenantId);
  }

  async function connectWithRetry(delay: number): Promise<void> {
    if (stopped) return;
    try {
      await connect();
    } catch (error) {
      // 4xx (wrong token, refused webhook URL): retrying cannot help; readiness stays red if getMe failed.
      if (error instanceof GrammyError && error.error_code >= 400 && error.error_code < 500 && error.error_code !== 429) {
        logger.error({ tenantId, ...describeError(error) }, 'telegram: start-up call refused, not retrying');
        return;
      }
      const { maxMs } = options.startRetry ?? { maxMs: 60_000 };
      logger.warn({ tenantId, retryInMs: delay, ...describeError(error) }, 'telegram: start-up call failed, retrying');
      retryTimer = setTimeout(() => void connectWithRetry(Math.min(delay * 2, maxMs)), delay);
    }
  }

  return {
    tenantId,
    adapter,
    router: webhookRouter(`/telegram/${tenantId}/webhook`, webhookHandlers),
    webhookHandlers,
    broadcastSender,
    budget,
    botUsername: () => botInfo()?.username,
    isReady: () => !stopped && botInfo() !== undefined,
    start: () => {
      stopped = false;
      return connectWithRetry(options.startRetry?.firstMs ?? 1000);
    },
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      await polling.stop();
    },
  };
}

/** POST /telegram/webhook for the default tenant (the address before there were several cities). */
export function defaultTenantWebhookRouter(channel: TelegramChannel): Router {
  return webhookRouter('/telegram/webhook', channel.webhookHandlers);
}

/**
 * The sending budget of one bot token: Telegram's limits (or those given), announcements at the
 * bot's broadcast rate (`TELEGRAM_BROADCAST_RATE`; paid broadcasts count against it instead of the free limit).
 */
export function createSendBudget(telegram: Pick<TelegramTenantConfig, 'broadcastRate'>, throttle?: ThrottleOptions): SendBudget {
  return new SendBudget({ limits: throttle, announcements: { rate: telegram.broadcastRate } });
}
