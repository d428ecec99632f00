import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type ConversationAccount,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder-core';
import type { TurnQueue } from '../../bot/turn-queue.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { ActivityLog } from './activity-log.js';
import { storeDataAttachments } from './attachment-downloads.js';
import type { ConversationRepository } from './conversation-repository.js';
import type { FileRepository } from './file-repository.js';

export const WEBCHAT_CHANNEL_ID = 'webchat';
export const WEBCHAT_BOT: ChannelAccount = { id: 'kosi-bot', name: 'KoSI-Bot', role: 'bot' };
/** A `delay` activity pauses the bot's output (botbuilder convention); capped so a turn never hangs. */
const MAX_DELAY_MS = 5000;

export type BotLogic = (context: TurnContext) => Promise<void>;

export interface WebChatAdapterDeps {
  log: ActivityLog;
  conversations: ConversationRepository;
  files: FileRepository;
  turnQueue: TurnQueue;
  logic: BotLogic;
  logger: Logger;
}

export class ActivityNotFoundError extends Error {
  override name = 'ActivityNotFoundError';
  constructor() {
    super('the activity to change is not in this conversation');
  }
}

/**
 * The web chat's Bot Framework adapter: the bot's activities go into the conversation's activity
 * log, from where its WebSocket streams send them at once (or Web Chat picks them up with its next
 * poll). Works the same on every instance, because the log lives in the store.
 */
export class WebChatAdapter extends BotAdapter {
  constructor(private readonly deps: WebChatAdapterDeps) {
    super();
  }

  /** Runs the bot on an activity, after earlier turns of the same conversation. */
  runTurn(activity: Partial<Activity>): Promise<void> {
    const conversationId = activity.conversation?.id ?? '';
    return this.deps.turnQueue.run(conversationId, () => this.runMiddleware(new TurnContext(this, activity), this.deps.logic));
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, Math.min(Number(activity.value) || 1000, MAX_DELAY_MS)));
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.InvokeResponse) {
        responses.push({ id: '' }); // Web Chat sends no invokes that wait for an answer.
      } else {
        const stored = await this.append(this.outgoing(context, activity));
        responses.push({ id: stored.id ?? '' });
      }
    }
    return responses;
  }

  /** Replaces the activity for new readers and appends a copy with the same id, which Web Chat swaps in place. */
  async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const existing = await this.owned(context, activity.id);
    const replacement = { ...this.outgoing(context, activity), id: existing.id, timestamp: existing.timestamp };
    const withFiles = await this.withDownloads(replacement);
    await this.deps.log.replace({ ...withFiles, id: existing.id });
    await this.deps.log.append(tenantOf(withFiles), withFiles.conversation?.id ?? '', withFiles, true);
  }

  /** Web Chat cannot delete; a `messageDelete` with the same id replaces the message and renders nothing. */
  async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const existing = await this.owned(context, reference.activityId);
    const tombstone = { ...this.outgoing(context, { type: ActivityTypes.MessageDelete }), id: existing.id, timestamp: existing.timestamp };
    await this.deps.log.replace(tombstone);
    await this.deps.log.append(tenantOf(tombstone), tombstone.conversation?.id ?? '', tombstone, true);
  }

  /**
   * Proactive messages (reminders, broadcasts, staff replies): the activities land in the
   * conversation and the person sees them on the open stream or at the next poll. Queued behind the conversation's turns,
   * so do not await it from inside a turn of the same conversation.
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: BotLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.deps.turnQueue.run(reference.conversation?.id ?? '', () => this.runMiddleware(new TurnContext(this, activity), logic));
  }

  private outgoing(context: TurnContext, activity: Partial<Activity>): Partial<Activity> & { conversation: ConversationAccount } {
    const conversation = activity.conversation ?? context.activity.conversation;
    return {
      ...activity,
      channelId: WEBCHAT_CHANNEL_ID,
      from: WEBCHAT_BOT,
      conversation: { id: conversation.id, tenantId: conversation.tenantId ?? tenantFromId(conversation.id), isGroup: false, conversationType: 'personal', name: '' },
    };
  }

  private async append(activity: Partial<Activity>): Promise<Partial<Activity>> {
    return this.deps.log.append(tenantOf(activity), activity.conversation?.id ?? '', await this.withDownloads(activity));
  }

  private async withDownloads(activity: Partial<Activity>): Promise<Partial<Activity>> {
    if (!activity.attachments?.length) return activity;
    const conversationId = activity.conversation?.id ?? '';
    const conversation = await this.deps.conversations.find(conversationId);
    const owner = { tenantId: tenantOf(activity), conversationId, userId: conversation?.userId ?? activity.recipient?.id ?? '' };
    return storeDataAttachments(activity, owner, this.deps.files);
  }

  private async owned(context: TurnContext, id: string | undefined): Promise<Partial<Activity> & { id: string }> {
    const conversationId = context.activity.conversation.id;
    const existing = id?.startsWith(`${conversationId}|`) ? await this.deps.log.get(id) : null;
    if (!existing?.id) throw new ActivityNotFoundError();
    return existing as Partial<Activity> & { id: string };
  }
}

function tenantFromId(conversationId: string): string {
  return conversationId.slice(0, conversationId.indexOf(':'));
}

function tenantOf(activity: Partial<Activity>): string {
  return activity.conversation?.tenantId ?? tenantFromId(activity.conversation?.id ?? '');
}
