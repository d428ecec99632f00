import { autoRetry, type AutoRetryOptions } from '@grammyjs/auto-retry';
import type { Transformer } from 'grammy';
import { DEFAULT_SEND_LIMITS, type SendBudget, type SendBudgetLimits, type SendPriority } from './send-budget.js';

/**
 * Outgoing Bot API calls pass two transformers (grammY's way to shape every call at one place instead
 * of at each call site): the bot's one sending budget (send-budget.ts), which keeps all messages of the
 * bot together under Telegram's limits, and a bounded retry of the 429s that slip through anyway.
 */

/** Telegram's limits per scope (bot-wide, group, private chat); see SendBudgetLimits. */
export type ThrottleOptions = SendBudgetLimits;
export type RetryOptions = Partial<AutoRetryOptions>;

export const DEFAULT_THROTTLE: ThrottleOptions = DEFAULT_SEND_LIMITS;

/**
 * Bounds for interactive paths (a user waits; Telegram's webhook gives up after ~10 s).
 * The plugin's defaults retry forever; ours:
 */
export const DEFAULT_RETRY: RetryOptions = {
  // Default Infinity. 3 retries of a 429 are enough when the budget already spaces the calls.
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
export const MESSAGE_METHODS: ReadonlySet<string> = new Set([
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

/**
 * Every message of this Api takes its slot in the bot's budget at `priority` first; a 429 (on any
 * call) pauses the whole budget for its `retry_after`. Other calls pass straight through.
 */
export function budgetTransformer(budget: SendBudget, priority: SendPriority): Transformer {
  return async (prev, method, payload, signal) => {
    if (!MESSAGE_METHODS.has(method)) return pauseOn429(budget, await prev(method, payload, signal));
    const fields = payload as { chat_id?: number | string; allow_paid_broadcast?: boolean };
    // grammY types its signal with the abort-controller polyfill's AbortSignal; at run time it is Node's.
    const slot = await budget.acquire({ chatId: fields.chat_id ?? '', priority, paid: fields.allow_paid_broadcast === true, signal: signal as AbortSignal | undefined });
    // Aborted while waiting: grammY's own abort handling answers the call.
    if (!slot) return prev(method, payload, signal);
    try {
      return pauseOn429(budget, await prev(method, payload, signal));
    } finally {
      slot.done();
    }
  };
}

function pauseOn429<R extends { ok: boolean; error_code?: number; parameters?: { retry_after?: number } }>(budget: SendBudget, result: R): R {
  if (!result.ok && result.error_code === 429) budget.pause(result.parameters?.retry_after ?? 1);
  return result;
}

export function boundedRetry(options: RetryOptions = DEFAULT_RETRY): Transformer {
  return autoRetry({ ...DEFAULT_RETRY, ...options });
}
