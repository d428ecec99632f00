import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder-core';
import type { TurnQueue } from '../../bot/turn-queue.js';
import type { Logger } from '../../platform/logging/logger.js';
import { activityToTelegram, buttonSeqOf } from './activity-to-telegram.js';
import { chatIdOf } from './conversation-id.js';
import { inlineKeyboard } from './inline-keyboard.js';
import { TelegramConversationError } from './telegram-errors.js';
import type { TelegramSender } from './telegram-sender.js';

export type TurnLogic = (context: TurnContext) => Promise<void>;

export interface TelegramAdapterOptions {
  tenantId: string;
  sender: TelegramSender;
  turnQueue: TurnQueue;
  logger: Logger;
}

/**
 * The Bot Framework side of one tenant's Telegram bot: outgoing activities become Telegram messages,
 * and every turn (incoming or proactive) runs after the earlier turns of its conversation.
 */
export class TelegramAdapter extends BotAdapter {
  // Rendering warnings (a dropped button...) name the tenant they happened for.
  private readonly renderLogger: Logger;

  constructor(private readonly options: TelegramAdapterOptions) {
    super();
    this.renderLogger = options.logger.child({ tenantId: options.tenantId });
  }

  /** Runs an incoming activity as a turn, queued behind the conversation's earlier turns. */
  processActivity(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    const conversationId = activity.conversation?.id ?? '';
    return this.options.turnQueue.run(conversationId, () => this.runMiddleware(new TurnContext(this, activity), logic));
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    // One at a time: a person must see the question before its buttons and the file after its intro.
    for (const activity of activities) {
      const chatId = this.chatId(activity.conversation?.id ?? context.activity.conversation?.id);
      const messageId = await this.options.sender.send(chatId, activityToTelegram(activity, this.renderLogger));
      responses.push({ id: messageId === undefined ? '' : String(messageId) });
    }
    return responses;
  }

  /** Edits the text (and keyboard) of a message the bot sent; `activity.id` is its message id. */
  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const chatId = this.chatId(activity.conversation?.id ?? context.activity.conversation?.id);
    const keyboard = inlineKeyboard(activity.suggestedActions?.actions, buttonSeqOf(activity), this.renderLogger);
    await this.options.sender.editText(chatId, this.messageId(activity.id), activity.text ?? '', keyboard);
  }

  override async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const chatId = this.chatId(reference.conversation?.id ?? context.activity.conversation?.id);
    await this.options.sender.deleteMessage(chatId, this.messageId(reference.activityId));
  }

  /**
   * Proactive turn (reminder, broadcast, staff reply) from a stored reference. It waits for the
   * conversation's running turn, so never call it for the same conversation from inside its turn.
   */
  override async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    this.chatId(reference.conversation?.id);
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    await this.processActivity(activity, logic);
  }

  private chatId(conversationId: string | undefined): number {
    const chatId = chatIdOf(this.options.tenantId, conversationId);
    if (chatId === null) throw new TelegramConversationError(this.options.tenantId);
    return chatId;
  }

  private messageId(id: string | undefined): number {
    const messageId = Number(id);
    if (!Number.isSafeInteger(messageId) || messageId <= 0) throw new TypeError('telegram: activity id is not a message id');
    return messageId;
  }
}
