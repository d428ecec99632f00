import { ActionTypes, type CardAction } from 'botbuilder-core';

/**
 * A button that opens a journey through its deep-link payload (`workshop-12`, `workshop-nogo-12`),
 * however much later it is pressed: for messages the bot sends on its own (reminders, follow-ups)
 * and for "next step" offers. Unlike question buttons it never goes stale, so the journey it opens
 * must be safe to open twice (a second "cannot come" says the seat is already free).
 */
export function actionButton(title: string, payload: string): CardAction {
  return { type: ActionTypes.MessageBack, title, text: `/open ${payload}`, displayText: title, value: {} };
}

export function isActionText(text: string | undefined): boolean {
  return /^\/open\s+\S/i.test(text?.trim() ?? '');
}
