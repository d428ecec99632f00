import type { CardAction } from 'botbuilder-core';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from '../../platform/logging/logger.js';
import { encodeCallbackData } from './callback-data.js';

/**
 * Suggested actions and card buttons → a Telegram inline keyboard. A press comes back as a
 * callback_query carrying `${buttonSeq}|${payload}` (see callback-data.ts).
 */

// Short labels ("Ja", "Nein", "1"...) share rows of up to 3; longer ones get a row each so that
// Telegram does not cut them.
const SHORT_LABEL = 12;
const SHORT_ROW = 3;

export function inlineKeyboard(
  actions: readonly CardAction[] | undefined,
  buttonSeq: number,
  logger: Logger,
): InlineKeyboardMarkup | undefined {
  const buttons = (actions ?? []).flatMap((action) => {
    const button = toButton(action, buttonSeq, logger);
    return button ? [button] : [];
  });
  if (buttons.length === 0) return undefined;
  const short = buttons.every((button) => [...button.text].length <= SHORT_LABEL);
  const perRow = short ? SHORT_ROW : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return { inline_keyboard: rows };
}

function toButton(action: CardAction, buttonSeq: number, logger: Logger): InlineKeyboardButton | undefined {
  const payload = payloadOf(action);
  const label = firstText(action.title, action.displayText, payload);
  if (!label) {
    logger.warn({ actionType: action.type }, 'telegram: button without label skipped');
    return undefined;
  }
  if (action.type === 'openUrl') {
    const url = typeof action.value === 'string' ? action.value : '';
    // Telegram rejects the whole message for a bad URL button: drop the button instead.
    if (!/^(https?|tg):\/\//i.test(url)) {
      logger.warn({ actionType: action.type }, 'telegram: URL button without http(s) URL skipped');
      return undefined;
    }
    return { text: label, url };
  }
  if (action.type !== 'messageBack' && action.type !== 'imBack' && action.type !== 'postBack') {
    logger.warn({ actionType: action.type }, 'telegram: unsupported button type skipped');
    return undefined;
  }
  const { data, truncated } = encodeCallbackData(buttonSeq, payload ?? label);
  if (truncated) {
    logger.warn({ buttonSeq, payloadBytes: Buffer.byteLength(payload ?? '', 'utf8') }, 'telegram: button payload cut to 64 bytes');
  }
  return { text: label, callback_data: data };
}

function payloadOf(action: CardAction): string | undefined {
  if (action.type === 'messageBack') return firstText(action.text) ?? valueText(action.value);
  return valueText(action.value);
}

function valueText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function firstText(...candidates: Array<string | undefined>): string | undefined {
  return candidates.find((text) => typeof text === 'string' && text.trim() !== '');
}
