import type { Activity, CardAction, TurnContext } from 'botbuilder-core';
import type { ConversationData } from './conversation-data.js';

/**
 * Every set of buttons the bot sends carries a sequence number (channelData.buttonSeq, and
 * value.buttonSeq on each messageBack action). A press of an older set, or a second press of an
 * answered set, is recognised as stale instead of being taken as an answer to today's question.
 */
export interface ButtonPress {
  seq: number;
  text: string;
}

export type PressVerdict = 'current' | 'duplicate' | 'stale';

export function buttonPressOf(activity: Partial<Activity>): ButtonPress | null {
  const seq = (activity.value as { buttonSeq?: unknown } | undefined)?.buttonSeq;
  if (typeof seq !== 'number' || !Number.isInteger(seq)) return null;
  return { seq, text: activity.text ?? '' };
}

export function judgePress(data: ConversationData, press: ButtonPress): PressVerdict {
  if (data.lastPress && data.lastPress.seq === press.seq && data.lastPress.text === press.text) return 'duplicate';
  if (press.seq !== data.buttonSeq || data.buttonConsumed) return 'stale';
  return 'current';
}

/** Any message answers the newest buttons, so that pressing them afterwards is stale. */
export function consumeButtons(data: ConversationData, press: ButtonPress | null): void {
  data.buttonConsumed = true;
  if (press) data.lastPress = press;
}

/** Stamps outgoing buttons of this turn with one new sequence number, and marks texts as plain. */
export function stampOutgoing(context: TurnContext, data: ConversationData): void {
  let seqOfTurn: number | undefined;
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) {
      if (activity.type === 'message' && !activity.textFormat) activity.textFormat = 'plain';
      const actions = buttonsOf(activity);
      if (actions.length === 0) continue;
      if (seqOfTurn === undefined) {
        data.buttonSeq += 1;
        data.buttonConsumed = false;
        seqOfTurn = data.buttonSeq;
      }
      activity.channelData = { ...(activity.channelData ?? {}), buttonSeq: seqOfTurn };
      for (const action of actions) {
        if (action.type === 'messageBack') action.value = { ...(isObject(action.value) ? action.value : {}), buttonSeq: seqOfTurn };
      }
    }
    return next();
  });
}

function buttonsOf(activity: Partial<Activity>): CardAction[] {
  const actions: CardAction[] = [...(activity.suggestedActions?.actions ?? [])];
  for (const attachment of activity.attachments ?? []) {
    const buttons = (attachment.content as { buttons?: CardAction[] } | undefined)?.buttons;
    if (Array.isArray(buttons)) actions.push(...buttons);
  }
  return actions.filter((action) => action.type === 'messageBack' || action.type === 'imBack' || action.type === 'postBack');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
