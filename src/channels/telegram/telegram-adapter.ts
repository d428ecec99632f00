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
import { describeError, TelegramConversationError } from './telegram-errors.js';
import type { TelegramSender } from './telegram-sender.js';
import { isPlaceholderId, placeholderId, SentMessages, textOfBlocks, TurnOutbox, type Block, type SentMessage } from './turn-outbox.js';

export type TurnLogic = (context: TurnContext) => Promise<void>;

export interface TelegramAdapterOptions {
  tenantId: string;
  /** Replies to incoming updates (the budget's `interactive` priority). */
  sender: TelegramSender;
  /** Proactive turns (reminders, staff replies: `proactive`); default `sender`. */
  proactiveSender?: TelegramSender;
  turnQueue: TurnQueue;
  logger: Logger;
}

const OUTBOX = Symbol('telegram outbox');

/**
 * The Bot Framework side of one tenant's Telegram bot: outgoing activities become Telegram messages,
 * and every turn (incoming or proactive) runs after the earlier turns of its conversation.
 *
 * Texts without buttons wait in the turn's outbox (turn-outbox.ts) and go out merged with the texts
 * after them: at a text with buttons, a file, "typing…" or a pause, and at the end of the turn. A
 * failure of such a send surfaces where the old one-by-one send would have been awaited last: at the
 * next send of the turn or at its end, inside the turn (so the turn error handler sees it). A
 * proactive turn sends at the end of each sendActivities call instead: its caller (the messenger)
 * learns of a failure from that call, so only the activities of one call are merged there.
 */
export class TelegramAdapter extends BotAdapter {
  // Rendering warnings (a dropped button...) name the tenant they happened for.
  private readonly renderLogger: Logger;
  private readonly sent = new SentMessages();

  constructor(private readonly options: TelegramAdapterOptions) {
    super();
    this.renderLogger = options.logger.child({ tenantId: options.tenantId });
  }

  /** Runs an incoming activity as a turn, queued behind the conversation's earlier turns. */
  processActivity(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    return this.runTurn(activity, logic, new TurnOutbox(this.options.sender, this.sent, true));
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const outbox = outboxOf(context) ?? new TurnOutbox(this.options.sender, this.sent, false);
    const ids: string[] = [];
    // One at a time: a person must see the question before its buttons and the file after its intro.
    for (const activity of activities) {
      const chatId = this.chatId(activity.conversation?.id ?? context.activity.conversation?.id);
      ids.push(await outbox.add(chatId, placeholderId(), activityToTelegram(activity, this.renderLogger)));
    }
    if (!outbox.holdsUntilTurnEnd) await outbox.flush();
    // A text that ends a message with buttons, a file: the message id. A text without buttons: its
    // placeholder, also once sent (several activities may share its message; the placeholder says which).
    return ids.map((id) => ({ id }));
  }

  /** Edits the text (and keyboard) of a message the bot sent; `activity.id` is its message id or an activity's placeholder. */
  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const chatId = this.chatId(activity.conversation?.id ?? context.activity.conversation?.id);
    const keyboard = inlineKeyboard(activity.suggestedActions?.actions, buttonSeqOf(activity), this.renderLogger);
    const found = await this.sentMessageOf(context, chatId, activity.id);
    if (!found.merged) {
      await this.sender(context).editText(chatId, found.messageId, activity.text ?? '', keyboard);
      return;
    }
    // One activity of a merged message: its paragraphs change, the others stay; the keyboard is its own if it carried it.
    const { message, owner } = found.merged;
    const blocks = message.blocks.map((block) => (block.owner === owner ? { ...block, text: activity.text ?? '' } : block)).filter(uniqueOwnerBlock(owner));
    const ownsKeyboard = message.blocks.at(-1)?.owner === owner;
    const markup = ownsKeyboard ? keyboard : message.keyboard;
    await this.sender(context).editText(chatId, message.messageId, textOfBlocks(blocks), markup);
    this.sent.record({ ...message, blocks, keyboard: markup });
  }

  override async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const chatId = this.chatId(reference.conversation?.id ?? context.activity.conversation?.id);
    const found = await this.sentMessageOf(context, chatId, reference.activityId);
    const rest = found.merged?.message.blocks.filter((block) => block.owner !== found.merged?.owner) ?? [];
    if (!found.merged || rest.length === 0) {
      await this.sender(context).deleteMessage(chatId, found.messageId);
      if (found.merged) this.sent.forget(found.merged.message);
      return;
    }
    // The other activities of the merged message stay: the message keeps their paragraphs.
    const { message, owner } = found.merged;
    const markup = message.blocks.at(-1)?.owner === owner ? undefined : message.keyboard;
    await this.sender(context).editText(chatId, message.messageId, textOfBlocks(rest), markup);
    this.sent.record({ ...message, blocks: rest, keyboard: markup });
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
    await this.runTurn(activity, logic, new TurnOutbox(this.options.proactiveSender ?? this.options.sender, this.sent, false));
  }

  private runTurn(activity: Partial<Activity>, logic: TurnLogic, outbox: TurnOutbox): Promise<void> {
    const conversationId = activity.conversation?.id ?? '';
    return this.options.turnQueue.run(conversationId, async () => {
      const context = new TurnContext(this, activity);
      context.turnState.set(OUTBOX, outbox);
      try {
        await this.runMiddleware(context, async (turn) => {
          await logic(turn);
          // Inside the turn: a failure here is the turn's, as if its last send had failed.
          await outbox.flush();
        });
      } catch (error) {
        outbox.discard();
        throw error;
      }
      // What the turn error handler sent (its apology); it never lets a failure of that fail the turn, nor do we.
      await outbox.flush().catch((error: unknown) => this.options.logger.warn({ tenantId: this.options.tenantId, ...describeError(error) }, 'telegram: message after a failed turn not sent'));
    });
  }

  private sender(context: TurnContext): TelegramSender {
    return outboxOf(context)?.holdsUntilTurnEnd === false ? (this.options.proactiveSender ?? this.options.sender) : this.options.sender;
  }

  /**
   * The message behind an activity id: a message id, or a placeholder (its run is sent first if it
   * still waits). `merged`: the message is known with the activities it is made of.
   */
  private async sentMessageOf(context: TurnContext, chatId: number, id: string | undefined): Promise<{ messageId: number; merged?: { message: SentMessage; owner: string } }> {
    if (isPlaceholderId(id)) {
      const outbox = outboxOf(context);
      if (outbox?.holds(id)) await outbox.flush();
      const message = this.sent.ofActivity(id);
      if (!message || message.chatId !== chatId) throw new TypeError('telegram: activity id is not a message id');
      return { messageId: message.messageId, merged: { message, owner: id } };
    }
    const messageId = this.messageId(id);
    const message = this.sent.ofMessage(chatId, messageId);
    // A message id names the activity that ended its message (the one that got this id back).
    const owner = message?.blocks.at(-1)?.owner;
    return message && owner && message.blocks.some((block) => block.owner !== owner) ? { messageId, merged: { message, owner } } : { messageId };
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

function outboxOf(context: TurnContext): TurnOutbox | undefined {
  return context.turnState.get(OUTBOX) as TurnOutbox | undefined;
}

/** Keeps the first block of `owner` (its new text) and drops its other parts (a long text edited is one text). */
function uniqueOwnerBlock(owner: string): (block: Block, index: number, blocks: Block[]) => boolean {
  return (block, index, blocks) => block.owner !== owner || blocks.findIndex((candidate) => candidate.owner === owner) === index;
}
