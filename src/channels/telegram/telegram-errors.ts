import { GrammyError, HttpError } from 'grammy';

/**
 * A Bot API call failed. Carries the method and Telegram's answer (code, description, retry_after),
 * never the payload (message texts) or the request URL (it contains the bot token).
 */
export class TelegramApiError extends Error {
  override name = 'TelegramApiError';
  constructor(
    readonly method: string,
    readonly errorCode: number | undefined,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(`Telegram ${method} failed${errorCode === undefined ? '' : ` (${errorCode})`}: ${description}`);
  }
}

/**
 * Telegram refuses to deliver to this chat (403: blocked by the user, user deactivated, bot kicked,
 * never started): the channel has already told `onRecipientBlocked`; callers such as a broadcast
 * mark the recipient and never send to it again.
 */
export class TelegramRecipientBlockedError extends TelegramApiError {
  override name = 'TelegramRecipientBlockedError';
  constructor(
    method: string,
    description: string,
    readonly tenantId: string,
    readonly chatId: string,
  ) {
    super(method, 403, description);
  }
}

/** The channel cannot run with these settings (e.g. webhook mode without a secret). */
export class TelegramConfigError extends Error {
  override name = 'TelegramConfigError';
}

/** Every 403 on a send means "this chat no longer takes messages from the bot" (Bot API FAQ). */
export function isRecipientBlocked(error: unknown): error is GrammyError {
  return error instanceof GrammyError && error.error_code === 403;
}

/**
 * Turns grammY's errors into a TelegramApiError without payload or URL. A GrammyError keeps
 * the request payload (texts) and an HttpError the fetch error (URL with the token), so neither
 * may reach a log line as is.
 */
export function toTelegramApiError(method: string, error: unknown): TelegramApiError {
  if (error instanceof TelegramApiError) return error;
  if (error instanceof GrammyError) {
    return new TelegramApiError(method, error.error_code, error.description, error.parameters.retry_after);
  }
  if (error instanceof HttpError) return new TelegramApiError(method, undefined, 'network error');
  return new TelegramApiError(method, undefined, error instanceof Error ? error.name : 'unknown error');
}

/** Fields that are safe to log for any error thrown around the Bot API. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof TelegramApiError) {
    return { error: error.name, method: error.method, errorCode: error.errorCode, description: error.description };
  }
  if (error instanceof GrammyError || error instanceof HttpError) return describeError(toTelegramApiError('api', error));
  if (error instanceof Error) return { error: error.name, message: error.message };
  return { error: typeof error };
}

/** An activity or reference addressed to a conversation that is not one of this bot's chats. */
export class TelegramConversationError extends Error {
  override name = 'TelegramConversationError';
  constructor(tenantId: string) {
    super(`not a Telegram conversation of tenant ${tenantId}`);
  }
}
