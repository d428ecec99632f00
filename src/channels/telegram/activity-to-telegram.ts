import type { Activity, Attachment, CardAction } from 'botbuilder-core';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from '../../platform/logging/logger.js';
import { decodeDataUri } from '../../bot/data-uri.js';
import { inlineKeyboard } from './inline-keyboard.js';
import { splitText } from '../../platform/text/split-text.js';
import { TELEGRAM_TEXT_LIMIT } from './telegram-limits.js';

/**
 * An outgoing activity → the Telegram messages a person will see, in order. Pure planning; the
 * sender performs the calls. Texts go out plain (no parse_mode), so text from users (a name, a
 * listing) can never inject markup.
 */

export type DocumentSource = { bytes: Buffer; filename: string } | { url: string };

export type OutgoingPart =
  | { kind: 'text'; text: string; keyboard?: InlineKeyboardMarkup }
  | { kind: 'document'; source: DocumentSource; keyboard?: InlineKeyboardMarkup }
  | { kind: 'typing' }
  | { kind: 'delay'; ms: number };

const HERO_CARD = 'application/vnd.microsoft.card.hero';
// Bot Framework's default for a `delay` activity without a value.
const DEFAULT_DELAY_MS = 1000;

export function buttonSeqOf(activity: Partial<Activity>): number {
  const seq: unknown = (activity.channelData as { buttonSeq?: unknown } | undefined)?.buttonSeq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : 0;
}

export function activityToTelegram(activity: Partial<Activity>, logger: Logger): OutgoingPart[] {
  switch (activity.type) {
    case 'typing':
      return [{ kind: 'typing' }];
    case 'delay': {
      const ms = Number(activity.value);
      return [{ kind: 'delay', ms: Number.isFinite(ms) && ms >= 0 ? ms : DEFAULT_DELAY_MS }];
    }
    case 'message':
      return messageParts(activity, logger);
    default:
      // Events, traces, endOfConversation...: nothing a Telegram user can see.
      return [];
  }
}

function messageParts(activity: Partial<Activity>, logger: Logger): OutgoingPart[] {
  const seq = buttonSeqOf(activity);
  const parts: OutgoingPart[] = textParts(activity.text);
  for (const attachment of activity.attachments ?? []) parts.push(...attachmentParts(attachment, seq, logger));
  const suggested = inlineKeyboard(activity.suggestedActions?.actions, seq, logger);
  if (suggested) {
    const last = parts.at(-1);
    if (last && (last.kind === 'text' || last.kind === 'document')) {
      last.keyboard = { inline_keyboard: [...(last.keyboard?.inline_keyboard ?? []), ...suggested.inline_keyboard] };
    } else {
      // Telegram cannot show a keyboard without a message to hang it on.
      logger.warn({ buttonSeq: seq }, 'telegram: suggested actions without text dropped');
    }
  }
  return parts;
}

function textParts(text: string | undefined, keyboard?: InlineKeyboardMarkup): OutgoingPart[] {
  const chunks = splitText(text ?? '', TELEGRAM_TEXT_LIMIT);
  return chunks.map((chunk, index) => ({
    kind: 'text',
    text: chunk,
    ...(keyboard && index === chunks.length - 1 ? { keyboard } : {}),
  }));
}

function attachmentParts(attachment: Attachment, seq: number, logger: Logger): OutgoingPart[] {
  if (attachment.contentType === HERO_CARD) {
    const card = (attachment.content ?? {}) as { title?: string; subtitle?: string; text?: string; buttons?: CardAction[] };
    const text = [card.title, card.subtitle, card.text].filter((line) => typeof line === 'string' && line.trim()).join('\n\n');
    const parts = textParts(text, inlineKeyboard(card.buttons, seq, logger));
    if (parts.length === 0) logger.warn({ contentType: attachment.contentType }, 'telegram: hero card without text dropped');
    return parts;
  }
  const url = attachment.contentUrl ?? '';
  if (url.startsWith('data:')) {
    const decoded = decodeDataUri(url);
    if (!decoded) {
      logger.warn({ contentType: attachment.contentType }, 'telegram: undecodable data: attachment dropped');
      return [];
    }
    return [{ kind: 'document', source: { bytes: decoded.bytes, filename: attachment.name || 'file' } }];
  }
  if (/^https?:\/\//i.test(url)) return [{ kind: 'document', source: { url } }];
  logger.warn({ contentType: attachment.contentType }, 'telegram: unsupported attachment dropped');
  return [];
}
