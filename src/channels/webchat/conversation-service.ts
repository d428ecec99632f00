import type { Activity, ChannelAccount } from 'botbuilder-core';
import type { TurnQueue } from '../../bot/turn-queue.js';
import type { Logger } from '../../logging/logger.js';
import type { ActivityLog } from './activity-log.js';
import type { ConversationRepository, NewConversation } from './conversation-repository.js';
import { notFound, serviceUnavailable } from './directline-error.js';
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
}

/** What Direct Line does to a conversation: create it, start it (tell the bot), take a user's activity. */
export class ConversationService {
  constructor(private readonly deps: ConversationServiceDeps) {}

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
    const user: ChannelAccount = { id: claimed.userId, name: '', role: 'user' };
    const update: Partial<Activity> = {
      ...this.envelope(claimed, user),
      type: 'conversationUpdate',
      id: `${claimed._id}|start`,
      timestamp: this.deps.clock(),
      membersAdded: [user],
      ...(claimed.start === undefined ? {} : { value: { start: claimed.start } }),
    };
    this.runInBackground(update);
    return true;
  }

  /**
   * Stores the user's activity in the stream first (Web Chat waits for its echo), then runs the turn.
   * During shutdown: 503 before storing anything (Web Chat lets the person send it again).
   */
  async post(conversation: ConversationDoc, userId: string, clientActivity: Partial<Activity>): Promise<string> {
    if (this.deps.turnQueue.isClosed) throw serviceUnavailable('the service is restarting; send the message again in a moment');
    if (clientActivity.type === 'typing') return `${conversation._id}|typing`; // nothing to keep or answer
    const user: ChannelAccount = { id: userId, name: '', role: 'user' };
    const activity: Partial<Activity> = { ...clientActivity, ...this.envelope(conversation, user), locale: clientActivity.locale ?? this.localeOf(conversation) };
    const stored = await this.deps.log.append(conversation.tenantId, conversation._id, activity);
    this.runInBackground(stored);
    return stored.id ?? '';
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

  private runInBackground(activity: Partial<Activity>): void {
    this.deps.adapter.runTurn(activity).catch((error: unknown) => {
      this.deps.logger.error({ err: error, conversationId: activity.conversation?.id, activityType: activity.type }, 'webchat: turn failed');
    });
  }
}
