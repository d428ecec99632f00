import type { InlineKeyboardMarkup } from 'grammy/types';
import type { CardAction } from 'botbuilder-core';
import { actionButton } from '../../../bot/action-buttons.js';
import { encodeCallbackData } from '../../../channels/telegram/callback-data.js';
import type { Broadcast, Delivery } from '../domain/broadcast.js';

/** Deep-link payload of the broadcast's button: counts the press, then opens the journey. */
export const CLICK_PAYLOAD_PREFIX = 'bclick-';
/** Deep-link payload of "unsubscribe this topic" (the chat journey of the topics dialog). */
export const TOPIC_OFF_PREFIX = 'topic-off-';

export interface BroadcastButtons {
  /** The button's title in the recipient's language, if the broadcast has a button. */
  label?: string;
  unsubscribeLabel: string;
  /** The counting redirect for a web link, when the service knows its public address. */
  clickUrl?: string;
}

/** Telegram: the broadcast's button (a link or a journey) and "unsubscribe topic", under the last message. */
export function telegramKeyboard(broadcast: Pick<Broadcast, 'button' | 'topic'>, delivery: Pick<Delivery, '_id'>, buttons: BroadcastButtons): InlineKeyboardMarkup {
  const rows: InlineKeyboardMarkup['inline_keyboard'] = [];
  if (broadcast.button && buttons.label) {
    rows.push([
      broadcast.button.kind === 'url'
        ? { text: buttons.label, url: buttons.clickUrl ?? broadcast.button.target }
        : { text: buttons.label, callback_data: encodeCallbackData(0, `/open ${CLICK_PAYLOAD_PREFIX}${delivery._id}`).data },
    ]);
  }
  rows.push([{ text: buttons.unsubscribeLabel, callback_data: encodeCallbackData(0, `/open ${TOPIC_OFF_PREFIX}${broadcast.topic}`).data }]);
  return { inline_keyboard: rows };
}

/** Web chat: the same two buttons as card actions (action buttons never go stale). */
export function webChatActions(broadcast: Pick<Broadcast, 'button' | 'topic'>, delivery: Pick<Delivery, '_id'>, buttons: BroadcastButtons): CardAction[] {
  const actions: CardAction[] = [];
  if (broadcast.button && buttons.label) {
    actions.push(
      broadcast.button.kind === 'url'
        ? { type: 'openUrl', title: buttons.label, value: buttons.clickUrl ?? broadcast.button.target }
        : actionButton(buttons.label, `${CLICK_PAYLOAD_PREFIX}${delivery._id}`),
    );
  }
  actions.push(actionButton(buttons.unsubscribeLabel, `${TOPIC_OFF_PREFIX}${broadcast.topic}`));
  return actions;
}
