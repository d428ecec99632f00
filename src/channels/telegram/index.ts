/** What the composition root and the bot's tests use of the Telegram channel. */
export { createSendBudget, createTelegramChannel, defaultTenantWebhookRouter, type TelegramChannel, type TelegramChannelOptions } from './telegram-channel.js';
export { DEFAULT_SEND_LIMITS, SendBudget, type SendBudgetLimits, type SendPriority } from './send-budget.js';
export { TelegramAdapter, type TurnLogic } from './telegram-adapter.js';
export type { BotCommandsByLocale, BotCommandText } from './bot-commands.js';
export type { RecipientBlocked, RecipientBlockedHook } from './recipient-blocked.js';
export {
  createTelegramUpdateRepository,
  DEFAULT_CLAIM_LEASE_MS,
  UPDATE_ID_RETENTION_MS,
  type ClaimResult,
  type TelegramUpdateRepository,
  type TelegramUpdateRepositoryOptions,
  type UpdateClaim,
} from './update-repository.js';
export { TelegramApiError, TelegramConfigError, TelegramConversationError, TelegramRecipientBlockedError } from './telegram-errors.js';
export { DEFAULT_RETRY, DEFAULT_THROTTLE, type RetryOptions, type ThrottleOptions } from './outgoing-limits.js';
export { conversationIdOf } from './conversation-id.js';
