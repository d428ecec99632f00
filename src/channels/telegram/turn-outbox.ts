import type { InlineKeyboardMarkup } from 'grammy/types';
import { splitText } from '../../platform/text/split-text.js';
import type { OutgoingPart } from './activity-to-telegram.js';
import { TELEGRAM_TEXT_LIMIT } from './telegram-limits.js';
import type { TelegramSender } from './telegram-sender.js';

/**
 * Fewer bubbles on Telegram: the texts of one turn that have no buttons between them go out as one
 * message, paragraphs joined by a blank line, with the buttons of the text that ends the run. A run
 * ends at a text with buttons, a file, "typing…", a pause (`delay`), another chat, and at the end of
 * the turn; a run longer than 4096 characters becomes several messages, cut between the texts (a
 * single text that long is cut at its paragraphs, as before). The order of what a person sees does not
 * change, only the number of messages.
 *
 * Until its run is sent, an activity's id is a placeholder (`tg:<n>`); SentMessages knows which
 * message each activity ended up in, so that an edit or a delete of one activity touches only its
 * own paragraphs of a merged message.
 */

/** The blank line between merged texts. */
export const MERGE_SEPARATOR = '\n\n';

/** One activity's text (or one part of a long text) in a message. */
export interface Block {
  /** The activity's placeholder id. */
  owner: string;
  text: string;
}

/** A message the bot sent, and the activities it is made of. */
export interface SentMessage {
  chatId: number;
  messageId: number;
  /** Empty for a file. */
  blocks: Block[];
  keyboard?: InlineKeyboardMarkup;
}

export const textOfBlocks = (blocks: readonly Block[]): string => blocks.map((block) => block.text).join(MERGE_SEPARATOR);

/**
 * The messages the bot sent lately, by message and by activity (bounded: edits and deletes come within
 * a turn or soon after it, never for thousands of messages back).
 */
export class SentMessages {
  private readonly byMessage = new Map<string, SentMessage>();
  private readonly byActivity = new Map<string, SentMessage>();

  constructor(private readonly max = 2000) {}

  record(message: SentMessage): void {
    this.byMessage.set(messageKey(message.chatId, message.messageId), message);
    for (const block of message.blocks) this.byActivity.set(block.owner, message);
    while (this.byMessage.size > this.max) {
      const [oldest] = this.byMessage.keys();
      this.forget(this.byMessage.get(oldest!)!);
    }
    while (this.byActivity.size > this.max) {
      const [oldest] = this.byActivity.keys();
      this.byActivity.delete(oldest!);
    }
  }

  /** The message that holds (the last part of) this activity. */
  ofActivity(id: string): SentMessage | undefined {
    return this.byActivity.get(id);
  }

  ofMessage(chatId: number, messageId: number): SentMessage | undefined {
    return this.byMessage.get(messageKey(chatId, messageId));
  }

  forget(message: SentMessage): void {
    this.byMessage.delete(messageKey(message.chatId, message.messageId));
    for (const block of message.blocks) if (this.byActivity.get(block.owner) === message) this.byActivity.delete(block.owner);
  }
}

const messageKey = (chatId: number, messageId: number): string => `${chatId}:${messageId}`;

let lastPlaceholder = 0;
/** An activity's id until its message is sent: never a number, so it is never taken for a message id. */
export function placeholderId(): string {
  return `tg:${++lastPlaceholder}`;
}
export const isPlaceholderId = (id: string | undefined): id is string => id?.startsWith('tg:') === true;

/** The outgoing messages of one turn. */
export class TurnOutbox {
  private chatId: number | undefined;
  private blocks: Block[] = [];

  constructor(
    private readonly sender: TelegramSender,
    private readonly sent: SentMessages,
    /** True: a run waits for the end of the turn; false: for the end of each sendActivities call (proactive turns). */
    readonly holdsUntilTurnEnd: boolean,
  ) {}

  /** True while the activity's text waits in the run. */
  holds(owner: string): boolean {
    return this.blocks.some((block) => block.owner === owner);
  }

  /**
   * Adds one activity's parts; returns its id: the id of the message that carries (the end of) it once
   * sent, its placeholder while its text waits, '' when it shows nothing.
   */
  async add(chatId: number, owner: string, parts: readonly OutgoingPart[]): Promise<string> {
    if (this.chatId !== undefined && this.chatId !== chatId) await this.flush();
    let id = '';
    for (const part of parts) {
      if (part.kind === 'text') {
        this.chatId = chatId;
        this.blocks.push({ owner, text: part.text });
        id = part.keyboard ? String(await this.flush(part.keyboard)) : owner;
      } else if (part.kind === 'document') {
        await this.flush();
        const messageId = await this.sender.sendDocument(chatId, part.source, part.keyboard);
        this.sent.record({ chatId, messageId, blocks: [], ...(part.keyboard ? { keyboard: part.keyboard } : {}) });
        id = String(messageId);
      } else if (part.kind === 'typing') {
        await this.flush();
        await this.sender.typing(chatId);
      } else {
        await this.flush();
        await this.sender.pause(part.ms);
      }
    }
    return id;
  }

  /** Sends the run (the keyboard under its last message); the id of that message, undefined if nothing waited. */
  async flush(keyboard?: InlineKeyboardMarkup): Promise<number | undefined> {
    const chatId = this.chatId;
    const blocks = this.blocks;
    this.blocks = [];
    if (chatId === undefined || blocks.length === 0) return undefined;
    const messages = packBlocks(blocks, TELEGRAM_TEXT_LIMIT);
    let last: number | undefined;
    for (const [index, message] of messages.entries()) {
      const markup = index === messages.length - 1 ? keyboard : undefined;
      last = await this.sender.sendText(chatId, textOfBlocks(message), markup);
      this.sent.record({ chatId, messageId: last, blocks: message, ...(markup ? { keyboard: markup } : {}) });
    }
    return last;
  }

  /** Forgets what waits (the turn failed before it could be sent). */
  discard(): void {
    this.blocks = [];
  }
}

/**
 * Texts → messages of at most `limit` characters: as many whole texts per message as fit, joined by a
 * blank line; a text longer than the limit on its own is cut at paragraphs (splitText).
 */
export function packBlocks(blocks: readonly Block[], limit: number): Block[][] {
  const messages: Block[][] = [];
  let current: Block[] = [];
  let length = 0;
  for (const whole of blocks) {
    const pieces = whole.text.length > limit ? splitText(whole.text, limit).map((text) => ({ owner: whole.owner, text })) : [whole];
    for (const block of pieces) {
      const added = (current.length > 0 ? MERGE_SEPARATOR.length : 0) + block.text.length;
      if (current.length > 0 && length + added > limit) {
        messages.push(current);
        current = [];
        length = 0;
      }
      length += (current.length > 0 ? MERGE_SEPARATOR.length : 0) + block.text.length;
      current.push(block);
    }
  }
  if (current.length > 0) messages.push(current);
  return messages;
}
