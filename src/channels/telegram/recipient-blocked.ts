import type { Logger } from '../../platform/logging/logger.js';
import { describeError } from './telegram-errors.js';

/**
 * A person blocked the bot (or deleted their account): Telegram will not deliver to their private chat
 * any more, and the profile behind it should be marked blocked. Only ever reported for private chats:
 * a group that removed the bot is no person.
 */
export interface RecipientBlocked {
  tenantId: string;
  /** Telegram chat id as a string (activities never carry raw numbers). */
  chatId: string;
  /** The person, always known: in a private chat it equals the chat id. */
  userId: string;
  /** `${tenantId}:${chatId}`, the conversation id in stored references. */
  conversationId: string;
  reason: 'send-forbidden' | 'chat-member-kicked';
}

export type RecipientBlockedHook = (event: RecipientBlocked) => void | Promise<void>;

/** Calls the hook; its failure is logged, never thrown into a turn or a webhook answer. */
export async function notifyRecipientBlocked(
  hook: RecipientBlockedHook | undefined,
  event: RecipientBlocked,
  logger: Logger,
): Promise<void> {
  logger.info({ tenantId: event.tenantId, chatId: event.chatId, reason: event.reason }, 'telegram: recipient blocked the bot');
  if (!hook) return;
  try {
    await hook(event);
  } catch (error) {
    logger.error({ tenantId: event.tenantId, chatId: event.chatId, ...describeError(error) }, 'telegram: onRecipientBlocked failed');
  }
}
