import type { Update, UserFromGetMe } from 'grammy/types';
import type { Logger } from '../../platform/logging/logger.js';
import { StoreUnavailableError } from '../../platform/store/document-store.js';
import { conversationIdOf } from './conversation-id.js';
import { notifyRecipientBlocked, type RecipientBlockedHook } from './recipient-blocked.js';
import type { TelegramAdapter, TurnLogic } from './telegram-adapter.js';
import { describeError, TelegramRecipientBlockedError } from './telegram-errors.js';
import type { TelegramSender } from './telegram-sender.js';
import type { TelegramUpdateRepository } from './update-repository.js';
import { updateToActivity, type IncomingUpdate } from './update-to-activity.js';

export interface UpdatePipelineOptions {
  tenantId: string;
  updates: TelegramUpdateRepository;
  adapter: TelegramAdapter;
  sender: TelegramSender;
  logic: TurnLogic;
  logger: Logger;
  onRecipientBlocked?: RecipientBlockedHook;
}

export type Accepted =
  | { outcome: 'ignored' }
  /** The update does not have the shape of its kind (never from Telegram itself). */
  | { outcome: 'malformed' }
  /** Handled before: acknowledge it. */
  | { outcome: 'duplicate' }
  /**
   * Another delivery's turn holds a live claim (here or in a process that may have died): have the
   * update delivered again later, by then it is handled or its claim expired and can be taken over.
   */
  | { outcome: 'in-progress'; retryInMs: number }
  /**
   * `done` settles when the turn has run; it rejects when the turn failed and the claim was released
   * (with StoreUnavailableError when the store failed during the turn: the update must come again).
   */
  | { outcome: 'accepted'; done: Promise<void> };

export type UpdatePipeline = (update: Update, bot: UserFromGetMe) => Promise<Accepted>;

/**
 * The one path every update takes, from the webhook or from polling: map it, claim its id (a second
 * delivery stops here, unless the first claim expired: see DEFAULT_CLAIM_LEASE_MS), then run the
 * turn. A failed turn gives the id back so that Telegram's redelivery gets another chance. Store
 * outages propagate before anything ran.
 */
export function createUpdatePipeline(options: UpdatePipelineOptions): UpdatePipeline {
  const { tenantId, updates, logger } = options;

  return async (update, bot) => {
    let incoming: IncomingUpdate;
    try {
      incoming = updateToActivity(update, { tenantId, bot });
    } catch {
      logger.warn({ tenantId, updateId: update.update_id }, 'telegram: malformed update ignored');
      return { outcome: 'malformed' };
    }
    const fields = { tenantId, updateId: update.update_id, kind: incoming.kind };
    if (incoming.type === 'ignored') {
      // Membership changes (the bot added to or removed from a group) are rare and worth seeing.
      const level = incoming.kind === 'my_chat_member' ? 'info' : 'debug';
      logger[level]({ ...fields, reason: incoming.reason }, 'telegram: update ignored');
      return { outcome: 'ignored' };
    }
    const claimed = await updates.claim(tenantId, update.update_id);
    if (claimed.outcome === 'handled') {
      logger.info(fields, 'telegram: duplicate update skipped');
      return { outcome: 'duplicate' };
    }
    if (claimed.outcome === 'in-progress') {
      logger.info({ ...fields, retryInMs: claimed.retryInMs }, 'telegram: update is being handled, asking for it again later');
      return claimed;
    }
    const { claim } = claimed;
    if (claim.takenOver) logger.warn(fields, 'telegram: expired claim taken over, running the turn again');
    else logger.debug(fields, 'telegram: update accepted');
    const done = handle(incoming, options).then(
      () => settle(() => updates.markHandled(claim)),
      async (error: unknown) => {
        // Redelivering would hit the same 403: the update is done (the hook was told if a person blocked the bot).
        if (error instanceof TelegramRecipientBlockedError) return settle(() => updates.markHandled(claim));
        if (error instanceof StoreUnavailableError) {
          logger.warn({ ...fields, ...describeError(error) }, 'telegram: store unavailable during the turn, update released for redelivery');
        } else {
          logger.error({ ...fields, ...describeError(error) }, 'telegram: turn failed, update released for redelivery');
        }
        // If the store is down, this fails too: the claim then expires after its lease.
        await settle(() => updates.release(claim));
        throw error;
      },
    );
    return { outcome: 'accepted', done };
  };

  async function settle(write: () => Promise<void>): Promise<void> {
    // The turn has run; bookkeeping that fails now only costs a log line.
    await write().catch((error: unknown) => logger.warn({ tenantId, ...describeError(error) }, 'telegram: update bookkeeping failed'));
  }
}

async function handle(incoming: Exclude<IncomingUpdate, { type: 'ignored' }>, options: UpdatePipelineOptions): Promise<void> {
  const { tenantId, logger } = options;
  if (incoming.type === 'blocked') {
    const event = {
      tenantId,
      chatId: incoming.chatId,
      userId: incoming.userId,
      conversationId: conversationIdOf(tenantId, incoming.chatId),
      reason: 'chat-member-kicked' as const,
    };
    await notifyRecipientBlocked(options.onRecipientBlocked, event, logger);
    return;
  }
  // The spinner on the pressed button stops first, before the turn waits for its queue.
  if (incoming.pressed) await options.sender.acknowledgePress(incoming.pressed);
  await options.adapter.processActivity(incoming.activity, options.logic);
}
