import { autoRetry, type AutoRetryOptions } from '@grammyjs/auto-retry';
import { apiThrottler, type APIThrottlerOptions } from '@grammyjs/transformer-throttler';
import type { Transformer } from 'grammy';

/**
 * Outgoing Bot API calls pass two transformers (grammY's way to shape every call at one place instead
 * of at each call site): a rate gate that keeps us under Telegram's limits, and a bounded retry of
 * the 429s that slip through anyway.
 */

export type ThrottleOptions = APIThrottlerOptions;
export type RetryOptions = Partial<AutoRetryOptions>;

/**
 * Telegram's limits (Bot API FAQ): ~30 messages/s in bulk, 20/min per group, "avoid more than one
 * message per second in a single chat" with short bursts allowed.
 */
export const DEFAULT_THROTTLE: ThrottleOptions = {
  // All chats together: 30 per 1000 ms (the plugin's default, Telegram's bulk limit).
  global: { reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 1000 },
  // One group: one at a time, ≥ 1000 ms apart, 20 per 60 s (the plugin's default, Telegram's group limit).
  group: { maxConcurrent: 1, minTime: 1000, reservoir: 20, reservoirRefreshAmount: 20, reservoirRefreshInterval: 60_000 },
  // One private chat: a burst of 3 (a turn's question + buttons + file), then 1 per 1000 ms. The plugin's
  // default (minTime 1000 ms) would delay the 2nd message of every turn by a second. A chat's limiter
  // is dropped after 60 s idle (Bottleneck's default 300 s keeps broadcast recipients' timers alive).
  out: {
    maxConcurrent: 1,
    reservoir: 3,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseInterval: 1000,
    reservoirIncreaseMaximum: 3,
    heartbeatInterval: 500,
    timeout: 60_000,
  },
};

/**
 * Bounds for interactive paths (a user waits; Telegram's webhook gives up after ~10 s).
 * The plugin's defaults retry forever; ours:
 */
export const DEFAULT_RETRY: RetryOptions = {
  // Default Infinity. 3 retries of a 429 are enough when the throttler already spaces the calls.
  maxRetryAttempts: 3,
  // Default Infinity (waits any retry_after). A 429 asking for more than 10 s fails the call instead:
  // the answer would come too late for a chat and would block the chat's turn queue.
  maxDelaySeconds: 10,
  // Default false: 5xx are retried after 3, 6, 12... s (doubling up to 1 h), 21 s for 3 retries —
  // beyond the webhook budget. Rethrown, the turn fails and Telegram redelivers the update.
  rethrowInternalServerErrors: true,
  // Default false: network errors are retried without limit (maxRetryAttempts does not count them),
  // 3 s doubling up to 1 h. Rethrown for the same reason.
  rethrowHttpErrors: true,
};

// Only these count as messages for Telegram's limits; chat actions, edits and callback answers
// must not queue behind them (a "typing" would delay the reply by a second).
const MESSAGE_METHODS = new Set([
  'sendMessage',
  'sendDocument',
  'sendPhoto',
  'sendAudio',
  'sendVideo',
  'sendVoice',
  'sendAnimation',
  'sendMediaGroup',
  'sendLocation',
  'sendContact',
  'sendPoll',
  'copyMessage',
  'forwardMessage',
]);

export function messageThrottler(options: ThrottleOptions = DEFAULT_THROTTLE): Transformer {
  const throttled = apiThrottler(options);
  return (prev, method, payload, signal) =>
    MESSAGE_METHODS.has(method) ? throttled(prev, method, payload, signal) : prev(method, payload, signal);
}

export function boundedRetry(options: RetryOptions = DEFAULT_RETRY): Transformer {
  return autoRetry({ ...DEFAULT_RETRY, ...options });
}
