import type { Activity, ChannelAccount } from 'botbuilder-core';
import type { TurnQueue } from '../../bot/turn-queue.js';
import type { Logger } from '../../platform/logging/logger.js';
import { ConversationFullError, type ActivityLog } from './activity-log.js';
import type { ConversationRepository, NewConversation } from './conversation-repository.js';
import { DirectLineError, notFound, serviceUnavailable } from './directline-error.js';
import type { TenantDirectory } from './tenant-keys.js';
import { WEBCHAT_BOT, WEBCHAT_CHANNEL_ID, type WebChatAdapter } from './webchat-adapter.js';
import type { ConversationDoc } from './webchat-collections.js';

export interface ConversationServiceDeps {
  conversations: ConversationRepository;
  log: ActivityLog;
  adapter: WebChatAdapter;
  tenants: TenantDirectory;
  logger: Logger;
  clock: () => Date;
  /** Closed once shutdown began: no new input is taken then, since no turn would answer it. */
  turnQueue: Pick<TurnQueue, 'isClosed'>;
  /** Characters of the visitor's own activities one conversation may hold. */
  conversationChars: number;
  /** How often a queued or running turn renews its pending mark: 30 s, well inside UnansweredTurns' 2 minutes. */
  heartbeatMs?: number;
}

/** What Direct Line does to a conversation: create it, start it (tell the bot), take a user's activity. */
export class ConversationService {
  /** Turns queued or running in this process (activity ids, `start:<conversation>` for greetings). */
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: ConversationServiceDeps) {}

  /** Whether this process still has the turn (UnansweredTurns must leave it alone). */
  isInFlight(key: string): boolean {
    return this.inFlight.has(key);
  }

  create(input: NewConversation): Promise<ConversationDoc> {
    return this.deps.conversations.create(input);
  }

  async get(conversationId: string): Promise<ConversationDoc> {
    const conversation = await this.deps.conversations.find(conversationId);
    if (!conversation) throw notFound('the conversation does not exist (it may have been deleted)');
    return conversation;
  }

  /**
   * Tells the bot once that the user joined (conversationUpdate with membersAdded; the bot greets).
   * A deep-link payload rides along as `value: { start }`. Returns true for the first start.
   */
  async start(conversation: ConversationDoc, locale?: string): Promise<boolean> {
    // During shutdown the greeting's turn would be refused: leave the start to the next connect.
    if (conversation.startedAt || this.deps.turnQueue.isClosed) return false;
    const claimed = await this.deps.conversations.claimStart(conversation._id, conversation.locale ? undefined : locale);
    if (!claimed) return false;
    void this.greet(claimed);
    return true;
  }

  /** Runs the greeting's turn; its pending mark goes when the turn has finished (see UnansweredTurns). */
  greet(conversation: ConversationDoc): Promise<void> {
    const user: ChannelAccount = { id: conversation.userId, name: '', role: 'user' };
    const update: Partial<Activity> = {
      ...this.envelope(conversation, user),
      type: 'conversationUpdate',
      id: `${conversation._id}|start`,
      timestamp: this.deps.clock(),
      membersAdded: [user],
      ...(conversation.start === undefined ? {} : { value: { start: conversation.start } }),
    };
    return this.runInBackground(update, startKey(conversation._id), {
      touch: () => this.deps.conversations.touchStart(conversation._id),
      finished: () => this.deps.conversations.startAnswered(conversation._id),
    });
  }

  /**
   * Stores the user's activity in the stream first (Web Chat waits for its echo), then runs the turn.
   * It is stored with a pending mark that goes once the turn finished: a crash in between leaves it
   * for UnansweredTurns, so an accepted message is answered after a restart.
   * During shutdown: 503 before storing anything (Web Chat lets the person send it again).
   */
  async post(conversation: ConversationDoc, userId: string, clientActivity: Partial<Activity>): Promise<string> {
    if (this.deps.turnQueue.isClosed) throw serviceUnavailable('the service is restarting; send the message again in a moment');
    if (clientActivity.type === 'typing') return `${conversation._id}|typing`; // nothing to keep or answer
    const user: ChannelAccount = { id: userId, name: '', role: 'user' };
    const activity: Partial<Activity> = { ...clientActivity, ...this.envelope(conversation, user), locale: clientActivity.locale ?? this.localeOf(conversation) };
    let stored: Partial<Activity>;
    try {
      stored = await this.deps.log.appendFromVisitor(conversation.tenantId, conversation._id, activity, this.deps.conversationChars);
    } catch (error) {
      if (error instanceof ConversationFullError) {
        throw new DirectLineError(413, 'QuotaExceeded', `this conversation holds as much text as it may (${this.deps.conversationChars} characters of your messages); start a new conversation`);
      }
      throw error;
    }
    void this.answer(stored);
    return stored.id ?? '';
  }

  /** Runs the turn of a stored visitor activity and then clears its pending mark. */
  answer(stored: Partial<Activity>): Promise<void> {
    const id = stored.id ?? '';
    return this.runInBackground(stored, id, { touch: () => this.deps.log.touchPending(id), finished: () => this.deps.log.answered(id) });
  }

  private envelope(conversation: ConversationDoc, user: ChannelAccount): Partial<Activity> {
    return {
      channelId: WEBCHAT_CHANNEL_ID,
      serviceUrl: `webchat:${conversation.tenantId}`,
      conversation: { id: conversation._id, tenantId: conversation.tenantId, isGroup: false, conversationType: 'personal', name: '' },
      from: user,
      recipient: WEBCHAT_BOT,
      locale: this.localeOf(conversation),
    };
  }

  private localeOf(conversation: ConversationDoc): string {
    return conversation.locale ?? this.deps.tenants.get(conversation.tenantId)?.tenant.defaultLocale ?? 'de';
  }

  /**
   * A turn that failed even past the turn error handler (the store is unavailable) keeps its pending
   * mark, so that recovery runs it again later; one that finished, answered or apologised, loses it.
   * Never rejects.
   */
  private async runInBackground(activity: Partial<Activity>, key: string, mark: { touch: () => Promise<void>; finished: () => Promise<void> }): Promise<void> {
    if (this.inFlight.has(key)) return;
    this.inFlight.add(key);
    // While it waits behind earlier turns or runs, the mark stays fresh: only a dead process's turns look orphaned.
    const heartbeat = setInterval(() => void mark.touch().catch(() => undefined), this.deps.heartbeatMs ?? 30_000);
    heartbeat.unref();
    try {
      await this.deps.adapter.runTurn(activity);
    } catch (error) {
      this.deps.logger.error({ err: error, conversationId: activity.conversation?.id, activityType: activity.type }, 'webchat: turn failed');
      return;
    } finally {
      clearInterval(heartbeat);
      this.inFlight.delete(key);
    }
    await mark.finished().catch((error: unknown) => {
      this.deps.logger.warn({ err: error, conversationId: activity.conversation?.id }, 'webchat: could not mark a turn answered');
    });
  }
}

export const startKey = (conversationId: string): string => `start:${conversationId}`;
